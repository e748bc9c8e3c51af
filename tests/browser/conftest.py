"""Fixtures for Liaison's browser journeys: a real `liaison serve` on loopback and headless Chromium."""

import atexit
import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from dataclasses import dataclass

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

os.environ["SE_OFFLINE"] = "true"  # Selenium must not try the network for a driver.

REPO = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("LIAISON_BINARY", REPO / ".build" / "debug" / "liaison"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


VIEWER_EMAIL = "victor.viewer@example.org"
VIEWER_PASSWORD = "a long walk by the river"


@dataclass
class Server:
    url: str
    admin_email: str
    admin_password: str


@pytest.fixture(scope="session")
def server():
    """Serves the demo network from a throwaway database, with a viewer account besides the demo admin;
    stopped by its PID however the run ends."""
    workdir = tempfile.TemporaryDirectory(prefix="liaison-browser-")
    port = _free_port()
    database = f"{workdir.name}/demo.sqlite"
    subprocess.run(
        [str(BINARY), "user", "add", "--database", database, "--email", VIEWER_EMAIL, "--name", "Victor Viewer",
         "--role", "viewer", "--password-stdin"],
        input=VIEWER_PASSWORD + "\n", text=True, check=True, capture_output=True,
    )
    process = subprocess.Popen(
        [str(BINARY), "serve", "--demo", "--database", database, "--port", str(port),
         "--host", "127.0.0.1", "--log-level", "warning"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )

    def stop():
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    atexit.register(stop)
    output = []
    deadline = time.monotonic() + 60
    admin = None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            pytest.fail("liaison serve exited:\n" + "".join(output))
        output.append(line)
        if line.startswith("Sign in as "):
            words = line.split()
            admin = (words[3], words[-1])
            break
    else:
        stop()
        pytest.fail("liaison serve did not start within 60 s:\n" + "".join(output))
    yield Server(url=f"http://127.0.0.1:{port}", admin_email=admin[0], admin_password=admin[1])
    stop()
    workdir.cleanup()


def wait_for_new_page(driver, action):
    """Runs `action` (a click or a choice that loads a new page) and waits until the new page has loaded,
    so that what the test reads next is the new page: a click returns before the navigation ends. The
    old page is marked, and the mark is gone once the browser shows another document."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script("window.liaisonOldPage = true")
    action()
    WebDriverWait(driver, 15, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return window.liaisonOldPage === undefined && document.readyState === 'complete'")
    )


def click_and_wait(driver, element):
    wait_for_new_page(driver, element.click)


def sign_in(driver, url, email, password):
    """Signs in through the form, as a person would."""
    from selenium.webdriver.common.by import By

    driver.get(f"{url}/sign-in")
    driver.find_element(By.ID, "f-email").send_keys(email)
    driver.find_element(By.ID, "f-password").send_keys(password)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))


@pytest.fixture
def anonymous_browser():
    """A fresh browser with no session."""
    options = Options()
    options.binary_location = "/usr/lib/chromium/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path="/usr/bin/chromedriver"))
    driver.implicitly_wait(2)
    yield driver
    driver.quit()


@pytest.fixture
def browser(anonymous_browser, server):
    """A browser signed in as the demo admin."""
    sign_in(anonymous_browser, server.url, server.admin_email, server.admin_password)
    return anonymous_browser
