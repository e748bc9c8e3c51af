"""Journeys through people: finding an official in either script from the one search box, adding a WeChat
contact, merging two records of one person, and taking a contact away as a vCard.

Each test changes a person no other test looks at (WANG Lei, LIU Yang), so they pass in any order.
"""

import urllib.request

import vobject
from conftest import click_and_wait, wait_for_new_page
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait


def search_from_the_header(browser, server, text):
    """Types `text` into the search box every page has and submits it."""
    browser.get(f"{server}/organizations")
    box = browser.find_element(By.ID, "global-search")
    box.clear()
    box.send_keys(text)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.search button"))


def result_names(browser):
    return [link.text for link in browser.find_elements(By.CSS_SELECTOR, "ol.search-results li > a")]


def open_person(browser, server, name):
    search_from_the_header(browser, server, name)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, name))


def heading(browser):
    return browser.find_element(By.TAG_NAME, "h1").text


def test_find_an_official_by_native_script_and_by_pinyin(browser, server):
    search_from_the_header(browser, server, "陈国")
    assert result_names(browser)[0] == "CHEN Guo"
    search_from_the_header(browser, server, "chen guo")
    assert result_names(browser)[0] == "CHEN Guo"
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "CHEN Guo"))
    assert "陈国" in heading(browser)
    assert "Secretary General" in browser.find_element(By.ID, "positions-h").find_element(By.XPATH, "..").text


def test_suggestions_as_you_type_are_reachable_by_keyboard(browser, server):
    browser.get(f"{server}/organizations")
    box = browser.find_element(By.ID, "global-search")
    box.send_keys("佛山")
    WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#global-search-results [role=option]"))
    assert box.get_attribute("aria-expanded") == "true"
    first = browser.find_element(By.CSS_SELECTOR, "#global-search-results [role=option]")
    assert first.text.startswith("Foshan")
    box.send_keys(Keys.ARROW_DOWN)
    assert first.get_attribute("aria-selected") == "true"
    wait_for_new_page(browser, lambda: box.send_keys(Keys.ENTER))
    assert heading(browser).startswith("Foshan")


def test_add_a_wechat_channel(browser, server):
    open_person(browser, server, "WANG Lei")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "a[href$='/edit']"))
    # The first spare channel row comes after the stored email.
    Select(browser.find_element(By.ID, "f-channels-1--kind")).select_by_value("wechat")
    browser.find_element(By.ID, "f-channels-1--value").send_keys("wanglei_hrb")
    Select(browser.find_element(By.ID, "f-channels-1--heldBy")).select_by_visible_text("Agnès Bickart")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))
    channels = browser.find_element(By.CSS_SELECTOR, "dl.channels").text
    assert "WeChat" in channels and "wanglei_hrb" in channels
    assert "held by Agnès Bickart" in channels
    assert browser.find_element(By.CSS_SELECTOR, "[role=status]").text == "Changes saved."


def test_merge_two_records_of_one_person(browser, server):
    browser.get(f"{server}/people/new")
    browser.find_element(By.ID, "f-givenName").send_keys("Yang")
    browser.find_element(By.ID, "f-familyName").send_keys("Liu")
    Select(browser.find_element(By.ID, "f-nameOrder")).select_by_value("family_first")
    browser.find_element(By.ID, "f-positions-0--organization").send_keys("Hangzhou")
    browser.find_element(By.ID, "f-positions-0--title").send_keys("Deputy Director")
    Select(browser.find_element(By.ID, "f-channels-0--kind")).select_by_value("phone")
    browser.find_element(By.ID, "f-channels-0--value").send_keys("0571 8525 0000")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))
    # The same name at the same organization: the form comes back with the likely duplicate.
    warning = browser.find_element(By.ID, "duplicates").text
    assert "LIU Yang" in warning
    browser.find_element(By.ID, "f-confirmDuplicates").click()
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))
    kept_url = browser.current_url.split("?")[0]
    assert "+86 571 8525 0000" in browser.find_element(By.CSS_SELECTOR, "dl.channels").text

    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "a[href$='/merge']"))
    other = browser.find_element(By.CSS_SELECTOR, "ul.candidates li")
    assert "liu.yang@hangzhou.example.cn" in other.text
    other_url = other.find_element(By.TAG_NAME, "a").get_attribute("href")
    click_and_wait(browser, other.find_element(By.CSS_SELECTOR, "button[type=submit]"))

    assert browser.current_url.startswith(kept_url)
    assert "merged" in browser.find_element(By.CSS_SELECTOR, "[role=status]").text
    channels = browser.find_element(By.CSS_SELECTOR, "dl.channels").text
    assert "+86 571 8525 0000" in channels and "liu.yang@hangzhou.example.cn" in channels
    assert "Merged" in browser.find_element(By.CSS_SELECTOR, "ol.history").text
    browser.get(other_url)
    assert "There is nothing at this address." in browser.page_source


def test_download_a_vcard_that_a_parser_reads_back(browser, server):
    open_person(browser, server, "CHEN Guo")
    link = browser.find_element(By.CSS_SELECTOR, "a[href$='/vcard']").get_attribute("href")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(link, headers={"Cookie": cookies}), timeout=10) as response:
        assert response.headers["Content-Type"] == "text/vcard; charset=utf-8"
        text = response.read().decode("utf-8")
    card = vobject.readOne(text)
    names = sorted(fn.value for fn in card.contents["fn"])
    assert names == ["CHEN Guo", "陈国"]
    assert card.n.value.family == "Chen" and card.n.value.given == "Guo"
    assert card.title.value == "Secretary General"
    assert "weixin:chenguo_gz" in [impp.value for impp in card.contents["impp"]]
    assert "chen.guo@gz.example.cn" in [email.value for email in card.contents["email"]]
