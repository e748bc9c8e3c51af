"""Two Liaison app servers on one PostgreSQL database behave as one application.

The servers keep no state of their own: a session begun on one is good on the other and ends on both, and
a record written through one is read at once through the other, with its version guarding against lost
updates whichever server a change goes through. Everything is checked as a browser or an API client sees
it: status codes, redirects, cookies, names in pages and JSON.
"""

import http.client
import json
import urllib.parse
from html.parser import HTMLParser

SIGN_IN_COOKIE = "liaison_sign_in"  # the sign-in form's pre-session cookie
SESSION_COOKIE = "liaison_session"  # without --secure-cookies; `__Host-liaison_session` with it
CSRF_FIELD = "_csrf"  # in every form of a signed-in page
CSRF_HEADER = "X-CSRF-Token"  # for API calls authenticated by the session cookie


class Reply:
    def __init__(self, response, body):
        self.status = response.status
        self.headers = response.msg
        self.text = body.decode("utf-8", errors="replace")

    @property
    def location(self):
        return self.headers.get("Location", "")

    def json(self):
        return json.loads(self.text)

    def cookie(self, name):
        """The value a Set-Cookie header gives the cookie; None when the reply does not set it."""
        for header in self.headers.get_all("Set-Cookie") or []:
            pair = header.split(";", 1)[0]
            key, _, value = pair.partition("=")
            if key.strip() == name:
                return value.strip()
        return None

    def __repr__(self):
        return f"<{self.status} {self.location or ''}: {self.text[:600]!r}>"


def call(server, method, path, *, session=None, form=None, body=None, csrf=None, cookies=None):
    """One HTTP request as a browser (form) or a script (JSON body) sends it; redirects are not followed,
    so that a redirect to the sign-in page shows as one."""
    headers = {"Accept": "application/json" if path.startswith("/api/") else "text/html"}
    data = None
    jar = dict(cookies or {})
    if session is not None:
        jar[SESSION_COOKIE] = session
    if jar:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in jar.items())
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if csrf is not None:
        headers[CSRF_HEADER] = csrf
    if method not in ("GET", "HEAD"):
        headers["Origin"] = server.url  # as a browser sends with every form and fetch
    connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
    try:
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        return Reply(response, response.read())
    finally:
        connection.close()


class _Forms(HTMLParser):
    """The forms of a page: each one's action and the names and values of its inputs."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._current = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._current = {"action": attributes.get("action", ""), "fields": {}}
            self.forms.append(self._current)
        elif tag == "input" and self._current is not None and attributes.get("name"):
            self._current["fields"][attributes["name"]] = attributes.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def form_fields(page, action):
    parser = _Forms()
    parser.feed(page.text)
    for form in parser.forms:
        if form["action"] == action:
            return dict(form["fields"])
    raise AssertionError(f"no form posting to {action} on the page: {page!r}")


def sign_in(server, admin):
    """Signs in through the sign-in form; returns the session cookie's value."""
    page = call(server, "GET", "/sign-in")
    assert page.status == 200, page
    fields = form_fields(page, "/sign-in")
    assert {"email", "password"} <= fields.keys(), fields
    fields.update(email=admin.email, password=admin.password)
    # The form's token matches its pre-session cookie, as a browser sends them back together.
    signed_in = call(server, "POST", "/sign-in", form=fields, cookies={SIGN_IN_COOKIE: page.cookie(SIGN_IN_COOKIE)})
    assert signed_in.status == 303, signed_in
    assert signed_in.location == "/", signed_in
    session = signed_in.cookie(SESSION_COOKIE)
    assert session, f"no {SESSION_COOKIE} cookie set: {signed_in.headers.get_all('Set-Cookie')}"
    return session


def signed_in_page(server, session, admin, path="/organizations"):
    """A page as the signed-in admin sees it, checked to be that and not the way to the sign-in page."""
    page = call(server, "GET", path, session=session)
    assert page.status == 200, f"{path} on {server.name}: {page!r}"
    assert admin.name in page.text, f"{path} on {server.name} does not show who is signed in"
    return page


def sent_to_sign_in(reply):
    return reply.status in (302, 303) and reply.location.startswith("/sign-in")


