"""Journeys of knowing the members, in a real browser: the cities within commuting distance of Guangzhou, the
members the team knows least about, practices by theme."""

from conftest import click_and_wait
from selenium.webdriver.common.by import By


def open_guangzhou(browser, server):
    browser.get(f"{server}/organizations?q=Guangzhou")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Guangzhou"))


def test_the_members_within_70_km_of_guangzhou_are_foshan_and_dongguan_nearest_first(browser, server):
    open_guangzhou(browser, server)
    coverage = browser.find_element(By.ID, "coverage-h").text
    assert "Knowledge coverage" in coverage
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "within 70 km"))
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "table#nearby tbody td:first-child a")]
    assert "Foshan" in names and "Dongguan" in names, names
    assert names.index("Foshan") < names.index("Dongguan")
    assert "Shenzhen" not in names  # about 104 km away
    distances = [float(td.text.split()[0]) for td in browser.find_elements(By.CSS_SELECTOR, "table#nearby td.distance")]
    assert distances == sorted(distances) and distances[-1] <= 70
    # The same search by hand, wider: Shenzhen comes in.
    km = browser.find_element(By.ID, "f-km")
    km.clear()
    km.send_keys("120")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "table#nearby tbody td:first-child a")]
    assert "Shenzhen" in names


def test_the_least_known_members_come_first_with_a_way_to_fill_the_gap(browser, server):
    browser.get(f"{server}/")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "a[href='/members/least-known']"))
    scores = [int(td.text) for td in browser.find_elements(By.CSS_SELECTOR, "table#least-known td.score")]
    assert scores and scores == sorted(scores)
    fix = browser.find_element(By.CSS_SELECTOR, "table#least-known tbody tr td:last-child a")
    click_and_wait(browser, fix)
    assert browser.find_element(By.TAG_NAME, "h1").text
    browser.get(f"{server}/members/least-known")
    assert browser.find_elements(By.CSS_SELECTOR, "table.trend tbody tr"), "the monthly trend shows"


def test_practices_are_found_by_theme(browser, server):
    browser.get(f"{server}/practices")
    box = browser.find_element(By.ID, "f-q")
    box.send_keys("innovation award")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
    text = browser.find_element(By.ID, "practices").text
    assert "Guangzhou International Award for Urban Innovation" in text and "2012" in text
