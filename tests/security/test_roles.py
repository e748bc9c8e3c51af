"""Every route against every role, as an outsider sees it: anonymous callers are sent to sign in (pages)
or get 401 (API and forms), viewers get 403 on every write, editors get 403 under /admin, and whoever
the route admits gets past the check. Requests that a role may make are shaped so that the handler
refuses them harmlessly (a stale version, a missing field, an unknown id), so no demo record changes.
"""

import re
from pathlib import Path

import pytest

from conftest import ROLES

RANK = {None: -1, "viewer": 0, "editor": 1, "admin": 2}
SOURCES = Path(__file__).resolve().parents[2] / "Sources" / "LiaisonWeb"

# API operations whose least role is not "viewer to read, editor to write" (all others come from the
# OpenAPI document and that rule): a person's own calendar feeds, and looking for duplicates.
API_EXCEPTIONS = {
    ("GET", "/api/openapi.json"): None,
    ("POST", "/api/v1/people/duplicates"): "viewer",
    ("POST", "/api/v1/calendar-feeds"): "viewer",
    ("DELETE", "/api/v1/calendar-feeds/{id}"): "viewer",
    # Everyone's inbox is their own: reading it is no change to the workspace.
    ("POST", "/api/v1/notifications/read"): "viewer",
}

# The HTML routes, from `routes.add(...)` in Sources/LiaisonWeb/Pages/*.swift, with the least role each
# declares and, for writes, a form the handler refuses without changing anything. {org}, {person},
# {activity} and {account} are ids of real records.
STALE = {"version": "0"}
PAGE_ROUTES = [
    ("GET", "/", "viewer", None),
    ("GET", "/organizations", "viewer", None),
    ("GET", "/organizations/new", "editor", None),
    ("POST", "/organizations", "editor", {"name": ""}),
    ("GET", "/organizations/{org}", "viewer", None),
    ("GET", "/organizations/{org}/edit", "editor", None),
    ("POST", "/organizations/{org}", "editor", {}),  # no version: 400
    ("GET", "/organizations/{org}/delete", "editor", None),
    ("POST", "/organizations/{org}/delete", "editor", STALE),  # stale version: 409
    ("GET", "/people", "viewer", None),
    ("GET", "/people/new", "editor", None),
    ("POST", "/people", "editor", {}),
    ("GET", "/people/{person}", "viewer", None),
    ("GET", "/people/{person}/edit", "editor", None),
    ("POST", "/people/{person}", "editor", {}),
    ("GET", "/people/{person}/delete", "editor", None),
    ("POST", "/people/{person}/delete", "editor", STALE),
    ("GET", "/people/{person}/merge", "editor", None),
    ("POST", "/people/{person}/merge", "editor", {}),
    ("GET", "/calendar", "viewer", None),
    ("GET", "/activities/new", "editor", None),
    ("POST", "/activities", "editor", {}),
    ("GET", "/activities/{activity}", "viewer", None),
    ("GET", "/activities/{activity}/edit", "editor", None),
    ("POST", "/activities/{activity}", "editor", {}),
    ("GET", "/activities/{activity}/delete", "editor", None),
    ("POST", "/activities/{activity}/delete", "editor", STALE),
    ("POST", "/activities/{activity}/attendance", "editor", {}),
    ("GET", "/search", "viewer", None),
    ("GET", "/people/export", "viewer", None),
    ("GET", "/people/{person}/vcard", "viewer", None),
    ("GET", "/organizations/export", "viewer", None),
    ("POST", "/organizations/bulk/export", "viewer", {}),  # nothing ticked: 400
    ("POST", "/organizations/bulk/add-to-activity", "editor", {}),  # nothing ticked: 400
    ("GET", "/account", "viewer", None),
    ("POST", "/account/password", "viewer", {"current": "not the password", "new": "x"}),
    ("POST", "/account/two-factor", "viewer", {"secret": "short", "code": "000000"}),
    ("POST", "/account/two-factor/disable", "viewer", {"password": "not the password"}),
    ("POST", "/account/tokens", "viewer", {"name": ""}),
    ("POST", "/account/tokens/999999999/revoke", "viewer", {}),
    ("POST", "/account/time-zone", "viewer", {"timeZone": "Not/AZone"}),
    ("POST", "/account/feeds", "viewer", {"scope": "nobody"}),
    ("POST", "/account/feeds/999999999/revoke", "viewer", {}),
    ("GET", "/admin/accounts", "admin", None),
    ("POST", "/admin/accounts", "admin", {"email": "", "name": "", "role": "viewer", "password": ""}),
    ("POST", "/admin/accounts/{account}", "admin", {}),  # nothing to change
    ("POST", "/admin/accounts/{account}/password", "admin", {"password": "short"}),
    ("GET", "/admin/accounts/{account}/sessions", "admin", None),
    ("POST", "/admin/accounts/{account}/sessions/end", "admin", {"session": "no-such-session"}),  # 404
    ("GET", "/admin/audit", "admin", None),
    ("POST", "/admin/settings", "admin", {}),  # two-factor stays not required
    ("GET", "/admin/backup", "admin", None),
    ("GET", "/reports", "viewer", None),
    ("GET", "/reports/new", "editor", None),
    ("POST", "/reports", "editor", {}),  # no title: 400
    ("GET", "/reports/999999999", "viewer", None),  # 404
    ("GET", "/reports/999999999/edit", "editor", None),
    ("POST", "/reports/999999999", "editor", STALE),
    ("POST", "/reports/999999999/links", "editor", STALE),
    ("GET", "/reports/999999999/delete", "editor", None),
    ("POST", "/reports/999999999/delete", "editor", STALE),
    ("POST", "/reports/999999999/comments", "editor", {}),  # 404; a comment's author alone edits it (403 to others)
    ("GET", "/comments/999999999", "viewer", None),
    ("GET", "/comments/999999999/edit", "editor", None),
    ("POST", "/comments/999999999", "editor", STALE),
    ("GET", "/comments/999999999/delete", "editor", None),
    ("POST", "/comments/999999999/delete", "editor", STALE),
    ("GET", "/follow-ups", "viewer", None),
    ("GET", "/follow-ups/new", "editor", None),
    ("POST", "/follow-ups", "editor", {}),  # no title: 400
    ("GET", "/follow-ups/999999999", "viewer", None),  # 404
    ("GET", "/follow-ups/999999999/edit", "editor", None),
    ("POST", "/follow-ups/999999999", "editor", STALE),
    ("POST", "/follow-ups/999999999/status", "editor", STALE),
    ("GET", "/follow-ups/999999999/delete", "editor", None),
    ("POST", "/follow-ups/999999999/delete", "editor", STALE),
    ("GET", "/pipeline", "viewer", None),
    ("GET", "/pipeline/funnel", "viewer", None),
    ("GET", "/pipeline/list", "viewer", None),
    ("GET", "/pipeline.csv", "viewer", None),
    ("GET", "/pipeline/new", "editor", None),  # no organization: 400
    ("POST", "/pipeline", "editor", {}),  # no organization: 422
    ("GET", "/pipeline/999999999", "viewer", None),  # 404
    ("GET", "/pipeline/999999999/edit", "editor", None),
    ("POST", "/pipeline/999999999", "editor", STALE),
    ("POST", "/pipeline/999999999/stage", "editor", STALE),
    ("GET", "/pipeline/999999999/delete", "editor", None),
    ("POST", "/pipeline/999999999/delete", "editor", STALE),
    ("GET", "/groups", "viewer", None),
    ("GET", "/groups/new", "editor", None),
    ("POST", "/groups", "editor", {}),  # no name: 422
    ("GET", "/groups/999999999", "viewer", None),  # 404
    ("GET", "/groups/999999999/edit", "editor", None),
    ("POST", "/groups/999999999", "editor", STALE),
    ("GET", "/groups/999999999/delete", "editor", None),
    ("POST", "/groups/999999999/delete", "editor", STALE),
    ("GET", "/interests", "viewer", None),
    ("GET", "/interests/new", "editor", None),  # no organization: 400
    ("POST", "/interests", "editor", {}),  # no organization: 422
    ("GET", "/interests/999999999", "viewer", None),  # 404
    ("GET", "/interests/999999999/edit", "editor", None),
    ("POST", "/interests/999999999", "editor", STALE),
    ("GET", "/interests/999999999/delete", "editor", None),
    ("POST", "/interests/999999999/delete", "editor", STALE),
    ("GET", "/engagement", "viewer", None),
    ("GET", "/opportunities", "viewer", None),
    ("GET", "/opportunities/new", "editor", None),
    ("POST", "/opportunities", "editor", {}),  # no title: 422
    ("GET", "/opportunities/999999999", "viewer", None),  # 404
    ("GET", "/opportunities/999999999/edit", "editor", None),
    ("POST", "/opportunities/999999999", "editor", STALE),
    ("POST", "/opportunities/999999999/invitations", "editor", STALE),
    ("GET", "/opportunities/999999999/delete", "editor", None),
    ("POST", "/opportunities/999999999/delete", "editor", STALE),
    ("GET", "/activities/999999999/delegations", "viewer", None),  # 404
    ("POST", "/activities/999999999/delegations", "editor", {"state": "invited"}),
    ("GET", "/activities/999999999/delegations.csv", "viewer", None),
    ("GET", "/activities/999999999/forecast", "viewer", None),
    ("GET", "/delegations/999999999", "viewer", None),  # 404
    ("GET", "/delegations/999999999/edit", "editor", None),
    ("POST", "/delegations/999999999", "editor", STALE),
    ("POST", "/delegations/999999999/registrations", "editor", STALE),
    ("POST", "/delegations/999999999/registrations/state", "editor", STALE),
    ("GET", "/delegations/999999999/delete", "editor", None),
    ("POST", "/delegations/999999999/delete", "editor", STALE),
    ("GET", "/members/least-known", "viewer", None),
    ("GET", "/members/least-known.csv", "viewer", None),
    ("GET", "/practices", "viewer", None),
    ("GET", "/organizations/nearby", "viewer", None),
    ("GET", "/inbox", "viewer", None),
    ("GET", "/inbox/999999999", "viewer", None),  # 404: no such entry of one's own
    ("POST", "/inbox/read", "viewer", {}),  # one's own entries marked read
    ("GET", "/analytics", "viewer", None),
    ("GET", "/analytics/engagement", "viewer", None),
    ("GET", "/analytics/map", "viewer", None),
    ("GET", "/analytics/regions.csv", "viewer", None),
    ("GET", "/analytics/countries.csv", "viewer", None),
    ("GET", "/analytics/joined.csv", "viewer", None),
    ("GET", "/analytics/dues.csv", "viewer", None),
    ("GET", "/analytics/engagement.csv", "viewer", None),
    ("GET", "/analytics/interactions.csv", "viewer", None),
    ("GET", "/analytics/unanswered.csv", "viewer", None),
    ("GET", "/analytics/funnel.csv", "viewer", None),
    ("GET", "/analytics/coverage.csv", "viewer", None),
    ("GET", "/briefing", "viewer", None),
    ("GET", "/briefing?activity={activity}", "viewer", None),
    ("POST", "/briefing", "viewer", {}),  # nothing ticked: 400
    ("POST", "/sign-out", "viewer", None),  # checked for anonymous callers only: it would end the session
]
PUBLIC_ROUTES = [
    ("GET", "/health"), ("GET", "/sign-in"), ("GET", "/assets/app.css"), ("GET", "/api/openapi.json"),
    ("GET", "/feeds/calendar/lcf_unknown"),
]


