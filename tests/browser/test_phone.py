"""Liaison on a phone: at 390 × 844 no page scrolls sideways, the header's menu opens without JavaScript,
tables stack into labelled rows, the month lists its days with activities, and printing a record prints the
record without the navigation, search, buttons and forms.
"""

from conftest import click_and_wait
from every_page import LONG_EMAIL, LONG_TITLE, every_page, viewport
from selenium.webdriver.common.by import By

PHONE = (390, 844)

# The elements that stick out past the right edge of the viewport, widest first: what to fix when a page
# scrolls sideways.
OVERFLOWING = """
const width = document.documentElement.clientWidth;
return [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > width + 1 && getComputedStyle(e).display !== 'none')
  .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
  .slice(0, 5)
  .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + e.className : ''}`
    + ` right=${Math.round(e.getBoundingClientRect().right)}`);
"""


def sideways(browser):
    """None when the page fits its width, else what sticks out."""
    wide = browser.execute_script("return document.documentElement.scrollWidth > window.innerWidth")
    if not wide:
        return None
    widths = browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]")
    return f"scrollWidth {widths[0]} > innerWidth {widths[1]}: {browser.execute_script(OVERFLOWING)}"


def test_no_page_scrolls_sideways_on_a_phone(browser, server):
    pages = every_page(browser, server)
    wide = []
    with viewport(browser, *PHONE):
        for name, url in pages:
            browser.get(url)
            assert browser.find_elements(By.TAG_NAME, "h1"), f"{name} ({url}) has no heading"
            if problem := sideways(browser):
                wide.append(f"{name} ({url}): {problem}")
        browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
        browser.get(f"{server}/sign-in")
        if problem := sideways(browser):
            wide.append(f"sign-in: {problem}")
    assert not wide, "pages wider than a phone:\n" + "\n".join(wide)


def test_the_menu_opens_without_javascript(browser, server):
    with viewport(browser, *PHONE):
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
        try:
            browser.get(f"{server}/people")
            people = browser.find_element(By.CSS_SELECTOR, "header.top nav a[href='/calendar']")
            assert not people.is_displayed(), "the menu is open before it is asked for"
            assert browser.find_element(By.ID, "global-search").is_displayed(), "the search box is out of reach"
            browser.find_element(By.CSS_SELECTOR, "details.menu > summary").click()
            assert people.is_displayed()
            assert browser.find_element(By.ID, "account-link").is_displayed()
            click_and_wait(browser, people)
            assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Calendar") or "/calendar" in browser.current_url
        finally:
            browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    # On a wide screen the links are in the header with no menu to open. (Selenium's is_displayed takes
    # whatever is inside a closed <details> for hidden, whatever the stylesheet does: the browser is asked.)
    browser.get(f"{server}/people")
    calendar = browser.find_element(By.CSS_SELECTOR, "header.top nav a[href='/calendar']")
    assert browser.execute_script("return arguments[0].checkVisibility()", calendar)
    assert calendar.rect["width"] > 0 and calendar.rect["y"] < 60
    assert not browser.find_element(By.CSS_SELECTOR, "details.menu > summary").is_displayed()


def test_tables_stack_into_labelled_rows(browser, server):
    every_page(browser, server)
    with viewport(browser, *PHONE):
        browser.get(f"{server}/organizations")
        assert not browser.find_element(By.CSS_SELECTOR, "table.directory thead").is_displayed()
        row = browser.find_element(By.CSS_SELECTOR, "table.directory tbody tr")
        country = row.find_element(By.CSS_SELECTOR, "td[data-label='Country']")
        assert country.is_displayed(), row.get_attribute("outerHTML")[:1500]
        label = browser.execute_script(
            "return getComputedStyle(arguments[0], '::before').content", country)
        assert label == '"Country"'
        browser.get(f"{server}/people?q=Zhiyuanlongvaluetest")
        assert LONG_EMAIL in browser.find_element(By.CSS_SELECTOR, "td[data-label='Contact']").text


def test_the_month_lists_the_days_with_activities(browser, server):
    every_page(browser, server)
    with viewport(browser, *PHONE):
        browser.get(f"{server}/calendar?view=month&date=2026-11-01")
        days = [d for d in browser.find_elements(By.CSS_SELECTOR, "#month-grid td") if d.is_displayed()]
        assert days, "no day shown"
        assert all(d.find_elements(By.TAG_NAME, "li") for d in days), "a day without activities is shown"
        assert all(d.get_attribute("class") != "outside" for d in days)
        assert any("20 Nov 2026" in d.text and LONG_TITLE[:10] in d.text for d in days)
    # At full width it stays a grid of every day.
    browser.get(f"{server}/calendar?view=month&date=2026-11-01")
    assert len([d for d in browser.find_elements(By.CSS_SELECTOR, "#month-grid td") if d.is_displayed()]) >= 35


def test_printing_a_record_prints_the_record(browser, server):
    pages = dict(every_page(browser, server))
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        for name in ("organization", "person with long values", "activity (the event)"):
            browser.get(pages[name])
            assert browser.find_element(By.TAG_NAME, "h1").is_displayed()
            for hidden in ("header.top", "form.search", "footer.bottom"):
                assert not browser.find_element(By.CSS_SELECTOR, hidden).is_displayed(), f"{name}: {hidden}"
            for hidden in browser.find_elements(By.CSS_SELECTOR, "main a.button, main button, main form:not(.attendance)"):
                assert not hidden.is_displayed(), f"{name} prints {hidden.get_attribute('outerHTML')[:80]}"
        assert "Guangzhou" in browser.find_element(By.ID, "participants").text
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
