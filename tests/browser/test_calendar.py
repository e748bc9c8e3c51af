"""Journeys through the calendar: recording the event of the trip report from the form, a form that names an
organization the directory lacks, attendance set for many organizations at once, times in the viewer's own
zone across the change to summer time, a calendar feed a calendar program reads until it is revoked, and
one activity downloaded as an .ics file.

The demo calendar holds the trip report's mission (8 to 12 November 2026, all day, Asia/Shanghai), its event
on 11 November 09:30-17:00 in Guangzhou (UTC+8), and two calls with Guangzhou at 10:00 in Madrid, one on each
side of the change to summer time (27 and 30 March 2026). Each test makes its own activities with titles no
other test uses, and the one that changes the demo admin's time zone puts it back, so they pass in any order.
"""

import datetime as dt
import re
import urllib.error
import urllib.request
import uuid

import icalendar
import pytest
from conftest import fill, click_and_wait
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

# The organizations of the report's event, as the report names them.
IN_PERSON = [
    "Guangzhou", "Harbin", "Shenyang", "Hangzhou", "Fuzhou", "Jinan", "Zhengzhou", "Changsha", "Xiamen",
    "Kunming", "Guiyang", "Xi'an", "Dongguan", "Zhuhai", "Foshan",
]
VIRTUAL = ["Shanghai", "Dalian", "Wuhan", "Wuxi", "Jilin", "Nanning", "Chengdu", "Qingdao"]

# In the demo calendar.
DEMO_EVENT = "Event with Chinese members and potential members"
MISSION = "Mission to Guangzhou and the Greater Bay Area"
CALL_BEFORE_SUMMER_TIME = "Call with Guangzhou before the change to summer time"
CALL_AFTER_SUMMER_TIME = "Call with Guangzhou after the change to summer time"

ACTIVITY_URL = re.compile(r"/activities/(\d+)(\?[^#]*)?(#.*)?$")
UTC = dt.timezone.utc


def unique(title):
    """A title no other test, and no earlier run against the same server, has used."""
    return f"{title} {uuid.uuid4().hex[:6]}"


# What a person does ----------------------------------------------------------------------------------

def choose(browser, select_id, visible_text):
    Select(browser.find_element(By.ID, select_id)).select_by_visible_text(visible_text)


def open_new_activity_form(browser, server):
    """Opens the calendar and follows its "New activity" button."""
    browser.get(f"{server}/calendar")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "New activity"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "New activity"


def fill_activity_form(browser, *, title, day, start="09:30", end="17:00", zone="Asia/Shanghai", place="广州",
                       in_person=(), virtual="", status="Attended", kind="Event or workshop"):
    """Fills the new-activity form: organizations in person one per line, virtual ones as typed."""
    choose(browser, "f-kind", kind)
    fill(browser, "f-title", title)
    fill(browser, "f-startDate", day)
    fill(browser, "f-startTime", start)
    fill(browser, "f-endDate", day)
    fill(browser, "f-endTime", end)
    fill(browser, "f-timeZone", zone)
    fill(browser, "f-place", place)
    fill(browser, "f-addInPerson", "\n".join(in_person))
    fill(browser, "f-addVirtual", virtual)
    choose(browser, "f-addStatus", status)


def save(browser):
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))


def record_activity(browser, server, **fields):
    """Records an activity through the form and returns its page's address (the page is then shown)."""
    open_new_activity_form(browser, server)
    fill_activity_form(browser, **fields)
    save(browser)
    assert ACTIVITY_URL.search(browser.current_url), browser.find_element(By.TAG_NAME, "main").text
    return browser.current_url.split("?")[0]


def open_from_calendar(browser, server, view, date, title):
    """Opens the calendar's `view` at `date` and follows the link of the activity called `title`."""
    browser.get(f"{server}/calendar?view={view}&date={date}")
    area = browser.find_element(By.ID, {"agenda": "agenda", "month": "month-grid", "week": "week-grid"}[view])
    click_and_wait(browser, activity_link(area, title))
    assert browser.find_element(By.TAG_NAME, "h1").text == title


def set_my_time_zone(browser, server, visible_text):
    """Chooses a zone on the account page and saves it ("UTC" is the choice of none)."""
    browser.get(f"{server}/account")
    fill(browser, "f-timeZone", visible_text)
    click_and_wait(
        browser, browser.find_element(By.CSS_SELECTOR, "form[action='/account/time-zone'] button[type=submit]"))