def _fill(path, demo, site):
    return path.format(org=demo["organization"], person=demo["person"], activity=demo["activity"],
                       account=site.accounts["viewer"].id)


def _api_body(method, path):
    """A body that gets past the role check and is refused by the handler without writing anything."""
    if method in ("GET", "DELETE"):
        return None
    if method == "PUT":
        return {"version": 0}  # a stale version, and most required fields missing
    return {}


def _api_operations(site):
    document = site.anonymous().get("/api/openapi.json").json()
    operations = []
    for path, item in document["paths"].items():
        for method in item:
            if method.upper() in ("GET", "POST", "PUT", "DELETE", "PATCH"):
                method = method.upper()
                least = API_EXCEPTIONS.get((method, path), "viewer" if method == "GET" else "editor")
                operations.append((method, path, least))
    assert len(operations) >= 25, f"the OpenAPI document lists only {len(operations)} operations"
    return operations


def _api_path(path, demo):
    # A comment is changed by its author alone: an unknown one answers 404 to every role the route admits.
    ids = {"organizations": demo["organization"], "people": demo["person"], "activities": demo["activity"],
           "calendar-feeds": 999999999, "comments": 999999999}
    collection = path.split("/")[3] if path.startswith("/api/v1/") else ""
    return path.replace("{id}", str(ids.get(collection, 1)))


