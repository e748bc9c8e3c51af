"""Signing in as an attacker would try it, against a real `liaison serve`: forged sign-in forms, guesses in
parallel, locking an owner out, a forwarded address, the two-factor bypass through tokens and feeds, the
redirect after sign-in, the deployment's cookie settings, and the limits on costly requests."""

import concurrent.futures
import os
import re
import secrets
import subprocess

import pytest

from conftest import CSRF_FIELD, Client, sign_in
from liaison_server import BINARY, Database


def _statuses(calls, workers=16):
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        return [answer.status_code for answer in pool.map(lambda call: call(), calls)]


def test_a_sign_in_form_from_elsewhere_signs_no_one_in(site):
    account = site.accounts["viewer"]
    # Straight to the form's address, with no form served first: an attacker's page posting to Liaison.
    forged = site.anonymous().post("/sign-in", data={"email": account.email, "password": account.password})
    assert forged.status_code == 403, forged.status_code
    assert "liaison_session" not in forged.headers.get("Set-Cookie", "")
    # A form served to the attacker is no good in the victim's browser: the token goes with its cookie.
    attacker = site.anonymous()
    token = CSRF_FIELD.search(attacker.get("/sign-in").text).group(1)
    victim = site.anonymous()
    victim.get("/sign-in")
    planted = victim.post("/sign-in", data={"_csrf": token, "email": account.email, "password": account.password})
    assert planted.status_code == 403, planted.status_code
    # Sandboxed frames and data: pages send Origin: null.
    null = site.anonymous().sign_in(account.email, account.password, headers={"Origin": "null"})
    assert null.status_code == 403, null.status_code


def test_the_right_password_from_a_new_browser_waits_but_the_owners_browser_does_not(fresh_site, site):
    own = fresh_site(site.engine, roles=("editor", "admin"))
    editor = own.accounts["editor"]
    owner = Client(own.url)
    assert owner.sign_in(editor.email, editor.password).status_code == 303  # this browser is now known
    owner.cookies.pop("liaison_session")
    guesses = [lambda: Client(own.url).sign_in(editor.email, "a stranger's guess") for _ in range(30)]
    statuses = _statuses(guesses)
    assert statuses.count(401) == 5 and statuses.count(429) == 25, sorted(statuses)
    stranger = Client(own.url).sign_in(editor.email, editor.password)
    assert stranger.status_code == 429, stranger.status_code
    assert int(stranger.headers["Retry-After"]) >= 1
    assert owner.sign_in(editor.email, editor.password).status_code == 303


def test_one_address_is_limited_only_when_a_trusted_proxy_names_it(fresh_site, site):
    own = fresh_site(site.engine, arguments=["--trusted-proxy", "127.0.0.1"])
    forwarded = {"X-Forwarded-For": "198.51.100.7"}
    guesses = [
        lambda: Client(own.url).sign_in(f"nobody{secrets.token_hex(4)}@example.org", "guess", headers=forwarded)
        for _ in range(24)
    ]
    statuses = _statuses(guesses, workers=8)
    assert statuses.count(401) == 20 and statuses.count(429) == 4, sorted(statuses)
    # Another client behind the same proxy is not held up.
    other = Client(own.url).sign_in("someone@example.org", "guess", headers={"X-Forwarded-For": "198.51.100.8"})
    assert other.status_code == 401, other.status_code


def test_a_forwarded_address_from_an_untrusted_peer_is_ignored(site):
    marker = f"forged{secrets.token_hex(4)}@example.org"
    Client(site.url).sign_in(marker, "guess", headers={"X-Forwarded-For": "203.0.113.99"})
    trail = site.session("admin").get("/admin/audit", params={"action": "sign_in_failed"}).text
    entry = next(row for row in trail.split("<li>") if marker in row)
    assert "127.0.0.1" in entry and "203.0.113.99" not in entry, entry[:400]