def fetch(url, cookies=None):
    """GETs `url` as a calendar program would: no cookie unless one is given. Returns (headers, body bytes)."""
    headers = {"Cookie": cookies} if cookies else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
        return response.headers, response.read()


def session_cookie(browser):
    return "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())


# What a person sees ----------------------------------------------------------------------------------

def text_of(browser, css):
    return browser.find_element(By.CSS_SELECTOR, css).text


def activity_link(area, title):
    """The first link to the activity called `title` in a part of a calendar page. The grids put the time
    before the title ("02:30 Event with ..."); the agenda has the title alone."""
    links = [link for link in area.find_elements(By.PARTIAL_LINK_TEXT, title)
             if link.text == title or re.fullmatch(rf"(\d\d:\d\d|All day|continues) {re.escape(title)}", link.text)]
    assert links, f"no link to {title!r} in:\n{area.text}"
    return links[0]


def participant_groups(browser):
    """The headings of the activity's groups of organizations, as shown: "Came in person (15)"."""
    return [h.text for h in browser.find_elements(By.CSS_SELECTOR, "#participants h3")]


def participants(browser, group):
    """The organizations listed under the group headed `group` ("Came in person"), in the order shown."""
    heading = next(h for h in browser.find_elements(By.CSS_SELECTOR, "#participants h3") if h.text.startswith(group))
    items = heading.find_elements(By.XPATH, "following-sibling::ul[1]/li")
    return [item.find_element(By.TAG_NAME, "label").text for item in items]


def participant_item(browser, name):
    """The line of one organization in the activity's participants."""
    items = [item for item in browser.find_elements(By.CSS_SELECTOR, "#participants ul.participants li")
             if item.find_element(By.TAG_NAME, "label").text == name]
    assert len(items) == 1, f"{name} is listed {len(items)} times"
    return items[0]


def badges(browser):
    """Each organization taking part, with the attendance status shown beside it: {"Harbin": "Confirmed"}."""
    return browser.execute_script("""
        return Object.fromEntries([...document.querySelectorAll("#participants ul.participants li")].map(item =>
            [item.querySelector("label").innerText.trim(),
             item.querySelector("span.badge[class*='status-']").innerText.trim()]));
    """)


def facts(browser):
    return "\n".join(dl.text for dl in browser.find_elements(By.CSS_SELECTOR, "dl.facts"))


def feed_rows(browser):
    """The feeds listed on the account page: what each gives, whether it is revoked, and its Revoke button
    with the address that button posts to (which tells the rows apart), or None once revoked."""
    rows = []
    for row in browser.find_elements(By.CSS_SELECTOR, "#feeds-table tbody tr"):
        forms = row.find_elements(By.TAG_NAME, "form")
        rows.append({
            "kind": row.find_element(By.TAG_NAME, "th").text,
            "revoked": row.find_elements(By.TAG_NAME, "td")[-1].text == "revoked",
            "revoke": forms[0].get_attribute("action") if forms else None,
            "button": forms[0].find_element(By.TAG_NAME, "button") if forms else None,
        })
    return rows


def events(calendar, summary):
    return [event for event in calendar.walk("VEVENT") if str(event.get("SUMMARY")) == summary]


def the_event(calendar, summary):
    found = events(calendar, summary)
    assert len(found) == 1, f"{len(found)} events called {summary!r}"
    return found[0]


def utc(calendar, event, name):
    """DTSTART or DTEND as an instant in UTC: the time a calendar program shows, wherever it is.

    The instant is worked out twice: from the zone's name (as icalendar and most programs do) and from the
    document's own VTIMEZONE (as programs that know no zone names, Outlook among them, do); both must agree."""
    value = event.decoded(name)
    assert isinstance(value, dt.datetime) and value.tzinfo is not None, f"{name} is {value!r}, not a zoned time"
    zone = event[name].params.get("TZID")
    if zone:
        definitions = {str(tz["TZID"]): tz for tz in calendar.walk("VTIMEZONE")}
        assert zone in definitions, f"no VTIMEZONE for {zone}"
        by_definition = value.replace(tzinfo=definitions[zone].to_tz())
        assert by_definition.astimezone(UTC) == value.astimezone(UTC), f"the VTIMEZONE of {zone} disagrees"
    return value.astimezone(UTC)


# Journeys --------------------------------------------------------------------------------------------

