"""Journeys a member of staff walks through the directory, in a real browser."""

from urllib.parse import quote

from conftest import click_and_wait, wait_for_new_page
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def search(browser, server, text):
    """Types into the search box every page has, and submits it."""
    browser.get(f"{server.url}/organizations")
    box = browser.find_element(By.ID, "global-search")
    box.clear()
    box.send_keys(text)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.search button"))


def result_names(browser):
    return [a.text for a in browser.find_elements(By.CSS_SELECTOR, "table.directory tbody th a")]


def open_profile(browser, server, name):
    search(browser, server, name)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, name))


def open_edit_form(browser, server, name):
    open_profile(browser, server, name)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "a[href$='/edit']"))


def choose_and_wait(browser, select_id, text):
    """Picks an option in a filter, which reloads the directory with it applied."""
    select = Select(browser.find_element(By.ID, select_id))
    wait_for_new_page(browser, lambda: select.select_by_visible_text(text))


def fill(browser, field_id, value):
    element = browser.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(value)


def save(browser):
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))


def test_search_by_latin_name_shows_the_native_name(browser, server):
    search(browser, server, "guangzhou")
    assert result_names(browser) == ["Guangzhou"]
    assert browser.find_element(By.CSS_SELECTOR, "table.directory tbody th span.native").text == "广州"


def test_search_in_native_script_alias_prefix_and_without_accents(browser, server):
    search(browser, server, "广州")
    assert result_names(browser) == ["Guangzhou"]
    search(browser, server, "佛山")
    assert result_names(browser) == ["Foshan"]
    search(browser, server, "guang")
    assert "Guangzhou" in result_names(browser)
    search(browser, server, "canton")
    assert result_names(browser) == ["Guangzhou"]
    search(browser, server, "bogota")
    assert result_names(browser) == ["Bogotá"]


def test_profile_shows_the_city(browser, server):
    search(browser, server, "guangzhou")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Guangzhou"))
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert "Guangzhou" in heading and "广州" in heading
    facts = browser.find_element(By.CSS_SELECTOR, "main").text
    assert "1993" in facts
    assert "China" in facts
    assert "Co-presidency" in facts


def test_edit_a_field_and_see_it(browser, server):
    open_edit_form(browser, server, "Foshan")
    fill(browser, "f-population", "9700000")
    save(browser)
    assert browser.find_element(By.CSS_SELECTOR, "div.notice").text == "Changes saved."
    assert "9,700,000" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text


def test_bad_form_shows_every_error_and_keeps_the_input(browser, server):
    open_edit_form(browser, server, "Dongguan")
    fill(browser, "f-name", "")
    fill(browser, "f-latitude", "91")
    fill(browser, "f-population", "lots")
    save(browser)

    assert browser.find_element(By.ID, "error-summary").is_displayed()
    assert browser.find_element(By.ID, "f-name-error").text == "Name is required."
    assert "between -90" in browser.find_element(By.ID, "f-latitude-error").text
    assert browser.find_element(By.ID, "f-population-error").text == "Enter a whole number."
    assert browser.find_element(By.ID, "f-latitude").get_attribute("value") == "91"
    assert browser.find_element(By.ID, "f-population").get_attribute("value") == "lots"
    assert browser.find_element(By.ID, "f-nativeName").get_attribute("value") == "东莞"
    assert browser.find_element(By.ID, "f-name").get_attribute("aria-invalid") == "true"

    fill(browser, "f-name", "Dongguan")
    fill(browser, "f-latitude", "23.0207")
    fill(browser, "f-population", "10466625")
    save(browser)
    assert browser.find_element(By.CSS_SELECTOR, "div.notice").text == "Changes saved."
    assert "10,466,625" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text


def test_filters_narrow_the_directory(browser, server):
    browser.get(f"{server.url}/organizations")
    everyone = browser.find_element(By.ID, "result-count").text
    # Choosing in a filter applies it at once (a small script submits the form).
    choose_and_wait(browser, "f-region", "Asia-Pacific")
    choose_and_wait(browser, "f-status", "Member")

    assert "region=asia-pacific" in browser.current_url
    badges = [b.text for b in browser.find_elements(By.CSS_SELECTOR, "table.directory tbody .badge[class*=status-]")]
    assert badges and set(badges) == {"Member"}
    assert int(browser.find_element(By.ID, "result-count").text.split()[0]) < int(everyone.split()[0])


def test_create_then_delete_an_organization(browser, server):
    browser.get(f"{server.url}/organizations/new")
    fill(browser, "f-name", "Test City Zeta")
    Select(browser.find_element(By.ID, "f-country")).select_by_value("ES")
    Select(browser.find_element(By.ID, "f-region")).select_by_value("europe")
    save(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Test City Zeta"

    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "a[href$='/delete']"))
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button.danger"))
    assert browser.current_url.startswith(f"{server.url}/organizations")
    browser.get(f"{server.url}/organizations?q={quote('zeta')}")
    assert result_names(browser) == []
    assert "No organization matches" in browser.find_element(By.CSS_SELECTOR, "main").text


def test_markup_in_a_name_stays_text(browser, server):
    payload = "<img src=x onerror=alert(1)>"
    browser.get(f"{server.url}/organizations/new")
    fill(browser, "f-name", payload)
    Select(browser.find_element(By.ID, "f-country")).select_by_value("FR")
    save(browser)
    heading = browser.find_element(By.TAG_NAME, "h1")
    assert heading.text == payload
    assert heading.find_elements(By.TAG_NAME, "img") == []
