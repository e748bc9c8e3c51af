"""Fixtures for Liaison's browser journeys: a real `liaison serve` on loopback and headless Chromium.

`server` is the base URL of a Liaison serving the demo network from a throwaway database; `browser` is
Chromium signed in as the demo admin, `anonymous_browser` the same without a session. One Chromium runs
for the whole session (starting one takes a second or two); every test gets it with no cookies left.
"""

import atexit
import collections
import os
import queue
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

os.environ["SE_OFFLINE"] = "true"  # Selenium must never reach for the network to find a driver.

REPO = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("LIAISON_BINARY", REPO / ".build" / "debug" / "liaison"))
CHROMIUM = "/usr/lib/chromium/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
START_TIMEOUT = 60  # seconds for `liaison serve` to say it is running
PAGE_TIMEOUT = 15  # seconds for a page to load after a click

RUNNING = "Liaison is running at"
SIGN_IN = "Sign in as "  # "Sign in as EMAIL with the password PASSWORD", printed by --demo

# A viewer account, added before the server starts, for the journeys about roles.
VIEWER_EMAIL = "victor.viewer@example.org"
VIEWER_PASSWORD = "a long walk by the river"


class Server(str):
    """The base URL of the running app (it is that string), with the demo admin's sign-in beside it."""

    def __new__(cls, url, admin_email, admin_password):
        server = super().__new__(cls, url)
        server.admin_email = admin_email
        server.admin_password = admin_password
        return server

    @property
    def url(self):
        return str(self)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stop(process):
    """Ends the server we started, by its PID: politely first, then for good."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _stop_on_sigterm(process):
    """atexit does not run when the test run is killed with SIGTERM (as `timeout` does): that signal kills
    the server at once, then stops the run like Ctrl-C, so that pytest still closes Chromium. Returns the
    handler it replaced, to put back."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the run outright
        if process.poll() is None:
            process.kill()
        raise KeyboardInterrupt(f"signal {signum}")

    return signal.signal(signal.SIGTERM, handler)


def _read_lines(stream, lines, log):
    """Reads the server's output to its end, so that the server never blocks on a full pipe."""
    for line in stream:
        log.append(line)
        lines.put(line)
    lines.put(None)  # the server has closed its output: it has exited


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Serves the demo network from a throwaway database, with a viewer account besides the demo admin,
    and yields its base URL; the server is stopped by its PID however the run ends."""
    database = tmp_path_factory.mktemp("liaison") / "demo.sqlite"
    added = subprocess.run(
        [str(BINARY), "user", "add", "--database", str(database), "--email", VIEWER_EMAIL,
         "--name", "Victor Viewer", "--role", "viewer", "--password-stdin"],
        input=VIEWER_PASSWORD + "\n", text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    if added.returncode != 0:
        pytest.fail(f"`{BINARY} user add` failed ({added.returncode}):\n{added.stdout}", pytrace=False)
    port = _free_port()
    process = subprocess.Popen(
        [str(BINARY), "serve", "--demo", "--database", str(database), "--port", str(port), "--host", "127.0.0.1"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    atexit.register(_stop, process)  # however the run ends, the server does not outlive it
    previous_sigterm = _stop_on_sigterm(process)
    try:
        running = _wait_until_running(process, f"http://127.0.0.1:{port}")
        running.database = database  # for journeys that set a demo colleague's password with `liaison user`
        yield running
    finally:
        _stop(process)
        if previous_sigterm is not None:
            signal.signal(signal.SIGTERM, previous_sigterm)


def _wait_until_running(process, url):
    """Reads the server's output until it says it is running and how to sign in."""
    lines, log = queue.Queue(), collections.deque(maxlen=200)
    threading.Thread(target=_read_lines, args=(process.stdout, lines, log), daemon=True).start()
    running, admin = False, None
    deadline = time.monotonic() + START_TIMEOUT
    while not (running and admin):
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            line = ""
        if not line:  # timed out, or the server exited
            reason = "exited" if line is None else f"did not start within {START_TIMEOUT} s"
            pytest.fail(f"`liaison serve` {reason}; its output so far:\n{''.join(log)}", pytrace=False)
        running = running or RUNNING in line
        if line.startswith(SIGN_IN):
            words = line.split()
            admin = (words[3], words[-1])
    return Server(url, *admin)


@pytest.fixture(scope="session")
def chromium():
    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    yield driver
    driver.quit()


@pytest.fixture
def anonymous_browser(chromium):
    """Chromium with no cookies, so no session: as if a person had just opened it."""
    chromium.get("about:blank")
    chromium.execute_cdp_cmd("Network.clearBrowserCookies", {})
    return chromium


@pytest.fixture
def browser(anonymous_browser, server):
    """Chromium signed in as the demo admin, through the sign-in form."""
    sign_in(anonymous_browser, server, server.admin_email, server.admin_password)
    assert "/sign-in" not in anonymous_browser.current_url, "the demo admin could not sign in"
    return anonymous_browser


def wait_for_new_page(driver, action):
    """Runs `action` (a click, or a choice that submits a form) and waits until the next page has loaded.

    The current page is marked first; the mark is gone once the browser shows another document, so what
    the test reads next is the new page, never the old one."""
    driver.execute_script("window.liaisonOldPage = true")
    action()
    WebDriverWait(driver, PAGE_TIMEOUT, poll_frequency=0.05, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return window.liaisonOldPage === undefined && document.readyState === 'complete'"),
        message="no new page loaded",
    )


def click_and_wait(driver, element):
    wait_for_new_page(driver, element.click)


def sign_in(driver, url, email, password):
    """Signs in through the form, as a person would."""
    driver.get(f"{url}/sign-in")
    driver.find_element(By.ID, "f-email").send_keys(email)
    driver.find_element(By.ID, "f-password").send_keys(password)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))


def fill(driver, field_id, value):
    """Types `value` into a field as a person would; the browser's day and time pickers take keys in the
    order of its locale (MM/DD/YYYY, 09:30 AM), so those are set as the picker would set them."""
    field = driver.find_element(By.ID, field_id)
    if field.get_attribute("type") in ("date", "time"):
        driver.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", field, value)
        return
    field.clear()
    field.send_keys(value)
