"""Fixtures for Liaison's browser journeys: a real `liaison serve` on loopback and headless Chromium."""

import atexit
import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

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


@pytest.fixture(scope="session")
def server():
    """Serves the demo network from a throwaway database; stopped by its PID however the run ends."""
    workdir = tempfile.TemporaryDirectory(prefix="liaison-browser-")
    port = _free_port()
    process = subprocess.Popen(
        [str(BINARY), "serve", "--demo", "--database", f"{workdir.name}/demo.sqlite", "--port", str(port),
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
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            pytest.fail("liaison serve exited:\n" + "".join(output))
        output.append(line)
        if "Liaison is running at" in line:
            break
    else:
        stop()
        pytest.fail("liaison serve did not start within 60 s:\n" + "".join(output))
    yield f"http://127.0.0.1:{port}"
    stop()
    workdir.cleanup()


@pytest.fixture
def browser():
    options = Options()
    options.binary_location = "/usr/lib/chromium/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path="/usr/bin/chromedriver"))
    driver.implicitly_wait(2)
    yield driver
    driver.quit()
