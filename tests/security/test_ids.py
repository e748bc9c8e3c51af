"""Ids are never reused: after the newest record of a kind is deleted, the next one gets another id, so
a stale link, a bookmark, an API client holding the old id or the old record's history can never reach
the new record."""

import html
import re
import secrets

import pytest

BODIES = {
    "organizations": lambda name: {"name": name, "kind": "partner"},
    "people": lambda name: {"givenName": "Reuse", "familyName": name},
    "activities": lambda name: {"kind": "call", "title": name, "start": "2026-04-04T09:00",
                                "end": "2026-04-04T10:00", "timeZone": "Europe/Lisbon"},
}
ENTITY = {"organizations": "organization", "people": "person", "activities": "activity"}


def _history(site, kind, id):
    page = site.session("admin").get("/admin/audit", params={"entity": ENTITY[kind], "entityId": id})
    assert page.status_code == 200, page.status_code
    return html.unescape(re.sub(r"<[^>]+>", " ", page.text))


@pytest.mark.parametrize("kind", BODIES)
def test_a_deleted_id_is_never_given_again(site, kind):
    api = site.api("editor")
    tag = secrets.token_hex(4)
    old_name, new_name = f"Deleted{tag}", f"Successor{tag}"
    # The newest record of its kind, then deleted.
    old = api.post(f"/api/v1/{kind}", json=BODIES[kind](old_name))
    assert old.status_code == 201, old.text
    old = old.json()
    assert api.delete(f"/api/v1/{kind}/{old['id']}").status_code == 204
    assert api.get(f"/api/v1/{kind}/{old['id']}").status_code == 404

    new = api.post(f"/api/v1/{kind}", json=BODIES[kind](new_name))
    assert new.status_code == 201, new.text
    new = new.json()

    # A client still holding the deleted record writes to it as it knew it: version 1.
    stale = api.put(f"/api/v1/{kind}/{old['id']}", json=BODIES[kind](f"Overwritten{tag}") | {"version": 1})
    after = api.get(f"/api/v1/{kind}/{new['id']}").json()
    history = _history(site, kind, new["id"])

    assert new["id"] != old["id"], f"the deleted {ENTITY[kind]}'s id {old['id']} was given to a new one"
    assert stale.status_code == 404, f"PUT to the deleted id {old['id']}: {stale.status_code}, expected 404"
    assert after == new, f"the new {ENTITY[kind]} changed through the deleted one's id"
    assert old_name not in history, f"the new {ENTITY[kind]}'s history shows the deleted one's entries"