def test_every_api_operation_against_every_role(site, demo):
    problems = []
    for method, path, least in _api_operations(site):
        target = _api_path(path, demo)
        body = _api_body(method, path)
        params = {"version": 0} if method == "DELETE" and "calendar-feeds" not in path else None
        anonymous = site.anonymous().request(method, target, json=body, params=params)
        if least is None:
            if anonymous.status_code != 200:
                problems.append(f"anonymous {method} {path}: {anonymous.status_code}, expected 200 (public)")
            continue
        if anonymous.status_code != 401:
            problems.append(f"anonymous {method} {path}: {anonymous.status_code}, expected 401")
        for role in ROLES:
            # A write token: a viewer holding one must still be refused every write.
            answer = site.api(role).request(method, target, json=body, params=params)
            allowed = RANK[role] >= RANK[least]
            if allowed and answer.status_code in (401, 403):
                problems.append(f"{role} {method} {path}: {answer.status_code}, expected to be let through")
            if allowed and answer.status_code >= 500:
                problems.append(f"{role} {method} {path}: {answer.status_code} (server error)")
            if not allowed and answer.status_code != 403:
                problems.append(f"{role} {method} {path}: {answer.status_code}, expected 403")
        if method != "GET":
            # An editor's read-only token may not write either.
            answer = site.api("editor", read_only=True).request(method, target, json=body, params=params)
            if answer.status_code != 403:
                problems.append(f"editor's read-only token {method} {path}: {answer.status_code}, expected 403")
    assert not problems, "\n".join(problems)


