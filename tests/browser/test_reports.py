"""Journeys through reports: the trip report written on the mission of the demo calendar, its cities linked
from its text, then found on Foshan's page; the demo's own trip report on Foshan's page with Agnès Bickart's
comment; a comment naming @agnes that she finds in her inbox; and a report or comment whose text carries markup
a person typed, which the page shows as text, with no element made of it and no script run.
"""

import re
import subprocess
import uuid

from conftest import BINARY, click_and_wait, fill, sign_in
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

MISSION = "Mission to Guangzhou and the Greater Bay Area"
DEMO_REPORT = "Mission to Guangzhou and the Greater Bay Area: report"
REPORT_URL = re.compile(r"/reports/(\d+)")
AGNES = "agnes.bickart@liaison.example"


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


def open_demo_report(browser, server):
    browser.get(f"{server}/reports")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, DEMO_REPORT))


def test_the_demo_trip_report_is_on_foshans_page_with_agnes_comment(browser, server):
    browser.get(f"{server}/organizations?q=Foshan")
    click_and_wait(browser, browser.find_element(By.XPATH, "//table//a[text()='Foshan']"))
    click_and_wait(browser, browser.find_element(By.XPATH, f"//ul[@id='reports']//a[text()='{DEMO_REPORT}']"))
    assert "Agnès, please complement, amend or contradict the above as needed!" in \
        browser.find_element(By.ID, "report-text").text
    names = {a.text for a in browser.find_elements(By.CSS_SELECTOR, "#link-list a")}
    assert {"Guangzhou", "Foshan", "Dongguan", "Zhuhai", "CHEN Guo"} <= names
    comment = browser.find_element(By.CSS_SELECTOR, "#comments article.comment")
    assert "Agnès Bickart" in comment.text
    assert "Complementing: Qingdao followed the event online" in comment.text
    follow_ups = browser.find_element(By.ID, "follow-up-list").text
    assert "follow up with Foshan, Dongguan and Zhuhai on membership" in follow_ups
    assert "request the email contacts of all participants" in follow_ups


def test_a_comment_naming_agnes_reaches_her_inbox_and_opens_at_the_comment(browser, server):
    marker = uuid.uuid4().hex[:8]
    open_demo_report(browser, server)
    fill(browser, "f-body", f"@agnes could you check the Zhuhai contacts? ({marker})")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#comment-form button[type=submit]"))
    assert "#comment-" in browser.current_url
    written = browser.find_element(By.XPATH, f"//article[contains(@class, 'comment')][contains(., '{marker}')]")
    comment_id = written.get_attribute("id")

    # Agnès signs in (her demo account gets a password from the command line) and finds it in her inbox.
    password = "a walk along the Pearl River"
    reset = subprocess.run(
        [str(BINARY), "user", "reset-password", AGNES, "--database", str(server.database), "--password-stdin"],
        input=password + "\n", text=True, capture_output=True, timeout=60)
    assert reset.returncode == 0, reset.stdout + reset.stderr
    browser.delete_all_cookies()
    sign_in(browser, server.url, AGNES, password)
    browser.get(f"{server}/inbox")
    entry = browser.find_element(
        By.XPATH, f"//ul[contains(@class, 'inbox')]/li[contains(@class, 'unread')][contains(., 'Mentioned')]"
        f"//a[text()='{DEMO_REPORT}']")
    click_and_wait(browser, entry)
    assert browser.current_url.endswith(f"#{comment_id}")
    assert marker in browser.find_element(By.ID, comment_id).text


def test_markup_typed_in_a_comment_stays_text(browser, server):
    payloads = "<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n<svg onload=alert(1)>\n\n**bold**"
    open_demo_report(browser, server)
    fill(browser, "f-body", payloads)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#comment-form button[type=submit]"))
    comment = browser.find_element(By.ID, browser.current_url.split("#")[1])
    assert comment.find_elements(By.TAG_NAME, "strong"), "Markdown itself is rendered"
    assert not browser.find_elements(By.CSS_SELECTOR, "#comments img, #comments svg, [onerror], [onload]")
    assert not browser.find_elements(By.CSS_SELECTOR, "#comments a[href^='javascript:']")
    assert "<img src=x onerror=alert(1)>" in comment.text
    assert browser.execute_script("return typeof window.liaisonAlerted") == "undefined"