def test_required_two_factor_cannot_be_bypassed_with_tokens_or_feeds(fresh_site, site):
    own = fresh_site(site.engine, roles=("viewer", "admin"))
    viewer = own.accounts["viewer"]
    feed = own.api("viewer").post("/api/v1/calendar-feeds", json={"scope": "all"})
    assert feed.status_code == 201, feed.text
    feed_path = "/" + feed.json()["url"].split("/", 3)[3]
    admin = sign_in(own.url, own.accounts["admin"].email, own.accounts["admin"].password)
    assert admin.form("/admin/settings", {"requireTwoFactor": "on"}).status_code == 200

    assert own.api("viewer").get("/api/v1/organizations").status_code == 403
    assert Client(own.url).get(feed_path).status_code == 403
    session = sign_in(own.url, viewer.email, viewer.password)
    made = session.form("/account/tokens", {"name": "exfiltrate", "access": "read", "password": viewer.password})
    assert made.status_code == 403 and "new-token" not in made.text
    assert session.form("/account/feeds", {"scope": "all", "password": viewer.password}).status_code == 403
    assert session.get("/api/v1/organizations").status_code == 403


def test_after_sign_in_only_a_path_on_this_site_is_followed(site):
    account = site.accounts["viewer"]
    for hostile in ["/\t/other.host/", "//other.host/", "/\\other.host", "https://other.host/"]:
        answer = Client(site.url).sign_in(account.email, account.password, next=hostile)
        assert answer.status_code == 303 and answer.headers["Location"] == "/", (hostile, answer.headers)
    page = Client(site.url).get("/sign-in?next=/%09/other.host/")
    assert 'name="next" value="/"' in page.text


def test_secure_cookies_are_set_from_the_flag_and_the_environment(fresh_site, site):
    for arguments, environment in [(["--secure-cookies", "true"], None), ([], {"LIAISON_SECURE_COOKIES": "true"})]:
        own = fresh_site(site.engine, arguments=arguments, environment=environment)
        client = Client(own.url)
        form = client.get("/sign-in")
        pre = [line for line in form.raw.headers.getlist("Set-Cookie") if line.startswith("__Host-liaison_sign_in=")]
        assert pre and "Secure" in pre[0], form.raw.headers.getlist("Set-Cookie")
        # requests keeps Secure cookies for HTTPS: send it back by hand, as a browser behind TLS would.
        value = pre[0].split(";", 1)[0].split("=", 1)[1]
        token = CSRF_FIELD.search(form.text).group(1)
        editor = own.accounts["editor"]
        answer = client.post(
            "/sign-in", data={"_csrf": token, "email": editor.email, "password": editor.password},
            headers={"Cookie": f"__Host-liaison_sign_in={value}"})
        assert answer.status_code == 303, answer.status_code
        lines = answer.raw.headers.getlist("Set-Cookie")
        session = [line for line in lines if line.startswith("__Host-liaison_session=")]
        assert session and "Secure" in session[0] and "HttpOnly" in session[0], lines
        assert not [line for line in lines if line.startswith("liaison_session=")], lines


