"""Every page a signed-in person reaches, for the journeys that look at all of them (phone width, print,
accessibility): the lists, a record of each kind with its forms, the calendar's three views, search, the
account and the admin pages.

The records come from the demo network, plus a person whose values are as long as people's are: an email
of sixty-odd characters, a name and notes in Chinese with no space to break at, and a long address. They are
made once per server through the forms, as a person would, and found again by name on later calls.
"""

import contextlib
import re

from conftest import click_and_wait, fill
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

LONG_EMAIL = "international.relations.and.protocol.office.of.the.municipality@guangzhou-foreign-affairs.gov.cn"
LONG_CHINESE = "广州市人民政府外事办公室国际交流合作处" * 4
LONG_URL = "https://www.gz.gov.cn/zwgk/zcjd/" + "zcjdwz/content/post_" * 4 + "9876543210.html"
LONG_LINKEDIN = "https://www.linkedin.com/in/ouyang-zhiyuan-international-relations-guangzhou-municipality-1234"
LONG_FAMILY = "Ouyang"
LONG_GIVEN = "Zhiyuanlongvaluetest"
LONG_NAME = f"{LONG_FAMILY.upper()} {LONG_GIVEN}"
LONG_TITLE = "广州市人民政府外事办公室国际友好城市交流与合作年度工作会议暨城市外交论坛" * 2
DEMO_EVENT = "Event with Chinese members and potential members"
DEMO_CONGRESS = "World Congress in Brussels"

RECORD = re.compile(r"/(organizations|people|activities)/(\d+)$")

_found = {}  # server URL -> the pages, worked out once per server


def _id(url):
    match = RECORD.search(url.split("?")[0])
    assert match, f"not a record's address: {url}"
    return match.group(2)


def _first_result(browser, server, query):
    browser.get(f"{server}/search?q={query}")
    links = browser.find_elements(By.CSS_SELECTOR, "ol.search-results li > a")
    return links[0].get_attribute("href") if links else None


def _long_person(browser, server):
    """The person with long values: found by name, or made through the form."""
    browser.get(f"{server}/people?q={LONG_GIVEN}")
    links = browser.find_elements(By.CSS_SELECTOR, "table.people tbody th a")
    if links:
        return links[0].get_attribute("href")
    browser.get(f"{server}/people/new")
    browser.find_element(By.ID, "f-givenName").send_keys(LONG_GIVEN)
    browser.find_element(By.ID, "f-familyName").send_keys(LONG_FAMILY)
    browser.find_element(By.ID, "f-nativeName").send_keys(LONG_CHINESE[:60])
    browser.find_element(By.ID, "f-notes").send_keys(f"{LONG_CHINESE} {LONG_URL}")
    browser.find_element(By.ID, "f-positions-0--organization").send_keys("Guangzhou")
    browser.find_element(By.ID, "f-positions-0--title").send_keys(LONG_CHINESE[:40])
    Select(browser.find_element(By.ID, "f-channels-0--kind")).select_by_value("email")
    browser.find_element(By.ID, "f-channels-0--value").send_keys(LONG_EMAIL)
    browser.find_element(By.CSS_SELECTOR, "#f-channels button.add-row").click()
    Select(browser.find_element(By.ID, "f-channels-1--kind")).select_by_value("linkedin")
    browser.find_element(By.ID, "f-channels-1--value").send_keys(LONG_LINKEDIN)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))
    if not RECORD.search(browser.current_url.split("?")[0]):  # likely duplicates shown first: confirm
        browser.find_element(By.ID, "f-confirmDuplicates").click()
        click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))
    assert RECORD.search(browser.current_url.split("?")[0]), browser.find_element(By.TAG_NAME, "main").text
    return browser.current_url.split("?")[0]


