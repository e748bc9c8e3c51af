"""JSON bodies naming fields a client may not set (id, version, createdAt, updatedAt, computed fields,
audit, the staff role, another account): they are either refused with 400 naming the field, or ignored;
never stored."""

import datetime
import secrets

import pytest

LONG_AGO = "2001-01-01T00:00:00Z"


def _recent(stamp):
    moment = datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return abs((datetime.datetime.now(datetime.timezone.utc) - moment).total_seconds()) < 3600


def _snapshot(api, kind, id):
    answer = api.get(f"/api/v1/{kind}/{id}")
    assert answer.status_code == 200, answer.status_code
    return answer.json()


BODIES = {
    "organizations": lambda tag: {"name": f"Mass {tag}", "kind": "partner"},
    "people": lambda tag: {"givenName": "Mass", "familyName": f"Assign{tag}"},
    "activities": lambda tag: {"kind": "call", "title": f"Mass {tag}", "start": "2026-03-03T10:00",
                               "end": "2026-03-03T11:00", "timeZone": "Europe/Madrid"},
}
DEMO_KEY = {"organizations": "organization", "people": "person", "activities": "activity"}


@pytest.mark.parametrize("kind", BODIES)
def test_create_ignores_read_only_fields(site, demo, kind):
    api = site.api("editor")
    victim = demo[DEMO_KEY[kind]]
    before = _snapshot(api, kind, victim)
    body = BODIES[kind](secrets.token_hex(3)) | {"id": victim, "version": 77, "createdAt": LONG_AGO,
                                                 "updatedAt": LONG_AGO}
    if kind == "people":
        body["displayName"] = "Someone Else Entirely"
    if kind == "activities":
        body |= {"startsAt": "1999-01-01T00:00:00Z", "endsAt": "1999-01-01T01:00:00Z", "missionTitle": "Injected"}
    answer = api.post(f"/api/v1/{kind}", json=body)
    assert answer.status_code in (201, 400), answer.text
    after = _snapshot(api, kind, victim)
    assert after == before, f"creating with id {victim} changed the existing record"
    if answer.status_code == 400:
        return
    created = answer.json()
    assert created["id"] != victim
    assert created["version"] == 1, f"version taken from the body: {created['version']}"
    assert _recent(created["createdAt"]) and _recent(created["updatedAt"]), created["createdAt"]
    if kind == "people":
        assert created["displayName"] != "Someone Else Entirely"
    if kind == "activities":
        assert not created["startsAt"].startswith("1999"), created["startsAt"]
        assert created.get("missionTitle") in (None, ""), created.get("missionTitle")
    stored = _snapshot(api, kind, created["id"])
    assert stored["version"] == 1 and stored["createdAt"] == created["createdAt"]


@pytest.mark.parametrize("kind", BODIES)
def test_update_ignores_read_only_fields(site, demo, kind):
    api = site.api("editor")
    created = api.post(f"/api/v1/{kind}", json=BODIES[kind](secrets.token_hex(3))).json()
    victim = demo[DEMO_KEY[kind]]
    before = _snapshot(api, kind, victim)
    body = BODIES[kind](secrets.token_hex(3)) | {"id": victim, "version": created["version"],
                                                 "createdAt": LONG_AGO, "updatedAt": LONG_AGO}
    answer = api.put(f"/api/v1/{kind}/{created['id']}", json=body)
    assert answer.status_code in (200, 400), answer.text
    assert _snapshot(api, kind, victim) == before, "an update naming another id in its body changed that record"
    stored = _snapshot(api, kind, created["id"])
    if answer.status_code == 200:
        assert stored["id"] == created["id"]
        assert stored["createdAt"] == created["createdAt"], "createdAt taken from the body"
        assert stored["version"] == created["version"] + 1
        assert _recent(stored["updatedAt"])


@pytest.mark.parametrize("extra", [{"audit": [{"summary": "forged"}]}, {"role": "admin"}, {"accountId": 1},
                                   {"createdBy": 1}, {"deleted": True}])
def test_unknown_privileged_fields_are_refused(site, extra):
    api = site.api("editor")
    name = f"Privileged {secrets.token_hex(3)}"
    answer = api.post("/api/v1/organizations", json={"name": name} | extra)
    assert answer.status_code == 400, f"{extra}: {answer.status_code}"
    field = next(iter(extra))
    assert field in answer.text, f"the problem does not name {field}: {answer.text}"
    found = api.get("/api/v1/organizations", params={"q": name}).json()["items"]
    assert not [item for item in found if item["name"] == name], "stored despite the refusal"


def test_a_feed_cannot_be_made_for_another_account(site):
    viewer, editor = site.accounts["viewer"], site.accounts["editor"]
    answer = site.api("viewer").post("/api/v1/calendar-feeds", json={"scope": "mine", "accountId": editor.id})
    if answer.status_code == 201:
        feed_id = answer.json()["feed"]["id"]
        assert feed_id not in [f["id"] for f in site.api("editor").get("/api/v1/calendar-feeds").json()["items"]]
    else:
        assert answer.status_code == 400, answer.status_code


def test_a_form_cannot_raise_its_own_role(site):
    viewer = site.session("viewer")
    answer = viewer.form("/account/time-zone", {"timeZone": "Europe/Madrid", "role": "admin", "accountId": "1"})
    assert answer.status_code == 303, answer.status_code
    page = viewer.get("/account").text
    assert "<dd>Viewer</dd>" in page, "the viewer's role changed"
    assert viewer.get("/admin/accounts").status_code == 403
    viewer.form("/account/time-zone", {"timeZone": ""})
