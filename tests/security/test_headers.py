"""Security headers on every kind of response: pages, API, assets, redirects and errors (400, 401, 403,
404, 405, 413), as SecurityHeadersMiddleware promises; and the session cookie's attributes."""

import re

import requests

SAFE_REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}


def _responses(site, demo):
    anonymous, viewer, editor = site.anonymous(), site.session("viewer"), site.session("editor")
    org = demo["organization"]
    yield "sign-in page", anonymous.get("/sign-in")
    yield "redirect to sign-in", anonymous.get("/organizations")
    yield "directory page", viewer.get("/organizations")
    yield "profile page", viewer.get(f"/organizations/{org}")
    yield "HEAD of a page", viewer.head(f"/organizations/{org}")
    yield "API JSON", site.api("viewer").get(f"/api/v1/organizations/{org}")
    yield "OpenAPI document", anonymous.get("/api/openapi.json")
    yield "stylesheet", anonymous.get("/assets/app.css")
    yield "script", anonymous.get("/assets/app.js")
    yield "health", anonymous.get("/health")
    yield "vCard", viewer.get(f"/people/{demo['person']}/vcard")
    yield "CSV export", viewer.get("/organizations/export")
    yield "iCalendar", site.api("viewer").get(f"/api/v1/activities/{demo['activity']}/ics")
    yield "404 page", viewer.get("/no-such-page")
    yield "404 asset", anonymous.get("/assets/no-such-file.js")
    yield "404 API", site.api("viewer").get("/api/v1/organizations/999999999")
    yield "401 API", anonymous.get("/api/v1/organizations")
    yield "401 bad token", site.anonymous().get("/api/v1/organizations", headers={"Authorization": "Bearer nope"})
    yield "401 sign-in failed", anonymous.sign_in("nobody@example.org", "wrong")
    yield "403 sign-in without its form", site.anonymous().post("/sign-in", data={"email": "a@b.c", "password": "x"})
    yield "403 API", site.api("viewer").post("/api/v1/organizations", json={"name": "x"})
    yield "403 page", editor.get("/admin/accounts")
    yield "403 CSRF", editor.post(f"/organizations/{org}/delete", data={"version": "0"})
    yield "400 API", site.api("editor").post("/api/v1/organizations", data="{", headers={"Content-Type": "application/json"})
    yield "405", viewer.request("PATCH", f"/organizations/{org}")
    try:
        yield "413 API", site.api("editor").post("/api/v1/organizations", data=b"x" * 1_100_000,
                                                 headers={"Content-Type": "application/json"})
    except requests.ConnectionError:
        pass  # the server may close the connection before the whole body is sent: no response to look at


def test_every_response_carries_the_security_headers(site, demo):
    problems = []
    responses = list(_responses(site, demo))
    for what, answer in responses:
        headers = answer.headers
        csp = headers.get("Content-Security-Policy", "")
        directives = {part.strip().split(" ")[0]: part.strip() for part in csp.split(";") if part.strip()}
        scripts = directives.get("script-src") or directives.get("default-src")
        if not scripts:
            problems.append(f"{what} ({answer.status_code}): no CSP script-src or default-src: {csp!r}")
        elif "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts or "*" in scripts.split():
            problems.append(f"{what}: CSP lets scripts in: {scripts!r}")
        if directives.get("object-src") != "object-src 'none'":
            problems.append(f"{what}: object-src is not 'none': {csp!r}")
        framing = directives.get("frame-ancestors") == "frame-ancestors 'none'" or \
            headers.get("X-Frame-Options", "").upper() == "DENY"
        if not framing:
            problems.append(f"{what} ({answer.status_code}): may be framed (no frame-ancestors 'none' or X-Frame-Options DENY)")
        if headers.get("X-Content-Type-Options", "").lower() != "nosniff":
            problems.append(f"{what} ({answer.status_code}): no X-Content-Type-Options: nosniff")
        if headers.get("Referrer-Policy", "").lower() not in SAFE_REFERRER_POLICIES:
            problems.append(f"{what} ({answer.status_code}): Referrer-Policy {headers.get('Referrer-Policy')!r}")
        if what not in ("stylesheet", "script") and "no-store" not in headers.get("Cache-Control", ""):
            problems.append(f"{what} ({answer.status_code}): may be cached: Cache-Control {headers.get('Cache-Control')!r}")
    statuses = {answer.status_code for _, answer in responses}
    assert {200, 400, 401, 403, 404, 405} <= statuses and statuses & {302, 303}, f"statuses reached: {sorted(statuses)}"
    assert not problems, "\n".join(problems)


def test_session_cookie_is_http_only_and_same_site(site):
    account = site.accounts["viewer"]
    answer = site.anonymous().sign_in(account.email, account.password)
    assert answer.status_code == 303
    cookie = set_cookie(answer, "liaison_session")
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")}
    assert "httponly" in attributes, cookie
    assert attributes.get("samesite", "").lower() in ("samesite=lax", "samesite=strict"), cookie
    assert attributes.get("path") == "Path=/", cookie
    # Without --secure-cookies (plain HTTP on loopback) the cookie cannot be Secure; behind TLS it must be.
    assert "secure" not in attributes, cookie


def test_sign_in_gives_a_new_session_each_time(site):
    """A session id known before signing in (fixation) is worth nothing after it."""
    account = site.accounts["viewer"]
    planted = {"Cookie": "liaison_session=planted-by-an-attacker"}
    browser = site.anonymous()
    browser.cookies.set("liaison_session", "planted-by-an-attacker")
    answer = browser.sign_in(account.email, account.password)
    assert answer.status_code == 303
    given = re.search(r"liaison_session=([^;]*)", set_cookie(answer, "liaison_session")).group(1)
    assert given and given != "planted-by-an-attacker", "the session id planted before sign-in was kept"
    assert site.anonymous().get("/organizations", headers=planted).status_code in (302, 303)


def set_cookie(answer, name):
    """The whole Set-Cookie line for one cookie (a sign-in sets several)."""
    lines = [line for line in answer.raw.headers.getlist("Set-Cookie") if line.startswith(name + "=")]
    assert lines, f"no {name} cookie among {answer.raw.headers.getlist('Set-Cookie')}"
    return lines[0]
