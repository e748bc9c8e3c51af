"""Journeys from the home page: sign in and land on it, see this week's activity, open an organization and its
history fold; and the directory's bulk actions on ticked rows: export them, add them to an activity.

The activity each test records has a title no other test uses, so they pass in any order.
"""

import csv
import datetime as dt
import time
import uuid

from conftest import click_and_wait, sign_in, fill
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def unique(title):
    return f"{title} {uuid.uuid4().hex[:6]}"


def record_activity_today(browser, title):
    """Records a call today (UTC) through the home page's quick action."""
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "nav.quick-actions a[href='/activities/new']"))
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    Select(browser.find_element(By.ID, "f-kind")).select_by_visible_text("Call")
    for field, value in (("f-title", title), ("f-startDate", today), ("f-startTime", "00:05"),
                         ("f-endDate", today), ("f-endTime", "23:55")):
        fill(browser, field, value)
    zone = browser.find_element(By.ID, "f-timeZone")
    zone.clear()
    zone.send_keys("UTC")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))
    assert "/activities/" in browser.current_url


def test_sign_in_land_home_see_the_week_open_an_organization_and_its_history(anonymous_browser, server):
    browser = anonymous_browser
    sign_in(browser, server.url, server.admin_email, server.admin_password)
    assert browser.current_url.rstrip("/") == server.url
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Welcome, ")

    title = unique("Call this week")
    record_activity_today(browser, title)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "a.brand"))
    week = browser.find_element(By.ID, "week")
    assert week.find_element(By.TAG_NAME, "h2").text == "This week"
    assert title in week.text

    browser.find_element(By.ID, "global-search").send_keys("Guangzhou")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.search button[type=submit]"))
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Guangzhou"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Guangzhou")
    facts = browser.find_element(By.CSS_SELECTOR, "aside.key-facts").text
    assert "China (CN)" in facts and "Member since 1993" in facts

    history = browser.find_element(By.ID, "history")
    assert history.get_attribute("open") is None
    assert not history.find_element(By.CSS_SELECTOR, "ol.history").is_displayed()
    history.find_element(By.TAG_NAME, "summary").click()
    assert history.find_element(By.CSS_SELECTOR, "ol.history").is_displayed()
    assert "Created" in history.find_element(By.CSS_SELECTOR, "ol.history").text


def tick(browser, names):
    for name in names:
        row = browser.find_element(By.XPATH, f"//table[contains(@class,'directory')]//tr[.//a[text()='{name}']]")
        row.find_element(By.CSS_SELECTOR, "input[type=checkbox][name=ids]").click()


def test_ticked_organizations_join_an_activity_and_export_as_csv(browser, server, tmp_path):
    title = unique("Workshop for the ticked")
    browser.get(server.url)
    record_activity_today(browser, title)

    browser.get(f"{server.url}/organizations?country=CN&status=prospect")
    chips = browser.find_element(By.CSS_SELECTOR, "ul.chips").text
    assert "Country: China" in chips and "Status: Prospect" in chips
    tick(browser, ["Foshan", "Dongguan"])
    Select(browser.find_element(By.ID, "bulk-activity")).select_by_visible_text(
        next(o.text for o in Select(browser.find_element(By.ID, "bulk-activity")).options if o.text.startswith(title)))
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[formaction$='/add-to-activity']"))
    assert "/activities/" in browser.current_url
    participants = browser.find_element(By.ID, "participants").text
    assert "Foshan" in participants and "Dongguan" in participants and "Invited" in participants

    # A chip removed leads to the list without that filter.
    browser.get(f"{server.url}/organizations?country=CN&status=prospect")
    chip = next(c for c in browser.find_elements(By.CSS_SELECTOR, "a.chip") if c.text.startswith("Status"))
    click_and_wait(browser, chip)
    assert "status=" not in browser.current_url and "country=CN" in browser.current_url

    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    tick(browser, ["Foshan", "Guangzhou"])
    browser.find_element(By.CSS_SELECTOR, "fieldset.bulk-actions button:not([formaction])").click()
    target = tmp_path / "organizations.csv"
    deadline = time.monotonic() + 15
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    with open(target, encoding="utf-8-sig", newline="") as file:
        names = sorted(row["name"] for row in csv.DictReader(file))
    assert names == ["Foshan", "Guangzhou"]
