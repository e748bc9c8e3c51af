"""Journeys through follow-ups: add one from an organization's page, find it among my follow-ups, tick it
done in one click and see it done.

The follow-up each test adds has a title no other test uses, so they pass in any order.
"""

import uuid

from conftest import click_and_wait, fill
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def test_add_a_follow_up_open_my_follow_ups_tick_it_done_and_see_it_done(browser, server):
    title = f"Send Foshan the Congress programme {uuid.uuid4().hex[:6]}"

    # From Foshan's page, with Foshan already ticked on the form; assigned to me by default.
    browser.get(f"{server.url}/organizations?q=Foshan")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Foshan"))
    section = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=follow-ups-h]")
    click_and_wait(browser, section.find_element(By.LINK_TEXT, "Add a follow-up"))
    foshan = browser.find_element(By.CSS_SELECTOR, "input[name=organizationIds]")
    assert foshan.is_selected()
    fill(browser, "f-title", title)
    fill(browser, "f-dueDate", "2030-01-15")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))
    assert browser.find_element(By.TAG_NAME, "h1").text == title

    # My follow-ups, through the menu: it is there, still to do; one click marks it done.
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "nav a[href='/follow-ups']"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "My follow-ups"
    line = browser.find_element(By.XPATH, f"//li[contains(@class,'follow-up')][.//a[text()='{title}']]")
    assert "Foshan" in line.text
    click_and_wait(browser, line.find_element(By.CSS_SELECTOR, f"button[aria-label='Done: {title}']"))
    assert browser.current_url.startswith(f"{server.url}/follow-ups")
    assert title not in browser.find_element(By.TAG_NAME, "main").text

    # Among the done ones it shows as done, and its page offers to reopen it.
    Select(browser.find_element(By.ID, "f-status")).select_by_visible_text("Done")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
    line = browser.find_element(By.XPATH, f"//li[contains(@class,'follow-up')][.//a[text()='{title}']]")
    assert "Done" in line.find_element(By.CSS_SELECTOR, ".badge").text
    assert not line.find_elements(By.TAG_NAME, "button")
    click_and_wait(browser, line.find_element(By.LINK_TEXT, title))
    assert browser.find_element(By.CSS_SELECTOR, ".actions button[type=submit]").text == "Reopen"