@pytest.mark.parametrize("arguments, environment, named", [
    (["--secure-cookies", "banana"], {}, "--secure-cookies must be true or false"),
    ([], {"LIAISON_SECURE_COOKIES": "banana"}, "LIAISON_SECURE_COOKIES must be true or false"),
    (["--trusted-proxy", "proxy.internal"], {}, "--trusted-proxy must be the IP addresses"),
    (["--refuse-superuser", "sometimes"], {}, "--refuse-superuser must be true or false"),
])
def test_a_bad_setting_stops_start_up_naming_it(tmp_path, arguments, environment, named):
    result = subprocess.run(
        [str(BINARY), "serve", "--database", str(tmp_path / "never.sqlite"), "--port", "0", *arguments],
        env={**os.environ, **environment}, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert named in result.stderr, result.stderr
    assert not (tmp_path / "never.sqlite").exists(), "it opened the database before refusing"


def test_searches_and_exports_are_limited_per_account(fresh_site, site):
    own = fresh_site(site.engine, roles=("editor", "viewer"))
    editor = own.api("editor")
    searches = _statuses([lambda: editor.get("/api/v1/search", params={"q": "guang"}) for _ in range(320)])
    assert statuses_are(searches, {200: 300, 429: 20})
    limited = editor.get("/api/v1/search", params={"q": "guang"})
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    assert limited.headers["Content-Type"] == "application/problem+json"
    assert own.api("viewer").get("/api/v1/search", params={"q": "guang"}).status_code == 200

    exports = _statuses([lambda: editor.get("/api/v1/organizations/export") for _ in range(36)], workers=8)
    assert statuses_are(exports, {200: 30, 429: 6})


def test_the_limits_are_set_by_flag_and_by_environment(fresh_site, site):
    own = fresh_site(site.engine, arguments=["--search-limit", "5"], environment={"LIAISON_EXPORT_LIMIT": "2"})
    editor = own.api("editor")
    searches = [editor.get("/api/v1/search", params={"q": "x"}).status_code for _ in range(6)]
    assert searches == [200] * 5 + [429], searches
    exports = [editor.get("/api/v1/people/export").status_code for _ in range(3)]
    assert exports == [200, 200, 429], exports


def statuses_are(statuses, expected):
    counted = {status: statuses.count(status) for status in set(statuses)}
    assert counted == expected, counted
    return True


def test_wrong_current_passwords_are_limited_and_audited(fresh_site, site):
    own = fresh_site(site.engine, roles=("editor", "admin"))
    editor = sign_in(own.url, own.accounts["editor"].email, own.accounts["editor"].password)
    wrong = lambda: editor.form("/account/password", {"current": "is it this one", "new": "a quiet harbour at dawn"})
    statuses = _statuses([wrong for _ in range(12)], workers=6)
    assert statuses.count(422) == 5 and statuses.count(429) == 7, sorted(statuses)
    admin = sign_in(own.url, own.accounts["admin"].email, own.accounts["admin"].password)
    trail = admin.get("/admin/audit", params={"action": "access_refused"}).text
    assert trail.count("Wrong current password") == 5


def test_an_admin_ends_one_session_of_an_account(fresh_site, site):
    own = fresh_site(site.engine, roles=("viewer", "admin"))
    viewer = own.accounts["viewer"]
    phone = Client(own.url)
    phone.headers["User-Agent"] = "Mozilla/5.0 (iPhone; lost on the metro)"
    assert phone.sign_in(viewer.email, viewer.password).status_code == 303
    laptop = sign_in(own.url, viewer.email, viewer.password)
    admin = sign_in(own.url, own.accounts["admin"].email, own.accounts["admin"].password)
    accounts = admin.get("/admin/accounts").text
    viewer_id = re.search(
        r'href="/admin/accounts/(\d+)/sessions"[^>]*>[^<]*</a></th><td[^>]*>' + re.escape(viewer.email), accounts).group(1)
    page = admin.get(f"/admin/accounts/{viewer_id}/sessions").text
    assert "lost on the metro" in page
    row = next(row for row in page.split("<tr>") if "lost on the metro" in row)
    reference = re.search(r'name="session" value="([^"]+)"', row).group(1)
    ended = admin.form(f"/admin/accounts/{viewer_id}/sessions/end", {"session": reference})
    assert ended.status_code == 200 and "The session has ended" in ended.text
    assert phone.get("/organizations").status_code in (302, 303)
    assert laptop.get("/organizations").status_code == 200


SUPERUSER_URL = os.environ.get("LIAISON_TEST_POSTGRES_SUPERUSER")


@pytest.mark.skipif(not SUPERUSER_URL, reason="needs the test PostgreSQL's superuser role (scripts/postgres.sh)")
def test_a_superuser_role_is_warned_about_and_refused_when_asked():
    schema = f"superuser_{secrets.token_hex(4)}"
    url = f"{SUPERUSER_URL}?schema={schema}"
    try:
        refused = subprocess.run(
            [str(BINARY), "serve", "--database", url, "--port", "0", "--refuse-superuser", "true"],
            capture_output=True, text=True, timeout=120)
        assert refused.returncode != 0
        assert "as a superuser" in refused.stderr and "--refuse-superuser" in refused.stderr, refused.stderr
        server = subprocess.Popen(
            [str(BINARY), "serve", "--database", url, "--host", "127.0.0.1", "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            warning = server.stderr.readline()
            assert "WARNING: Liaison is connected to PostgreSQL as a superuser" in warning, warning
            assert "Liaison is running at" in server.stdout.readline()
        finally:
            server.kill()
            server.wait(timeout=30)
    finally:
        subprocess.run(
            ["psql", SUPERUSER_URL, "-X", "-q", "-c", f"DROP SCHEMA IF EXISTS {schema} CASCADE"],
            capture_output=True, timeout=60)
