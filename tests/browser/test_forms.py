"""Forms that grow in place: a person gets a third channel added with JavaScript (no page is loaded to add
the row), a language chosen by name, and the page then shows all of it, the phone grouped as people read it.

The same without JavaScript ("Add another channel" sends the form, which comes back with a new row) is
tested in process (FormRowsTests)."""

import uuid

from conftest import click_and_wait
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def test_add_a_third_channel_in_place_and_save_it(browser, server):
    family = f"Tester{uuid.uuid4().hex[:6]}"
    browser.get(f"{server}/people/new")
    browser.find_element(By.ID, "f-givenName").send_keys("Min")
    browser.find_element(By.ID, "f-familyName").send_keys(family)
    browser.find_element(By.ID, "f-languages-0--name").send_keys("Chinese")

    channels = browser.find_element(By.ID, "f-channels")
    add = channels.find_element(By.CSS_SELECTOR, "button.add-row")
    assert add.text == "Add another channel"
    browser.execute_script("window.notReloaded = true")
    rows = [("email", f"{family.lower()}@example.cn"), ("phone", "+86 532 8591 2345"), ("wechat", "min_qd")]
    for index, (kind, value) in enumerate(rows):
        if index > 0:
            add.click()
        assert len(channels.find_elements(By.CSS_SELECTOR, ":scope > .row")) == index + 1
        Select(browser.find_element(By.ID, f"f-channels-{index}--kind")).select_by_value(kind)
        box = browser.find_element(By.ID, f"f-channels-{index}--value")
        assert box.get_attribute("name") == f"channels[{index}].value"
        assert box.get_attribute("value") == ""
        box.send_keys(value)
    assert browser.execute_script("return window.notReloaded === true"), "adding a row loaded a page"
    browser.find_element(By.ID, "f-preferredChannel-2").click()

    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record .actions button[type=submit]"))
    assert "/people/new" not in browser.current_url, browser.find_element(By.TAG_NAME, "main").text
    shown = browser.find_element(By.CSS_SELECTOR, "dl.channels").text
    assert f"{family.lower()}@example.cn" in shown
    assert "+86 532 8591 2345" in shown
    assert "min_qd" in shown
    assert "Chinese" in browser.find_element(By.TAG_NAME, "main").text


def test_a_ticked_remove_box_dims_its_row(browser, server):
    browser.get(f"{server}/people/new")
    row = browser.find_element(By.CSS_SELECTOR, "#f-channels > .row")
    row.find_element(By.CSS_SELECTOR, "input[name$='.remove']").click()
    assert "removed" in row.get_attribute("class")
