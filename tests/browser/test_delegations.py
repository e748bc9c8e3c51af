"""Journeys through the Congress's delegations: invite a city, record a delegation of five and see the forecast
for Asia-Pacific (where the demo's Chinese cities are) change; register its head by name.

The demo's World Congress in Brussels already has invitations to the Chinese members, sent by Agnès.
"""

from conftest import click_and_wait, fill
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

CONGRESS = "World Congress in Brussels"


def open_congress(browser, server):
    browser.get(f"{server.url}/calendar?view=agenda&date=2027-06-14")
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, CONGRESS))


def expected_from(browser, region):
    row = browser.find_element(By.XPATH, f"//section[@aria-labelledby='forecast-regions-h']//tr[th[text()='{region}']]")
    return int(row.find_element(By.CSS_SELECTOR, "td[data-label='Expected']").text)


def test_record_a_delegation_of_five_and_see_the_forecast_for_asia_pacific_change(browser, server):
    open_congress(browser, server)
    section = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=event-delegations-h]")
    assert "Accepted" in section.text
    click_and_wait(browser, section.find_element(By.LINK_TEXT, "Forecast"))
    before = expected_from(browser, "Asia-Pacific")
    assert before > 0

    # Qingdao is not invited yet: invite it by name, accepted at once.
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "div.page-head a[href$='/delegations']"))
    assert "Guangzhou" in browser.find_element(By.TAG_NAME, "table").text
    fill(browser, "f-invite", "Qingdao")
    Select(browser.find_element(By.ID, "f-setState")).select_by_visible_text("Accepted")
    click_and_wait(browser, browser.find_element(By.XPATH, "//form[@method='post']//button[text()='Apply']"))
    notices = browser.find_elements(By.CSS_SELECTOR, "div.notice")
    assert notices and "Changes saved." in notices[0].text, browser.find_element(By.TAG_NAME, "main").text
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Qingdao"))

    # An estimate out of range is named beside its field; then a delegation of five.
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Edit"))
    fill(browser, "f-expectedSize", "60")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))
    assert "between 0 and 50" in browser.find_element(By.ID, "error-summary").text
    fill(browser, "f-expectedSize", "5")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))
    assert "up to 5" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text

    # Its head registered by name, with a visa letter and interpretation.
    fill(browser, "f-personName", "ZHANG Wei")
    Select(browser.find_element(By.ID, "f-role")).select_by_visible_text("Head of delegation")
    browser.find_element(By.ID, "f-visaLetter").click()
    fill(browser, "f-interpretation", "Chinese")
    click_and_wait(browser, browser.find_element(By.XPATH, "//form[@id='registration-form']//button[text()='Save']"))
    registrations = browser.find_element(By.CSS_SELECTOR, "ul.registrations").text
    assert "ZHANG Wei" in registrations and "Needs a visa letter" in registrations

    click_and_wait(browser, browser.find_element(By.LINK_TEXT, CONGRESS))
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "div.page-head a[href$='/forecast']"))
    assert expected_from(browser, "Asia-Pacific") == before + 5
    country = browser.find_element(By.XPATH, "//section[@aria-labelledby='forecast-countries-h']//tr[th[text()='China']]")
    assert int(country.find_element(By.CSS_SELECTOR, "td[data-label='Registered · In person']").text) >= 1
