"""Journeys through the membership pipeline: move Foshan across the board to joined and see it become a
member; and a newcomer adds a city to the pipeline from its page.

Foshan starts at "intent expressed" in the demo. The journey that makes it a member runs after the directory
and home journeys that count Foshan among the prospects (files run in alphabetical order).
"""

import uuid

from conftest import click_and_wait, fill
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def column(browser, stage):
    return browser.find_element(By.CSS_SELECTOR, f"section.board-column[aria-label='{stage}']")


def card(browser, stage, name):
    return column(browser, stage).find_element(
        By.XPATH, f".//li[contains(@class,'card')][.//a[text()='{name}']]")


def move(browser, stage, name, to):
    found = card(browser, stage, name)
    Select(found.find_element(By.TAG_NAME, "select")).select_by_visible_text(to)
    click_and_wait(browser, found.find_element(By.CSS_SELECTOR, "button[type=submit]"))


def test_move_foshan_across_the_board_to_joined_and_see_it_become_a_member(browser, server):
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "nav a[href='/pipeline']"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Membership pipeline"
    foshan = card(browser, "Intent expressed", "Foshan")
    assert "Join by: World Congress in Brussels" in foshan.text
    # The move proposed first is the next step forward.
    assert Select(foshan.find_element(By.TAG_NAME, "select")).first_selected_option.text == "Applied"

    move(browser, "Intent expressed", "Foshan", "Applied")
    assert card(browser, "Applied", "Foshan")
    assert "Foshan" not in column(browser, "Intent expressed").text
    move(browser, "Applied", "Foshan", "Joined")
    assert card(browser, "Joined", "Foshan")

    # Its page keeps every move; its organization is now a member.
    click_and_wait(browser, card(browser, "Joined", "Foshan").find_element(By.LINK_TEXT, "Foshan"))
    history = browser.find_element(By.CSS_SELECTOR, "ol.moves").text
    assert "Applied → Joined" in history and "Intent expressed → Applied" in history
    assert "Met → Intent expressed" in history
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Organization's page"))
    facts = browser.find_element(By.CSS_SELECTOR, "aside.key-facts").text
    assert "Member since" in facts
    section = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=pipeline-h]")
    assert "Joined" in section.text

    # The funnel counts it among the joined.
    browser.get(f"{server.url}/pipeline/funnel")
    joined = browser.find_element(By.XPATH, "//tr[th[text()='Joined']]")
    assert joined.find_element(By.CSS_SELECTOR, "td[data-label='Total']").text == "1"


def test_add_a_new_city_to_the_pipeline_from_its_page(browser, server):
    name = f"Huizhou {uuid.uuid4().hex[:6]}"
    browser.get(f"{server.url}/organizations/new")
    fill(browser, "f-name", name)
    Select(browser.find_element(By.ID, "f-country")).select_by_value("CN")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))
    section = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=pipeline-h]")
    assert "Not in the membership pipeline" in section.text
    click_and_wait(browser, section.find_element(By.LINK_TEXT, "Add to the pipeline"))

    # A likelihood out of range is named beside its field; nothing is stored.
    Select(browser.find_element(By.ID, "f-stage")).select_by_visible_text("Contacted")
    fill(browser, "f-likelihood", "150")
    fill(browser, "f-nextStep", "Invite to the Congress")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))
    assert "percentage from 0 to 100" in browser.find_element(By.ID, "error-summary").text
    fill(browser, "f-likelihood", "30")
    fill(browser, "f-stageNote", "Letter sent to the mayor's office")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))
    assert browser.find_element(By.TAG_NAME, "h1").text == f"{name} in the membership pipeline"
    assert "Letter sent to the mayor's office" in browser.find_element(By.CSS_SELECTOR, "ol.moves").text

    browser.get(f"{server.url}/pipeline?country=CN")
    assert card(browser, "Contacted", name)