def test_record_the_event_of_the_trip_report_and_find_it_everywhere(browser, server):
    title = unique("Event with Chinese members, recorded by hand")
    page = record_activity(
        browser, server, title=title, day="2026-11-18", start="09:30", end="17:00", zone="Asia/Shanghai",
        place="广州", in_person=IN_PERSON, virtual=", ".join(VIRTUAL), status="Attended")

    assert text_of(browser, "div.notice") == "Changes saved."
    assert text_of(browser, "h1") == title
    assert "Event or workshop" in text_of(browser, "p.eyebrow")
    assert participant_groups(browser) == ["Came in person (15)", "Joined virtually (8)"]
    assert participants(browser, "Came in person") == IN_PERSON
    assert participants(browser, "Joined virtually") == VIRTUAL
    assert badges(browser) == {name: "Attended" for name in IN_PERSON + VIRTUAL}
    assert text_of(browser, "#when") == "Wed 18 Nov 2026, 09:30–17:00 GMT+8 (Asia/Shanghai)"
    assert "Place (organization)\nGuangzhou" in facts(browser)  # 广州 typed, the directory's Guangzhou found

    browser.get(f"{server}/calendar?view=month&date=2026-11-01")
    assert text_of(browser, "h1") == "November 2026"
    cell = browser.find_element(By.CSS_SELECTOR, 'td[data-date="2026-11-18"]')
    link = activity_link(cell, title)
    assert link.get_attribute("href").split("?")[0] == page
    for other_day in ("2026-11-11", "2026-11-17", "2026-11-19"):
        assert title not in text_of(browser, f'td[data-date="{other_day}"]')
    assert DEMO_EVENT in text_of(browser, 'td[data-date="2026-11-11"]')  # the demo's own event stays on its day

    click_and_wait(browser, link)
    click_and_wait(browser, participant_item(browser, "Foshan").find_element(By.LINK_TEXT, "Foshan"))
    assert text_of(browser, "h1").startswith("Foshan")
    lines = [line.text for line in browser.find_elements(By.CSS_SELECTOR, "#timeline li")
             if line.find_elements(By.LINK_TEXT, title)]
    assert len(lines) == 1, browser.find_element(By.ID, "timeline").text
    assert "Wed 18 Nov 2026" in lines[0]
    assert lines[0].endswith("— In person · Attended")


def test_a_name_the_directory_lacks_is_refused_and_what_was_typed_stays(browser, server):
    title = unique("Event that names a city nobody knows")
    typed = "Shanghai, Atlantis,\nDalian"
    open_new_activity_form(browser, server)
    fill_activity_form(browser, title=title, day="2026-11-19", in_person=["Harbin", "Jinan"], virtual=typed)
    save(browser)

    summary = browser.find_element(By.ID, "error-summary")
    assert summary.is_displayed()
    assert 'No organization in the directory is called "Atlantis".' in summary.text
    assert summary.find_elements(By.CSS_SELECTOR, "a[href='#f-addVirtual']")
    assert "Shanghai" not in summary.text and "Dalian" not in summary.text
    box = browser.find_element(By.ID, "f-addVirtual")
    assert box.get_attribute("value") == typed
    assert box.get_attribute("aria-invalid") == "true"
    assert browser.find_element(By.ID, "f-addInPerson").get_attribute("value") == "Harbin\nJinan"
    assert browser.find_element(By.ID, "f-title").get_attribute("value") == title
    assert browser.find_element(By.ID, "f-place").get_attribute("value") == "广州"
    assert browser.find_element(By.ID, "f-startDate").get_attribute("value") == "2026-11-19"
    assert browser.find_element(By.ID, "f-startTime").get_attribute("value") == "09:30"
    assert browser.find_element(By.ID, "f-timeZone").get_attribute("value") == "Asia/Shanghai"
    assert Select(browser.find_element(By.ID, "f-kind")).first_selected_option.text == "Event or workshop"

    # Nothing was recorded: the calendar from that day on does not hold it.
    browser.get(f"{server}/calendar?view=agenda&date=2026-11-01")
    assert DEMO_EVENT in text_of(browser, "#agenda")
    assert title not in text_of(browser, "#agenda")


