"""Journeys for trips: print the briefing for the Guangzhou mission, one page a city; and read the analytics,
where China's share of the membership is stated and each chart has its table."""

import base64
import re

from conftest import click_and_wait
from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions

MISSION = "Mission to Guangzhou and the Greater Bay Area"


def _pdf_pages(pdf):
    """The number of pages of a PDF: pypdf when it is installed, else the page objects Chromium writes."""
    try:
        import io

        from pypdf import PdfReader

        return len(PdfReader(io.BytesIO(pdf)).pages)
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))


def test_print_the_briefing_for_the_guangzhou_mission_one_page_a_city(browser, server):
    browser.get(f"{server}/calendar?view=agenda&date=2026-11-01")
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, MISSION))
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Briefing pack"))
    assert browser.find_element(By.TAG_NAME, "h1").text == f"Briefing: {MISSION}"
    cities = browser.find_elements(By.CSS_SELECTOR, "section.briefing-city")
    names = [city.find_element(By.CSS_SELECTOR, "h2.city-name a").text for city in cities]
    assert {"Guangzhou", "Foshan", "Dongguan"} <= set(names), names
    assert len(names) == len(set(names)), "each city once"
    schedule = browser.find_element(By.CSS_SELECTOR, ".briefing-cover table").text
    assert "Bilateral meeting with Guangzhou Municipality" in schedule
    assert "10:00" in schedule and "GMT+8" in schedule, schedule

    # On paper: no navigation, search or buttons, and each city starts a page.
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        for selector in ["header.top", "footer.bottom", ".briefing-cover .head-actions"]:
            element = browser.find_element(By.CSS_SELECTOR, selector)
            assert element.value_of_css_property("display") == "none", selector
        breaks = {city.value_of_css_property("break-before") for city in cities}
        assert breaks == {"page"}, breaks
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    for width, height in [(21.0, 29.7), (21.59, 27.94)]:  # A4, then Letter
        options = PrintOptions()
        options.page_width = width
        options.page_height = height
        pdf = base64.b64decode(browser.print_page(options))
        pages = _pdf_pages(pdf)
        # The cover, then at least a page a city (a long one may run onto a second).
        assert pages >= len(cities) + 1, (width, pages, len(cities))
        assert pages <= 3 * (len(cities) + 1), (width, pages)


def test_the_analytics_state_chinas_share_and_draw_each_chart_with_its_table(browser, server):
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "nav a[href='/analytics']"))
    shares = browser.find_element(By.CSS_SELECTOR, "ul.shares").text
    assert re.search(r"China makes up \d+\.\d% of the official membership and \d+\.\d% of the paying", shares), shares
    for figure in browser.find_elements(By.CSS_SELECTOR, "figure.chart"):
        svg = figure.find_element(By.CSS_SELECTOR, "svg[role=img]")
        assert svg.find_element(By.TAG_NAME, "title").get_attribute("textContent")
        assert figure.find_element(By.CSS_SELECTOR, "table caption").text
        assert svg.size["width"] > 200
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Map of members and prospects"))
    dots = browser.find_elements(By.CSS_SELECTOR, "#world-map g.dots circle")
    assert len(dots) > 100, len(dots)
    assert browser.find_element(By.ID, "map-countries").text
