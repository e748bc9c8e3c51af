"""Fixtures for Liaison's external security suite: a real `liaison serve` driven over loopback with
plain `requests`, on SQLite and, when LIAISON_TEST_POSTGRES names a test PostgreSQL, on PostgreSQL too.

`site` is one server per engine for the whole run, serving the demo network, with an admin, an editor
and a viewer made by `liaison user add` before it starts, an API token for each made by `liaison user
token`, and a browser session for each (signed in once through POST /sign-in: bcrypt makes each sign-in
cost about 0.3 s). `fresh_site` starts a separate, empty server for a test that must break or load it.
"""

import atexit
import os
import re
import secrets
import signal
import threading
from dataclasses import dataclass, field

import pytest
import requests

import liaison_server
from liaison_server import Database, Server, add_account, cli, issue_token

ENGINES = ["sqlite"] + (["postgres"] if os.environ.get("LIAISON_TEST_POSTGRES") else [])
REQUEST_TIMEOUT = 30  # seconds for one request; no test waits on a server longer than this

ROLES = ("viewer", "editor", "admin")
CSRF_FIELD = re.compile(r'name="_csrf" value="([^"]+)"')

atexit.register(liaison_server.stop_all)  # an interrupted run leaves no server behind


def _stop_on_sigterm():
    """atexit does not run when the run is killed with SIGTERM (as `timeout` does): kill the servers and
    stop the run like Ctrl-C."""
    if threading.current_thread() is not threading.main_thread():
        return

    def handler(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        liaison_server.stop_all()
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, handler)


_stop_on_sigterm()


@dataclass
class Account:
    role: str
    email: str
    name: str
    password: str
    token: str = ""  # an API token made with --write (a viewer's write token still may not write)
    read_token: str = ""  # a read-only API token
    id: int = 0


@dataclass
class Site:
    """A running server and what the tests need to drive it."""

    engine: str
    database: Database
    server: Server
    accounts: dict = field(default_factory=dict)  # role (or another name) -> Account
    sessions: dict = field(default_factory=dict)  # role -> signed-in requests.Session

    @property
    def url(self):
        return self.server.url

    def anonymous(self):
        return Client(self.url)

    def api(self, who, read_only=False):
        """A client sending the account's API token."""
        account = self.accounts[who]
        client = Client(self.url)
        client.headers["Authorization"] = f"Bearer {account.read_token if read_only else account.token}"
        return client

    def session(self, who):
        """The account's browser session (one sign-in per run), with its CSRF token as `.csrf`."""
        if who not in self.sessions:
            self.sessions[who] = sign_in(self.url, self.accounts[who].email, self.accounts[who].password)
        return self.sessions[who]


class Client(requests.Session):
    """requests.Session bound to one server: paths instead of URLs, a timeout on every request, and no
    redirects followed unless asked with follow=True (the tests look at the redirects themselves)."""

    def __init__(self, base):
        super().__init__()
        self.base = base
        self.csrf = None

    def request(self, method, path, **kwargs):
        kwargs.setdefault("timeout", REQUEST_TIMEOUT)
        # requests.Session.get asks to follow redirects whatever the caller said: only `follow=True` does.
        kwargs["allow_redirects"] = kwargs.pop("follow", False)
        url = path if path.startswith("http") else self.base + path
        assert url.startswith("http://127.0.0.1:"), f"only loopback: {url}"
        return super().request(method, url, **kwargs)

    def sign_in(self, email, password, code="", next="/organizations", headers=None):
        """One sign-in as a browser makes it: the form first (its token and pre-session cookie, which this
        session keeps), then the form sent back."""
        form = self.get("/sign-in")
        assert form.status_code == 200, form.status_code
        token = CSRF_FIELD.search(form.text).group(1)
        return self.post(
            "/sign-in", data={"_csrf": token, "email": email, "password": password, "code": code, "next": next},
            headers=headers or {})

    def form(self, path, data, **kwargs):
        """Posts a URL-encoded form with this session's CSRF token, as the page's form would."""
        fields = list(data.items()) if isinstance(data, dict) else list(data)
        return self.post(path, data=[("_csrf", self.csrf or "")] + fields, **kwargs)


def sign_in(base, email, password):
    client = Client(base)
    answer = client.sign_in(email, password)
    assert answer.status_code == 303, f"sign-in as {email} answered {answer.status_code}"
    page = client.get("/account")
    assert page.status_code == 200, f"/account after sign-in as {email} answered {page.status_code}"
    client.csrf = CSRF_FIELD.search(page.text).group(1)
    return client


def make_accounts(database, roles, tag=""):
    accounts = {}
    for role in roles:
        email = f"{role}{tag}@security.example.org"
        account = Account(role=role, email=email, name=f"Sec {role.title()}", password="sec-" + secrets.token_hex(12))
        add_account(database, email, account.name, role, account.password)
        account.token = issue_token(database, email, "security-write", write=True)
        account.read_token = issue_token(database, email, "security-read")
        accounts[role] = account
    return accounts


@pytest.fixture(scope="session", params=ENGINES)
def site(request):
    """One server per engine on the demo network, with an account, tokens and a session per role."""
    database = Database.create(request.param)
    server = Server(database)
    try:
        cli(database, "seed", "demo")
        accounts = make_accounts(database, ROLES)
        server.start()
        site = Site(engine=request.param, database=database, server=server, accounts=accounts)
        for role in ROLES:  # signed in now, before any test makes sign-ins fail and get throttled
            site.session(role)
        rows = site.session("admin").get("/admin/accounts").text.split("<tr>")
        for account in accounts.values():
            row = next(row for row in rows if f">{account.email}</td>" in row)
            account.id = int(re.search(r"/admin/accounts/(\d+)", row).group(1))
        yield site
    finally:
        server.stop()
        database.drop()


@pytest.fixture
def fresh_site(request):
    """Makes empty servers on the engine of the test's `engine` parameter, each with an editor (and
    an admin) account and tokens; all are stopped and their databases dropped afterwards."""
    made = []

    def make(engine, roles=("editor",), arguments=(), environment=None):
        database = Database.create(engine)
        server = Server(database, arguments, environment)
        made.append((server, database))
        accounts = make_accounts(database, roles)
        server.start()
        return Site(engine=engine, database=database, server=server, accounts=accounts)

    yield make
    for server, database in made:
        server.stop()
        database.drop()


@pytest.fixture(scope="session")
def demo(site):
    """Ids of real demo records, read through the API."""
    api = site.api("viewer")
    organizations = api.get("/api/v1/organizations", params={"perPage": 5}).json()["items"]
    people = api.get("/api/v1/people", params={"perPage": 5}).json()["items"]
    activities = api.get("/api/v1/activities", params={"from": "2000-01-01", "to": "2100-01-01", "limit": 5}).json()["items"]
    assert organizations and people and activities, "the demo network is empty"
    return {"organization": organizations[0]["id"], "person": people[0]["id"], "activity": activities[0]["id"]}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test shows what its server printed (warnings and errors)."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        site = item.funcargs.get("site")
        if isinstance(site, Site):
            report.sections.append((f"server on {site.engine} ({site.url})", site.server.output()))