def test_a_session_begun_on_one_server_holds_on_the_other_and_ends_on_both(servers, admin):
    a, b = servers
    for server in servers:
        assert sent_to_sign_in(call(server, "GET", "/organizations")), f"{server.name} let an anonymous visitor in"

    session = sign_in(a, admin)
    signed_in_page(a, session, admin)

    home = call(b, "GET", "/", session=session)
    assert home.status == 200 and "This week" in home.text, home
    page_on_b = signed_in_page(b, session, admin)
    assert call(b, "GET", "/api/v1/organizations?perPage=1", session=session).status == 200

    # Signing out on B, with the session's CSRF token from B's page (the sign-out form in the header).
    csrf = form_fields(page_on_b, "/sign-out")[CSRF_FIELD]
    assert csrf
    signed_out = call(b, "POST", "/sign-out", session=session, form={CSRF_FIELD: csrf})
    assert signed_out.status == 303 and signed_out.location == "/sign-in", signed_out
    assert signed_out.cookie(SESSION_COOKIE) == "", "sign-out does not clear the cookie"

    # The old cookie, kept by a second tab or replayed, is worth nothing on either server.
    for server in (a, b):
        page = call(server, "GET", "/organizations", session=session)
        assert sent_to_sign_in(page), f"{server.name} still honours the ended session: {page!r}"
        api = call(server, "GET", "/api/v1/organizations?perPage=1", session=session)
        assert api.status == 401, f"{server.name}: {api!r}"


def test_a_record_written_on_one_server_is_read_and_versioned_on_the_other(servers, admin):
    a, b = servers
    session = sign_in(a, admin)
    csrf = form_fields(signed_in_page(a, session, admin), "/sign-out")[CSRF_FIELD]

    # The demo network seeded before the servers started is there through both.
    for server in servers:
        found = call(server, "GET", "/api/v1/organizations?q=guangzhou", session=session)
        assert found.status == 200, found
        assert "Guangzhou" in [item["name"] for item in found.json()["items"]], f"{server.name}: {found!r}"

    created = call(a, "POST", "/api/v1/organizations", session=session, csrf=csrf, body={
        "kind": "city", "name": "Joinville", "country": "BR", "region": "latin-america", "population": 616317,
        "latitude": -26.3045, "longitude": -48.8487, "membershipStatus": "prospect",
    })
    assert created.status == 201, created
    record = created.json()
    assert record["name"] == "Joinville" and record["version"] == 1, record
    location = created.location
    assert location == f"/api/v1/organizations/{record['id']}", created

    # Read at once on B.
    read_on_b = call(b, "GET", location, session=session)
    assert read_on_b.status == 200, read_on_b
    assert read_on_b.json()["name"] == "Joinville" and read_on_b.json()["version"] == 1, read_on_b

    # Changed on B: the record as read, with the version it was read at.
    change = read_on_b.json()
    change.update(name="Joinville Metropolitan", population=1_400_000)
    updated = call(b, "PUT", location, session=session, csrf=csrf, body=change)
    assert updated.status == 200, updated
    assert updated.json()["name"] == "Joinville Metropolitan" and updated.json()["version"] == 2, updated

    # A change sent to A from the copy read before B's change names version 1: refused, nothing changed.
    stale = dict(record)
    stale.update(name="Joinville Stale", population=1)
    conflict = call(a, "PUT", location, session=session, csrf=csrf, body=stale)
    assert conflict.status == 409, conflict
    assert conflict.headers.get("Content-Type", "").startswith("application/problem+json"), conflict
    assert conflict.json().get("currentVersion") == 2, conflict

    for server in servers:
        now = call(server, "GET", location, session=session)
        assert now.status == 200, now
        body = now.json()
        assert (body["name"], body["population"], body["version"]) == ("Joinville Metropolitan", 1_400_000, 2), \
            f"{server.name}: {now!r}"
        profile = signed_in_page(server, session, admin, f"/organizations/{record['id']}")
        assert "Joinville Metropolitan" in profile.text, f"{server.name} profile does not show B's change"
        assert "Joinville Stale" not in profile.text, f"{server.name} profile shows the refused change"


def test_simultaneous_sign_ins_through_both_servers_get_no_more_password_checks_than_the_limit(servers):
    """Forty wrong passwords for one account at once, half through each server: the attempt is taken from the
    account's counter in the shared database before the password is checked, so five are checked (401) and
    the rest wait (429 with Retry-After), however the requests interleave across the servers."""
    import concurrent.futures

    forms = []
    for index in range(40):
        server = servers[index % 2]
        page = call(server, "GET", "/sign-in")
        fields = form_fields(page, "/sign-in")
        fields.update(email="nobody.in.particular@example.org", password="a wrong guess at the password")
        forms.append((server, fields, page.cookie(SIGN_IN_COOKIE)))

    def attempt(item):
        server, fields, cookie = item
        return call(server, "POST", "/sign-in", form=fields, cookies={SIGN_IN_COOKIE: cookie})

    with concurrent.futures.ThreadPoolExecutor(max_workers=40) as pool:
        replies = list(pool.map(attempt, forms))
    statuses = [reply.status for reply in replies]
    assert statuses.count(401) == 5, statuses
    assert statuses.count(429) == 35, statuses
    assert all(reply.headers.get("Retry-After", "").isdigit() for reply in replies if reply.status == 429)
