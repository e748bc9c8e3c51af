"""Journeys a member of staff walks through the directory, in a real browser.

Each test stands alone: the ones that change data change a city no other test looks at (Foshan, Dongguan)
or make their own organization, so they pass in any order.
"""

import re

import pytest
from conftest import click_and_wait, wait_for_new_page
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

DEMO_ORGANIZATIONS = 165  # in the demo network
PROFILE_URL = r"/organizations/\d+(\?[^/]*)?$"  # a profile, perhaps with ?saved=1


# What a person does ----------------------------------------------------------------------------------

def search_for(browser, server, text):
    """Types `text` into the directory's own search field and applies it."""
    browser.get(f"{server}/organizations")
    box = browser.find_element(By.ID, "f-q")
    box.clear()
    box.send_keys(text)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))


def open_profile(browser, server, name):
    """Finds `name` with the search box and follows its link in the results."""
    search_for(browser, server, name)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, name))


def open_edit_form(browser, server, name):
    open_profile(browser, server, name)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "a[href$='/edit']"))


def fill(browser, field_id, value):
    field = browser.find_element(By.ID, field_id)
    field.clear()
    field.send_keys(value)


def choose(browser, select_id, value):
    Select(browser.find_element(By.ID, select_id)).select_by_value(value)


def choose_filter(browser, select_id, value):
    """Picks an option in the directory's filters. With JavaScript on, that applies the filters at once;
    without it nothing happens until Apply is pressed, which the caller does in any case."""
    try:
        wait_for_new_page(browser, lambda: choose(browser, select_id, value))
    except TimeoutException:
        pass


def save(browser):
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))


# What a person sees ----------------------------------------------------------------------------------

def text_of(browser, css):
    return browser.find_element(By.CSS_SELECTOR, css).text


def results(browser):
    """The directory's rows as (name, name in native script or None)."""
    rows = []
    for heading in browser.find_elements(By.CSS_SELECTOR, "table.directory tbody th"):
        native = heading.find_elements(By.CSS_SELECTOR, "span.native")
        rows.append((heading.find_element(By.TAG_NAME, "a").text, native[0].text if native else None))
    return rows


def result_names(browser):
    return [name for name, _ in results(browser)]


def result_count(browser):
    """The number in "165 organizations" above the table."""
    return int(re.match(r"\d+", text_of(browser, "#result-count")).group())


def table_rows(browser):
    """The directory's rows on this page, each as {column heading: the text shown in that column}."""
    return browser.execute_script("""
        const headings = [...document.querySelectorAll("table.directory thead th")].map(th => th.innerText.trim());
        return [...document.querySelectorAll("table.directory tbody tr")].map(row =>
            Object.fromEntries([...row.cells].map((cell, i) => [headings[i], cell.innerText.trim()])));
    """)


def facts(browser):
    return "\n".join(dl.text for dl in browser.find_elements(By.CSS_SELECTOR, "dl.facts"))


def field_value(browser, field_id):
    return browser.find_element(By.ID, field_id).get_attribute("value")


# Journeys --------------------------------------------------------------------------------------------

def test_search_the_directory_by_latin_name(browser, server):
    search_for(browser, server, "guangzhou")
    assert results(browser) == [("Guangzhou", "广州")]
    assert text_of(browser, "#result-count") == "1 organization"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("广州", "Guangzhou"),  # native script
        ("佛山", "Foshan"),
        ("guang", "Guangzhou"),  # the start of a name
        ("canton", "Guangzhou"),  # an alias
        ("bogota", "Bogotá"),  # without the accent
    ],
    ids=["native-guangzhou", "native-foshan", "prefix", "alias", "no-accent"],
)
def test_search_finds_across_scripts_aliases_and_accents(browser, server, query, expected):
    search_for(browser, server, query)
    assert expected in result_names(browser)
    assert field_value(browser, "f-q") == query  # the box still shows what was searched


def test_open_a_profile_from_the_results(browser, server):
    search_for(browser, server, "guangzhou")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Guangzhou"))

    heading = text_of(browser, "h1")
    assert "Guangzhou" in heading and "广州" in heading
    assert text_of(browser, "h1 span.native") == "广州"
    assert "1993" in facts(browser)
    assert "China" in facts(browser)


