"""Journeys through reports: the trip report written on the mission of the demo calendar, its cities linked
from its text, then found on Foshan's page; and a report whose text carries markup a person typed, which the page shows as
text, with no element made of it and no script run.
"""

import re
import uuid

from conftest import click_and_wait, fill
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

MISSION = "Mission to Guangzhou and the Greater Bay Area"
REPORT_URL = re.compile(r"/reports/(\d+)")


def write_report(browser, server, title, body, activity=None):
    browser.get(f"{server}/reports/new")
    fill(browser, "f-title", title)
    fill(browser, "f-body", body)
    Select(browser.find_element(By.ID, "f-status")).select_by_value("shared")
    if activity:
        Select(browser.find_element(By.ID, "f-activityId")).select_by_visible_text(activity)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))
    match = REPORT_URL.search(browser.current_url)
    assert match, f"not on a report's page: {browser.current_url}"
    return match.group(1)


def test_write_the_trip_report_on_the_mission_and_foshans_page_lists_it(browser, server):
    title = f"Trip report {uuid.uuid4().hex[:8]}"
    report = write_report(
        browser, server, title,
        "Foshan and Dongguan were very positive.\n\n- [ ] follow up with Foshan on membership due 2027-01-15",
        activity=MISSION)
    assert "follow up with Foshan on membership" in browser.find_element(By.ID, "follow-up-list").text
    # The text names Foshan and Dongguan: both are linked on save.
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#link-list a[href^='/organizations/']")]
    assert {"Foshan", "Dongguan"} <= set(names)
    foshan = browser.find_element(By.XPATH, "//ul[@id='link-list']//a[text()='Foshan']")
    click_and_wait(browser, foshan)
    assert browser.find_element(By.CSS_SELECTOR, f"#reports a[href='/reports/{report}']").text == title


def test_markup_typed_in_a_report_stays_text(browser, server):
    payloads = "<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n<svg onload=alert(1)>\n\n**bold**"
    write_report(browser, server, f"Markup {uuid.uuid4().hex[:8]}", payloads)
    text = browser.find_element(By.ID, "report-text")
    assert text.find_elements(By.TAG_NAME, "strong"), "Markdown itself is rendered"
    assert not browser.find_elements(By.CSS_SELECTOR, "#report-text img, #report-text svg, [onerror], [onload]")
    assert not browser.find_elements(By.CSS_SELECTOR, "a[href^='javascript:']")
    assert "<img src=x onerror=alert(1)>" in text.text
    alerts = browser.execute_script("return typeof window.liaisonAlerted")
    assert alerts == "undefined"
    try:
        browser.switch_to.alert
        raise AssertionError("an alert was shown")
    except Exception as error:  # NoAlertPresentException: nothing ran
        assert "alert was shown" not in str(error)