def _long_activity(browser, server):
    """A call on 20 November 2026 whose title is a long run of Chinese: found in the agenda, or recorded."""
    browser.get(f"{server}/calendar?view=agenda&date=2026-11-20")
    links = browser.find_elements(By.PARTIAL_LINK_TEXT, LONG_TITLE[:12])
    if links:
        return links[0].get_attribute("href")
    browser.get(f"{server}/activities/new")
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("call")
    for field, value in [("f-title", LONG_TITLE), ("f-startDate", "2026-11-20"), ("f-startTime", "10:00"),
                         ("f-endDate", "2026-11-20"), ("f-endTime", "11:00")]:
        fill(browser, field, value)  # over the start and end the form suggests
    zone = browser.find_element(By.ID, "f-timeZone")
    zone.clear()
    zone.send_keys("Asia/Shanghai")
    browser.find_element(By.ID, "f-addInPerson").send_keys("Guangzhou\nFoshan")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))
    assert RECORD.search(browser.current_url.split("?")[0]), browser.find_element(By.TAG_NAME, "main").text
    return browser.current_url.split("?")[0]


def every_page(browser, server):
    """[(what, address)] of every page a signed-in admin reaches, the long-valued records among them."""
    if server.url in _found:
        return _found[server.url]
    guangzhou = _first_result(browser, server, "Guangzhou")
    chen = _first_result(browser, server, "CHEN Guo")
    person = _long_person(browser, server)
    activity = _long_activity(browser, server)
    browser.get(f"{server}/calendar?view=agenda&date=2026-11-11")
    event = browser.find_element(By.PARTIAL_LINK_TEXT, DEMO_EVENT).get_attribute("href")
    browser.get(f"{server}/calendar?view=agenda&date=2027-06-14")
    congress = browser.find_element(By.PARTIAL_LINK_TEXT, DEMO_CONGRESS).get_attribute("href")
    browser.get(f"{server}/admin/accounts")
    sessions = browser.find_element(By.CSS_SELECTOR, "a[href$='/sessions']").get_attribute("href")
    pages = [
        ("directory", "/organizations"),
        ("directory filtered", "/organizations?status=member&sort=population"),
        ("organization", guangzhou),
        ("organization edit", f"{guangzhou}/edit"),
        ("organization new", "/organizations/new"),
        ("organization delete", f"{guangzhou}/delete"),
        ("people", "/people"),
        ("person CHEN Guo", chen),
        ("person with long values", person),
        ("person edit", f"{person}/edit"),
        ("person new", "/people/new"),
        ("person merge", f"{person}/merge?q=CHEN"),
        ("person delete", f"{person}/delete"),
        ("calendar month", "/calendar?view=month&date=2026-11-01"),
        ("calendar week", "/calendar?view=week&date=2026-11-09"),
        ("calendar agenda", "/calendar?view=agenda&date=2026-11-01"),
        ("activity (the event)", event),
        ("activity (long title)", activity),
        ("activity edit", f"{event}/edit"),
        ("activity new", "/activities/new"),
        ("activity delete", f"{activity}/delete"),
        ("pipeline board", "/pipeline"),
        ("pipeline funnel", "/pipeline/funnel"),
        ("pipeline list", "/pipeline/list"),
        ("prospect (Foshan)", "/pipeline/1"),
        ("prospect new", f"/pipeline/new?organization={_id(guangzhou)}"),
        ("congress delegations", f"{congress}/delegations"),
        ("congress forecast", f"{congress}/forecast"),
        ("delegation (Guangzhou)", "/delegations/1"),
        ("delegation edit", "/delegations/1/edit"),
        ("delegation delete", "/delegations/1/delete"),
        ("analytics", "/analytics"),
        ("analytics engagement", "/analytics/engagement"),
        ("analytics map", "/analytics/map"),
        ("briefing chooser", "/briefing"),
        ("briefing of the event", f"/briefing?activity={_id(event)}"),
        ("least known", "/members/least-known"),
        ("practices", "/practices?q=transport"),
        ("nearby", f"/organizations/nearby?organization={_id(guangzhou)}&km=70"),
        ("search results", "/search?q=guang"),
        ("account", "/account"),
        ("admin accounts", "/admin/accounts"),
        ("admin audit", "/admin/audit"),
        ("admin audit of a record", f"/admin/audit?entity=person&entityId={_id(person)}"),
        ("admin sessions", sessions),
    ]
    _found[server.url] = [(name, url if url.startswith("http") else f"{server}{url}") for name, url in pages]
    return _found[server.url]


@contextlib.contextmanager
def viewport(browser, width, height):
    """The page as a screen of `width` × `height` CSS pixels shows it; as it was afterwards."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    try:
        yield
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
