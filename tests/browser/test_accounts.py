"""Signing in and out, and what each role may do, in a real browser."""

from conftest import VIEWER_EMAIL, VIEWER_PASSWORD, click_and_wait, sign_in
from selenium.webdriver.common.by import By


def test_pages_ask_to_sign_in_first_and_return_after(anonymous_browser, server):
    anonymous_browser.get(f"{server.url}/organizations?q=guangzhou")
    assert "/sign-in" in anonymous_browser.current_url
    anonymous_browser.find_element(By.ID, "f-email").send_keys(server.admin_email)
    anonymous_browser.find_element(By.ID, "f-password").send_keys(server.admin_password)
    click_and_wait(anonymous_browser, anonymous_browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))
    assert anonymous_browser.current_url.endswith("/organizations?q=guangzhou")
    assert anonymous_browser.find_element(By.ID, "account-link").text == "Demo Admin"


def test_a_wrong_password_is_refused_without_saying_why(anonymous_browser, server):
    sign_in(anonymous_browser, server.url, server.admin_email, "not the right password")
    assert "/sign-in" in anonymous_browser.current_url
    assert anonymous_browser.find_element(By.ID, "sign-in-error").text == "The email, password or code is not right. Try again."
    sign_in(anonymous_browser, server.url, "nobody@example.org", "not the right password")
    assert anonymous_browser.find_element(By.ID, "sign-in-error").text == "The email, password or code is not right. Try again."


def test_signing_out_ends_the_session(browser, server):
    browser.get(f"{server.url}/organizations")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".who form button"))
    assert "/sign-in" in browser.current_url
    browser.get(f"{server.url}/organizations")
    assert "/sign-in" in browser.current_url


def test_a_viewer_sees_no_edit_button_and_the_server_refuses_the_edit(anonymous_browser, server):
    sign_in(anonymous_browser, server.url, VIEWER_EMAIL, VIEWER_PASSWORD)
    anonymous_browser.get(f"{server.url}/organizations?q=guangzhou")
    click_and_wait(anonymous_browser, anonymous_browser.find_element(By.LINK_TEXT, "Guangzhou"))
    assert anonymous_browser.find_elements(By.CSS_SELECTOR, "a[href$='/edit']") == []
    profile = anonymous_browser.current_url

    anonymous_browser.get(profile + "/edit")
    assert "403" in anonymous_browser.find_element(By.TAG_NAME, "h1").text
    anonymous_browser.get(profile)
    assert "Guangzhou" in anonymous_browser.find_element(By.TAG_NAME, "h1").text


def test_an_edit_appears_in_the_history_with_its_author(browser, server):
    browser.get(f"{server.url}/organizations?q=zhuhai")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Zhuhai"))
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "a[href$='/edit']"))
    field = browser.find_element(By.ID, "f-population")
    field.clear()
    field.send_keys("3500000")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))

    history = browser.find_element(By.CSS_SELECTOR, "ol.history li").text
    assert "Changed" in history and "Demo Admin" in history
    assert "Population" in history and "3500000" in history