def test_set_attendance_for_several_organizations_at_once(browser, server):
    title = unique("Event where invitations are confirmed")
    record_activity(
        browser, server, title=title, day="2026-11-20", in_person=["Harbin", "Shenyang", "Hangzhou", "Fuzhou"],
        virtual="Shanghai, Dalian", status="Invited")
    everyone = ["Harbin", "Shenyang", "Hangzhou", "Fuzhou", "Shanghai", "Dalian"]
    assert badges(browser) == {name: "Invited" for name in everyone}

    ticked = ["Harbin", "Hangzhou", "Shanghai"]  # two that came in person, one that joined virtually
    for name in ticked:
        participant_item(browser, name).find_element(By.CSS_SELECTOR, "input[type=checkbox]").click()
    choose(browser, "f-bulk-status", "Confirmed")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "fieldset.bulk button[type=submit]"))

    assert text_of(browser, "div.notice") == "Changes saved."
    assert text_of(browser, "h1") == title
    assert badges(browser) == {
        "Harbin": "Confirmed", "Shenyang": "Invited", "Hangzhou": "Confirmed", "Fuzhou": "Invited",
        "Shanghai": "Confirmed", "Dalian": "Invited"}
    # The mode was left "unchanged": each stays in its group; none has come yet.
    assert participants(browser, "Invited to come in person") == ["Harbin", "Shenyang", "Hangzhou", "Fuzhou"]
    assert participants(browser, "Invited to join virtually") == ["Shanghai", "Dalian"]
    boxes = browser.find_elements(By.CSS_SELECTOR, "#participants input[type=checkbox]")
    assert len(boxes) == len(everyone) and not any(box.is_selected() for box in boxes)


def test_times_in_my_own_zone_across_the_change_to_summer_time(browser, server):
    set_my_time_zone(browser, server, "Europe/Madrid")
    try:
        assert text_of(browser, "div.notice") == "Time zone saved."
        assert browser.find_element(By.ID, "f-timeZone").get_attribute("value") == "Europe/Madrid"

        open_from_calendar(browser, server, "agenda", "2026-11-01", DEMO_EVENT)
        assert text_of(browser, "#when") == "Wed 11 Nov 2026, 09:30–17:00 GMT+8 (Asia/Shanghai)"
        assert text_of(browser, "#viewer-when") == (
            "In your zone (Europe/Madrid): Wed 11 Nov 2026, 02:30–10:00 GMT+1")

        # The month grid is in Madrid time too: the event starts at 02:30 there.
        browser.get(f"{server}/calendar?view=month&date=2026-11-01")
        assert "Europe/Madrid" in text_of(browser, "#zone-note")
        event = activity_link(browser.find_element(By.CSS_SELECTOR, 'td[data-date="2026-11-11"]'), DEMO_EVENT)
        assert event.text == f"02:30 {DEMO_EVENT}"

        # Both calls are at 10:00 in Madrid; Madrid is UTC+1 before the change and UTC+2 after it.
        open_from_calendar(browser, server, "agenda", "2026-03-27", CALL_BEFORE_SUMMER_TIME)
        assert text_of(browser, "#when") == "Fri 27 Mar 2026, 10:00–10:30 GMT+1 (Europe/Madrid)"
        assert not browser.find_elements(By.ID, "viewer-when")  # the viewer's zone is the call's own
        open_from_calendar(browser, server, "agenda", "2026-03-27", CALL_AFTER_SUMMER_TIME)
        assert text_of(browser, "#when") == "Mon 30 Mar 2026, 10:00–10:30 GMT+2 (Europe/Madrid)"
        assert not browser.find_elements(By.ID, "viewer-when")
    finally:
        set_my_time_zone(browser, server, "UTC")
    assert browser.find_element(By.ID, "f-timeZone").get_attribute("value") == "UTC"