def test_every_page_route_against_every_role(site, demo):
    problems = []
    for method, path, least, form in PAGE_ROUTES:
        target = _fill(path, demo, site)
        anonymous = site.anonymous().request(method, target, data=form)
        if method == "GET":
            location = anonymous.headers.get("Location", "")
            if anonymous.status_code not in (302, 303) or not location.startswith("/sign-in"):
                problems.append(f"anonymous GET {path}: {anonymous.status_code} to {location!r}, expected sign-in")
        elif anonymous.status_code != 401:
            problems.append(f"anonymous {method} {path}: {anonymous.status_code}, expected 401")
        if path == "/sign-out":
            continue
        for role in ROLES:
            session = site.session(role)
            answer = session.form(target, form or {}) if method == "POST" else session.get(target)
            allowed = RANK[role] >= RANK[least]
            if allowed and (answer.status_code in (401, 403) or answer.status_code >= 500):
                problems.append(f"{role} {method} {path}: {answer.status_code}, expected to be let through")
            if allowed and answer.headers.get("Location", "").startswith("/sign-in"):
                problems.append(f"{role} {method} {path}: sent to sign in")
            if not allowed and answer.status_code != 403:
                problems.append(f"{role} {method} {path}: {answer.status_code}, expected 403")
    assert not problems, "\n".join(problems)


def test_public_routes_need_no_sign_in(site):
    for method, path in PUBLIC_ROUTES:
        answer = site.anonymous().request(method, path)
        expected = 404 if path.startswith("/feeds/") else 200
        assert answer.status_code == expected, f"anonymous {method} {path}: {answer.status_code}"


def test_page_list_names_every_route_the_sources_register(site):
    """The list above is written by hand; this keeps it whole as routes are added."""
    registered = set()
    for source in SOURCES.rglob("*.swift"):
        text = source.read_text()
        for method, prefix, path in re.findall(r'routes\.add\(\.(\w+),\s*(prefix \+ )?"([^"]+)"', text):
            path = ("/api/v1" if prefix else "") + path
            registered.add((method.upper(), re.sub(r":(\w+)", r"{\1}", path)))
    def normalize(path):
        path = re.sub(r"^/assets/[^/]+$", "/assets/{id}", path)
        path = re.sub(r"^/feeds/calendar/[^/]+$", "/feeds/calendar/{id}", path)
        return re.sub(r"\{\w+\}|(?<=/)\d+(?=/|$)", "{id}", path)

    listed = {(m, normalize(p)) for m, p, _, _ in PAGE_ROUTES} | {(m, normalize(p)) for m, p in PUBLIC_ROUTES}
    listed |= {(m, normalize(p)) for m, p, _ in _api_operations(site)}
    listed.add(("POST", "/sign-in"))  # public; driven by every sign-in of the suite and by test_limits.py
    normalized = {(m, normalize(p)) for m, p in registered}
    covered = normalized & listed
    assert normalized - covered == set(), f"routes registered but not in the role matrix: {sorted(normalized - covered)}"


def test_cookie_writes_need_the_csrf_token_and_same_origin(site, demo):
    editor = site.session("editor")
    target = f"/organizations/{demo['organization']}/delete"
    without = editor.post(target, data=STALE)
    assert without.status_code == 403 and "csrf" in without.text.lower(), without.status_code
    wrong = editor.post(target, data=[("_csrf", "0" * 43)] + list(STALE.items()))
    assert wrong.status_code == 403, wrong.status_code
    api = editor.post("/api/v1/organizations", json={"name": "No CSRF"})
    assert api.status_code == 403, f"a cookie-authenticated API write without X-CSRF-Token: {api.status_code}"
    cross = editor.form(target, STALE, headers={"Origin": "http://evil.example"})
    assert cross.status_code == 403, f"a form posted from another origin: {cross.status_code}"
    # The same form with the token and no foreign origin reaches the handler (which refuses the stale version).
    assert editor.form(target, STALE).status_code == 409