def test_edit_a_field_and_see_it_on_the_profile(browser, server):
    open_edit_form(browser, server, "Foshan")
    fill(browser, "f-population", "9700000")
    save(browser)

    assert re.search(PROFILE_URL, browser.current_url)
    assert text_of(browser, "div.notice") == "Changes saved."
    assert "9,700,000" in facts(browser)


def test_a_bad_form_shows_every_error_and_keeps_what_was_typed(browser, server):
    open_edit_form(browser, server, "Dongguan")
    latitude, population = field_value(browser, "f-latitude"), field_value(browser, "f-population")
    fill(browser, "f-name", "")
    fill(browser, "f-latitude", "91")
    fill(browser, "f-population", "lots")
    save(browser)

    summary = browser.find_element(By.ID, "error-summary")
    assert summary.is_displayed()
    assert text_of(browser, "#f-name-error") == "Name is required."
    assert re.search(r"between -90(\.0)? and 90", text_of(browser, "#f-latitude-error"))
    assert text_of(browser, "#f-population-error") == "Enter a whole number."
    for field_id in ("f-name", "f-latitude", "f-population"):
        assert browser.find_element(By.ID, field_id).get_attribute("aria-invalid") == "true"
        assert summary.find_elements(By.CSS_SELECTOR, f"a[href='#{field_id}']"), f"{field_id} not in the summary"
    assert field_value(browser, "f-latitude") == "91"
    assert field_value(browser, "f-population") == "lots"
    assert field_value(browser, "f-nativeName") == "东莞"
    assert Select(browser.find_element(By.ID, "f-country")).first_selected_option.get_attribute("value") == "CN"

    fill(browser, "f-name", "Dongguan")
    fill(browser, "f-latitude", latitude)
    fill(browser, "f-population", population)
    save(browser)
    assert text_of(browser, "div.notice") == "Changes saved."
    assert "Dongguan" in text_of(browser, "h1")
    assert f"{int(population):,}" in facts(browser)


def test_filters_narrow_the_directory(browser, server):
    browser.get(f"{server}/organizations")
    everyone = result_count(browser)  # the demo's 165, and whatever other tests have added
    assert everyone >= DEMO_ORGANIZATIONS
    choose_filter(browser, "f-region", "asia-pacific")
    choose_filter(browser, "f-status", "member")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))

    assert "region=asia-pacific" in browser.current_url
    assert "status=member" in browser.current_url
    count = result_count(browser)
    assert 0 < count < DEMO_ORGANIZATIONS

    rows_seen = 0
    while True:  # every row on every page
        rows = table_rows(browser)
        for row in rows:
            assert row["Status"] in ("Member", "Member Paying"), row
            assert row["Region"] == "Asia-Pacific", row
        rows_seen += len(rows)
        next_page = browser.find_elements(By.CSS_SELECTOR, "nav.pager a[rel=next]")
        if not next_page:
            break
        click_and_wait(browser, next_page[0])
    assert rows_seen == count


def test_create_then_delete_an_organization(browser, server):
    browser.get(f"{server}/organizations/new")
    fill(browser, "f-name", "Test City Zeta")
    choose(browser, "f-country", "ES")
    choose(browser, "f-region", "europe")
    save(browser)

    assert re.search(PROFILE_URL, browser.current_url)
    assert text_of(browser, "h1") == "Test City Zeta"
    assert "Spain" in facts(browser) and "Europe" in facts(browser)

    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "a[href$='/delete']"))
    assert "Test City Zeta" in text_of(browser, "main")  # the confirmation names what goes
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert re.search(r"/organizations/?(\?.*)?$", browser.current_url)
    assert text_of(browser, "h1") == "Directory"

    search_for(browser, server, "zeta")
    assert result_names(browser) == []
    assert result_count(browser) == 0


def test_markup_typed_in_a_name_is_shown_as_text(browser, server):
    markup = "<img src=x onerror=alert(1)>"
    browser.get(f"{server}/organizations/new")
    fill(browser, "f-name", markup)
    choose(browser, "f-country", "FR")
    save(browser)

    heading = browser.find_element(By.TAG_NAME, "h1")
    assert heading.text == markup
    assert heading.find_elements(By.TAG_NAME, "img") == []
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert
