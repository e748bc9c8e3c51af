"""Running a real `liaison serve` on loopback for tests that drive it from outside.

`Database.create(engine)` makes a throwaway database: a SQLite file in a temporary folder, or a schema
of its own on the test PostgreSQL (LIAISON_TEST_POSTGRES, which scripts/postgres.sh starts). `Server`
starts `liaison serve` on it at a free port (`--port 0`, the port read back from what it prints) and
stops it by its PID: politely with `stop()`, or with SIGKILL with `kill()`. `cli()` runs the other
commands (`seed demo`, `user add`, `user token`). Nothing here talks to anything but 127.0.0.1.
"""

import collections
import glob
import os
import queue
import re
import secrets
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("LIAISON_BINARY", REPO / ".build" / "debug" / "liaison"))
START_TIMEOUT = 60  # seconds for `liaison serve` to say it is running
COMMAND_TIMEOUT = 120  # seconds for a command such as `seed demo`
STOP_TIMEOUT = 10  # seconds for a server to stop after SIGTERM, and again after SIGKILL

RUNNING = re.compile(r"Liaison is running at (http://\S+?)/?(\s|$)")


class CommandFailed(Exception):
    pass


def _redact(text, secret):
    return text.replace(secret, "***") if secret else text


def _psql():
    """Debian's psql on PATH, else the newest PostgreSQL's own."""
    found = shutil.which("psql")
    if found:
        return found
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"), key=lambda p: int(Path(p).parts[-3]))
    if not candidates:
        raise CommandFailed("psql is not installed (Debian package postgresql-client).")
    return candidates[-1]


class Database:
    """A throwaway database for one server: `url` is what `--database` takes."""

    def __init__(self, engine, url, secret="", folder=None, schema=None, base=None):
        self.engine, self.url, self.secret = engine, url, secret
        self.folder, self.schema, self.base = folder, schema, base

    @classmethod
    def create(cls, engine):
        if engine == "sqlite":
            folder = tempfile.mkdtemp(prefix="liaison-security-")
            return cls(engine, str(Path(folder) / "liaison.sqlite"), folder=folder)
        base = os.environ.get("LIAISON_TEST_POSTGRES")
        if not base:
            raise CommandFailed("LIAISON_TEST_POSTGRES is not set (scripts/postgres.sh start_test_postgres sets it).")
        schema = "security_" + secrets.token_hex(5)
        separator = "&" if "?" in base else "?"
        return cls(engine, f"{base}{separator}schema={schema}",
                   secret=urllib.parse.urlsplit(base).password or "", schema=schema, base=base)

    @property
    def path(self):
        """The SQLite file (None on PostgreSQL)."""
        return self.url if self.engine == "sqlite" else None

    def integrity_check(self):
        """SQLite's own verdict on the file (`ok` when sound); run only while no server has it open."""
        connection = sqlite3.connect(self.path)
        try:
            return [row[0] for row in connection.execute("PRAGMA integrity_check")]
        finally:
            connection.close()

    def drop(self):
        if self.engine == "sqlite":
            shutil.rmtree(self.folder, ignore_errors=True)
        else:
            subprocess.run([_psql(), "-X", "-q", "-d", self.base, "-c", f"DROP SCHEMA IF EXISTS {self.schema} CASCADE"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=COMMAND_TIMEOUT)

    def __repr__(self):
        return f"<{self.engine} database {_redact(self.url, self.secret)}>"


def cli(database, *arguments, stdin=None):
    """Runs `liaison ARGUMENTS --database URL` to its end and returns what it printed on stdout."""
    command = [str(BINARY), *arguments, "--database", database.url]
    done = subprocess.run(command, input=stdin, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=COMMAND_TIMEOUT)
    if done.returncode != 0:
        shown = _redact(" ".join(command), database.secret)
        raise CommandFailed(f"`{shown}` failed ({done.returncode}):\n{_redact(done.stdout + done.stderr, database.secret)}")
    return done.stdout


def add_account(database, email, name, role, password):
    cli(database, "user", "add", "--email", email, "--name", name, "--role", role, "--password-stdin",
        stdin=password + "\n")


def issue_token(database, email, name, write=False):
    printed = cli(database, "user", "token", email, "--name", name, *(["--write"] if write else []))
    return printed.strip().splitlines()[-1].strip()


# Every server started here, so that an interrupted run leaves none behind (see stop_all).
_started = []


class Server:
    """One `liaison serve` on loopback; `url` is its base URL once `start()` returns."""

    def __init__(self, database, arguments=(), environment=None):
        self.database = database
        self.arguments = list(arguments)  # more flags for `liaison serve`
        self.environment = environment  # more environment variables for it
        self.process = None
        self.url = None
        self.log = collections.deque(maxlen=500)

    def start(self):
        self.process = subprocess.Popen(
            [str(BINARY), "serve", "--database", self.database.url, "--host", "127.0.0.1", "--port", "0",
             "--log-level", "warning", *self.arguments],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
            env={**os.environ, **(self.environment or {})},
        )
        _started.append(self.process)
        lines = queue.Queue()
        threading.Thread(target=self._read, args=(self.process.stdout, lines), daemon=True).start()
        deadline = time.monotonic() + START_TIMEOUT
        while self.url is None:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                line = ""
            if not line:
                reason = f"exited ({self.process.poll()})" if line is None else f"did not start in {START_TIMEOUT} s"
                self.stop()
                raise CommandFailed(f"`liaison serve` {reason}; its output:\n{self.output()}")
            found = RUNNING.search(line)
            if found:
                self.url = found.group(1).replace("localhost", "127.0.0.1")
        if not self.url.startswith("http://127.0.0.1:"):
            self.stop()
            raise CommandFailed(f"the server is not on loopback: {self.url}")
        return self

    def _read(self, stream, lines):
        """Reads the server's output to its end, so that it never blocks on a full pipe."""
        for line in stream:
            line = _redact(line, self.database.secret)
            self.log.append(line)
            lines.put(line)
        lines.put(None)

    def output(self):
        return "".join(self.log) or "(no output)"

    def stop(self):
        """Ends the server by its PID: SIGTERM, then SIGKILL if it lingers."""
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)

    def kill(self):
        """Ends the server at once with SIGKILL, as a crash or the OOM killer would, and waits for it."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=STOP_TIMEOUT)


def stop_all():
    """Kills any server this module started that still runs (for atexit and SIGTERM)."""
    for process in _started:
        if process.poll() is None:
            process.kill()