def test_subscribe_to_the_whole_calendar_until_the_feed_is_revoked(browser, server):
    browser.get(f"{server}/account")
    revoke_before = {row["revoke"] for row in feed_rows(browser)}
    choose(browser, "f-feed-scope", "The whole calendar")
    browser.find_element(By.ID, "f-feed-password").send_keys(server.admin_password)
    create = browser.find_element(By.CSS_SELECTOR, "form[action='/account/feeds'] button[type=submit]")
    assert create.text == "Create a feed address"
    click_and_wait(browser, create)
    address = browser.find_element(By.ID, "new-feed-url")
    url = address.get_attribute("value")
    assert url.startswith(f"{server}/feeds/calendar/lcf_"), url
    # Shown once, in a box to select from, with a button that copies it.
    assert address.get_attribute("readonly") is not None
    assert browser.find_element(By.TAG_NAME, "main").text.count("it is not shown again") == 1
    copy = browser.find_element(By.CSS_SELECTOR, ".copyable button.copy")
    assert copy.text == "Copy"
    copy.click()
    # The copy is awaited (the clipboard answers later); the button says so for two seconds.
    WebDriverWait(browser, 2).until(lambda _: copy.text == "Copied")

    headers, body = fetch(url)  # as a calendar program does: no cookie, the address is the credential
    assert headers["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(body)
    assert str(calendar.get("X-WR-CALNAME")) == "Liaison calendar"

    event = the_event(calendar, DEMO_EVENT)
    assert utc(calendar, event, "DTSTART") == dt.datetime(2026, 11, 11, 1, 30, tzinfo=UTC)
    assert utc(calendar, event, "DTEND") == dt.datetime(2026, 11, 11, 9, 0, tzinfo=UTC)
    assert event["DTSTART"].params.get("TZID") == "Asia/Shanghai"  # the time where it happens, with its zone
    # 10:00 in Madrid is 09:00 UTC before the change to summer time and 08:00 UTC after it. (The feed reaches two
    # years back: from 27 March 2028 on, these demo calls fall out of it.)
    before = the_event(calendar, CALL_BEFORE_SUMMER_TIME)
    assert utc(calendar, before, "DTSTART") == dt.datetime(2026, 3, 27, 9, 0, tzinfo=UTC)
    after = the_event(calendar, CALL_AFTER_SUMMER_TIME)
    assert utc(calendar, after, "DTSTART") == dt.datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    mission = the_event(calendar, MISSION)
    assert mission.decoded("DTSTART") == dt.date(2026, 11, 8)
    assert not isinstance(mission.decoded("DTSTART"), dt.datetime)  # all day: dates, no time
    assert mission.decoded("DTEND") == dt.date(2026, 11, 13)  # the day after the last, as RFC 5545 has it

    browser.get(f"{server}/account")
    new_rows = [row for row in feed_rows(browser) if row["revoke"] and row["revoke"] not in revoke_before]
    assert [row["kind"] for row in new_rows] == ["The whole calendar"]
    revoked_before = sum(row["revoked"] for row in feed_rows(browser))
    click_and_wait(browser, new_rows[0]["button"])
    assert all(row["revoke"] != new_rows[0]["revoke"] for row in feed_rows(browser))
    assert sum(row["revoked"] for row in feed_rows(browser)) == revoked_before + 1

    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(url)
    assert refused.value.code == 404


def test_download_one_activity_as_an_ics_file(browser, server):
    open_from_calendar(browser, server, "month", "2026-11-01", DEMO_EVENT)
    link = browser.find_element(By.LINK_TEXT, "Add to my calendar (.ics)").get_attribute("href")
    activity_id = ACTIVITY_URL.search(browser.current_url).group(1)
    assert link == f"{server}/api/v1/activities/{activity_id}/ics"

    headers, body = fetch(link, cookies=session_cookie(browser))
    assert headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="activity-{activity_id}.ics"' in headers["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(body)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == DEMO_EVENT
    assert utc(calendar, event, "DTSTART") == dt.datetime(2026, 11, 11, 1, 30, tzinfo=UTC)
    assert utc(calendar, event, "DTEND") == dt.datetime(2026, 11, 11, 9, 0, tzinfo=UTC)
    assert str(event["URL"]) == f"{server}/activities/{activity_id}"
    assert "Foshan" in str(event["DESCRIPTION"])  # who came, for the calendar program to show

    with pytest.raises(urllib.error.HTTPError) as refused:  # without the session, the file is not given
        fetch(link)
    assert refused.value.code == 401


def test_the_end_day_filled_from_the_start_is_replaced_when_typed_again(browser, server):
    open_new_activity_form(browser, server)
    end = browser.find_element(By.ID, "f-endDate")
    fill(browser, "f-startDate", "2026-12-08")  # choosing Start fills End with its day
    assert end.get_attribute("value") == "2026-12-08"
    # Typed again in the day picker (month, day, year in this browser's locale), without clearing it first:
    # the day is replaced, never written after what was there ("2026-12-082026-12-08").
    end.click()
    end.send_keys("12082026")
    assert end.get_attribute("value") == "2026-12-08"

    # Changed by the person, End no longer follows Start.
    end.send_keys(Keys.ARROW_LEFT, "09")  # back to the day
    assert end.get_attribute("value") == "2026-12-09"
    fill(browser, "f-startDate", "2026-12-07")
    assert end.get_attribute("value") == "2026-12-09"
