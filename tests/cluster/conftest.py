"""Fixtures for running two Liaison app servers on one PostgreSQL database.

`database` is a fresh database on the test PostgreSQL (LIAISON_TEST_POSTGRES, which scripts/postgres.sh
starts), created and owned by the `liaison` role, holding the demo network and an admin account made
with `liaison user add`; it is dropped at the end. `servers` is two `liaison serve` processes on that one
database, each on its own loopback port, stopped by their PIDs however the run ends.
"""

import atexit
import collections
import glob
import os
import queue
import re
import secrets
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("LIAISON_BINARY", REPO / ".build" / "debug" / "liaison"))
START_TIMEOUT = 60  # seconds for `liaison serve` to say it is running
COMMAND_TIMEOUT = 120  # seconds for `user add` and `seed demo`

RUNNING = re.compile(r"Liaison is running at (http://\S+?)/?(\s|$)")

# The admin account the tests sign in with; made with `liaison user add`, not the demo admin (whose
# password is printed only by `serve --demo`).
ADMIN_EMAIL = "ada@example.org"
ADMIN_NAME = "Ada Admin"
ADMIN_PASSWORD = "ada-" + secrets.token_hex(10)  # 24 characters, new at every run


class Server:
    """One running `liaison serve`: its base URL and the output it has printed so far."""

    def __init__(self, name, process, url, log):
        self.name = name
        self.process = process
        self.url = url
        self.log = log
        parsed = urllib.parse.urlsplit(url)
        self.host, self.port = parsed.hostname, parsed.port

    def __repr__(self):
        return f"<server {self.name} at {self.url}, PID {self.process.pid}>"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _psql():
    """Debian's psql on PATH, else the newest PostgreSQL's own."""
    found = shutil.which("psql")
    if found:
        return found
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"), key=lambda p: int(Path(p).parts[-3]))
    if not candidates:
        pytest.fail("psql is not installed (Debian package postgresql-client).", pytrace=False)
    return candidates[-1]


def _redact(text, secret):
    return text.replace(secret, "***") if secret else text


def _run(arguments, secret, stdin=None):
    """Runs a command to its end; fails the test with its output (password hidden) when it fails."""
    done = subprocess.run(
        arguments, input=stdin, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=COMMAND_TIMEOUT,
    )
    if done.returncode != 0:
        shown = _redact(" ".join(str(a) for a in arguments), secret)
        pytest.fail(f"`{shown}` failed ({done.returncode}):\n{_redact(done.stdout, secret)}", pytrace=False)
    return done.stdout


class Database(str):
    """The URL of the test's database (it is that string), with the password kept aside for redaction."""

    def __new__(cls, url, password):
        database = super().__new__(cls, url)
        database.password = password
        return database


Admin = collections.namedtuple("Admin", "email name password")


@pytest.fixture(scope="session")
def admin():
    """The admin account in the test database, to sign in with."""
    return Admin(ADMIN_EMAIL, ADMIN_NAME, ADMIN_PASSWORD)


@pytest.fixture(scope="module")
def database():
    """A new database owned by the `liaison` role, with the schema, the demo network and the admin
    account; dropped afterwards, even when a server still holds connections to it."""
    base = os.environ.get("LIAISON_TEST_POSTGRES")
    if not base:
        pytest.fail(
            "LIAISON_TEST_POSTGRES is not set: run scripts/test.sh, or `source scripts/setup.sh; source "
            "scripts/postgres.sh; start_test_postgres` first.", pytrace=False)
    parts = urllib.parse.urlsplit(base)
    password = parts.password or ""
    name = "liaison_cluster_" + secrets.token_hex(6)
    url = urllib.parse.urlunsplit(parts._replace(path="/" + name))

    def psql(target, sql):
        return [_psql(), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", target, "-c", sql]

    # As the app's own role, not a superuser: that is how a deployment runs.
    _run(psql(base, f"CREATE DATABASE {name} OWNER liaison"), password)
    try:
        _run([str(BINARY), "user", "add", "--database", url, "--email", ADMIN_EMAIL, "--name", ADMIN_NAME,
              "--role", "admin", "--password-stdin"], password, stdin=ADMIN_PASSWORD + "\n")
        _run([str(BINARY), "seed", "demo", "--database", url], password)
        # A binary without the PostgreSQL engine would take the URL for a file name and pass on SQLite.
        tables = _run(psql(url, "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"), password)
        if int(tables.strip() or 0) == 0:
            pytest.fail(f"`{BINARY.name} user add` and `seed demo` wrote nothing to the PostgreSQL database: "
                        "is the binary built with the PostgreSQL engine?", pytrace=False)
        yield Database(url, password)
    finally:
        subprocess.run(psql(base, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=COMMAND_TIMEOUT)


def _read_lines(stream, lines, log, secret):
    """Reads a server's output to its end, so that it never blocks on a full pipe."""
    for line in stream:
        line = _redact(line, secret)
        log.append(line)
        lines.put(line)
    lines.put(None)  # the server has closed its output: it has exited


def _stop(process):
    """Ends a server we started, by its PID: politely first, then for good."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _stop_on_sigterm(processes):
    """atexit does not run when the test run is killed with SIGTERM (as `timeout` does): that signal kills
    the servers at once, then stops the run like Ctrl-C. Returns the handler it replaced, to put back."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the run outright
        for process in processes:
            if process.poll() is None:
                process.kill()
        raise KeyboardInterrupt(f"signal {signum}")

    return signal.signal(signal.SIGTERM, handler)


def _wait_until_running(name, process, lines, log):
    """Reads a server's output until it says where it is running; returns that base URL."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            line = ""
        if not line:  # timed out, or the server exited
            reason = f"exited ({process.poll()})" if line is None else f"did not start within {START_TIMEOUT} s"
            pytest.fail(f"server {name}: `liaison serve` {reason}; its output so far:\n{''.join(log)}", pytrace=False)
        found = RUNNING.search(line)
        if found:
            return found.group(1)


@pytest.fixture(scope="module")
def servers(database):
    """Two `liaison serve` on the one database, started together (both run the migrations at start, which
    must not race) and each on its own free loopback port. Yields (A, B)."""
    started = []
    atexit.register(lambda: [_stop(process) for process in started])  # never outlive the run
    previous_sigterm = _stop_on_sigterm(started)
    try:
        pending = []
        for name in ("A", "B"):
            process = subprocess.Popen(
                [str(BINARY), "serve", "--database", database, "--host", "127.0.0.1", "--port", str(_free_port()),
                 "--log-level", "warning"],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
            )
            started.append(process)
            lines, log = queue.Queue(), collections.deque(maxlen=500)
            threading.Thread(target=_read_lines, args=(process.stdout, lines, log, database.password),
                             daemon=True).start()
            pending.append((name, process, lines, log))
        running = [Server(name, process, _wait_until_running(name, process, lines, log), log)
                   for name, process, lines, log in pending]
        yield tuple(running)
    finally:
        for process in started:
            _stop(process)
        if previous_sigterm is not None:
            signal.signal(signal.SIGTERM, previous_sigterm)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test shows what each server printed (warnings and errors, as --log-level warning)."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        for server in item.funcargs.get("servers") or ():
            exited = server.process.poll()
            state = f"exited with {exited}" if exited is not None else "running"
            report.sections.append((f"server {server.name} ({server.url}, {state})", "".join(server.log) or "(no output)"))
