"""Markup typed into every text field shows as text on every page that shows it. An organization, a person
and an activity are made through the API with markup in each text field (and `javascript:` in the fields
holding addresses, where the API accepts it); their pages, the edit forms, the directory, the people list,
the calendar, the search results and the audit trail are read as HTML: the markup never appears raw, its
escaped form does, and no page has an element or attribute that would run it."""

import html.parser
import re
import secrets

import pytest

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
RAW = (SCRIPT, "<img src=x onerror=alert(1)>")
ESCAPED = ("&lt;script&gt;alert(1)", "&lt;img src=x onerror=alert(1)&gt;")
MAX_RETRIES = 12  # each retry drops a field the API refused; bounded


def _drop(body, field):
    """Removes what a problem's field path names ("channels[1].value" drops that channel)."""
    found = re.match(r"(\w+)(?:\[(\d+)\])?", field)
    key, index = found.group(1), found.group(2)
    if key not in body:
        return False
    if index is not None and isinstance(body[key], list) and int(index) < len(body[key]):
        del body[key][int(index)]
    else:
        del body[key]
    return True


def _create(api, path, body):
    """Creates the record, leaving out what the API refuses; returns it and what was refused."""
    refused = []
    for _ in range(MAX_RETRIES):
        answer = api.post(path, json=body)
        if answer.status_code == 201:
            return answer.json(), refused
        assert answer.status_code in (400, 409, 422), f"{path}: {answer.status_code} {answer.text[:500]}"
        errors = answer.json().get("errors") or []
        if answer.status_code == 409 or not any(_drop(body, error["field"]) for error in errors):
            raise AssertionError(f"{path} refused the body and named no field to drop: {answer.text[:500]}")
        refused += [error["field"] for error in errors]
    raise AssertionError(f"{path}: still refused after {MAX_RETRIES} tries; refused {refused}")


class Dangerous(html.parser.HTMLParser):
    """Collects what a browser would run: inline scripts, event-handler attributes, javascript: URLs,
    and the image the payload tries to plant."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and value and \
                    re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and attributes.get("src") == "x":
            self.found.append("<img src=x>")
        self._in_script = tag == "script" and "src" not in attributes

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append(f"inline script {data.strip()[:40]!r}")

    def handle_endtag(self, tag):
        self._in_script = False


@pytest.fixture(scope="module")
def marked(site):
    """The organization, person and activity with markup everywhere, made once per engine."""
    api = site.api("editor")
    tag = "xss" + secrets.token_hex(3)
    organization, refused_org = _create(api, "/api/v1/organizations", {
        "name": f"Markup {tag} {SCRIPT}", "nativeName": IMG, "aliases": [SCRIPT, IMG], "metroArea": SCRIPT,
        "focalPoint": IMG, "website": JS_URL, "kind": "city", "country": "FR", "membershipStatus": "member",
        "governanceRoles": [{"title": SCRIPT}], "practices": [{"title": IMG, "description": SCRIPT + IMG}],
    })
    if "website" in refused_org:  # javascript: refused: put markup in an address that is http
        updated = api.put(f"/api/v1/organizations/{organization['id']}",
                          json={**{k: organization[k] for k in ("name", "nativeName", "aliases", "metroArea",
                                                                "focalPoint", "kind", "country", "membershipStatus",
                                                                "governanceRoles", "practices")},
                                "version": organization["version"],
                                "website": 'https://example.org/"><img src=x onerror=alert(1)>'})
        if updated.status_code == 200:
            organization = updated.json()
    person, refused_person = _create(api, "/api/v1/people", {
        "givenName": f"{tag} {SCRIPT}", "familyName": IMG, "nativeName": SCRIPT, "honorific": IMG,
        "notes": SCRIPT + IMG, "metAt": SCRIPT, "consentNote": IMG,
        "positions": [{"organizationId": organization["id"], "title": SCRIPT, "department": IMG}],
        "channels": [{"kind": "linkedin", "value": JS_URL},
                     {"kind": "wechat", "value": "wx" + tag, "label": SCRIPT},
                     {"kind": "postal", "value": IMG},
                     {"kind": "email", "value": f"{tag}@example.org", "label": IMG}],
    })
    activity, refused_activity = _create(api, "/api/v1/activities", {
        "kind": "bilateral_meeting", "title": f"{tag} {SCRIPT}", "summary": f"{SCRIPT}\n\n{IMG}\n\n[x]({JS_URL})",
        "start": "2026-12-10T10:00", "end": "2026-12-10T11:00", "timeZone": "Asia/Shanghai",
        "placeName": IMG, "venue": SCRIPT,
        "organizations": [{"organizationId": organization["id"], "status": "confirmed", "mode": "in_person"}],
        "people": [{"personId": person["id"], "role": "head_of_delegation"}],
    })
    return {"tag": tag, "organization": organization, "person": person, "activity": activity,
            "refused": refused_org + refused_person + refused_activity}


def _pages(marked):
    o, p, a, tag = marked["organization"]["id"], marked["person"]["id"], marked["activity"]["id"], marked["tag"]
    return [
        ("editor", f"/organizations/{o}"), ("editor", f"/organizations/{o}/edit"),
        ("editor", f"/organizations/{o}/delete"), ("editor", f"/organizations?q={tag}"),
        ("viewer", "/organizations?q=Markup"),
        ("editor", f"/people/{p}"), ("editor", f"/people/{p}/edit"), ("editor", f"/people?q={tag}"),
        ("editor", f"/people/{p}/merge?q={tag}"), ("editor", f"/people?organization={o}"),
        ("editor", f"/activities/{a}"), ("editor", f"/activities/{a}/edit"),
        ("editor", "/calendar?date=2026-12-10"), ("editor", "/calendar?view=week&date=2026-12-10"),
        ("editor", "/calendar?view=agenda&date=2026-12-09"), ("editor", f"/calendar?organization={o}&date=2026-12-10"),
        ("editor", f"/search?q={tag}"), ("admin", "/admin/audit?entity=organization&entityId=" + str(o)),
        ("admin", f"/admin/audit?entity=person&entityId={p}"), ("admin", f"/admin/audit?entity=activity&entityId={a}"),
    ]


def test_markup_is_stored_as_typed(site, marked):
    """The API keeps the text as typed: escaping is the page's job, not the store's."""
    assert SCRIPT in marked["organization"]["name"]
    assert SCRIPT in marked["activity"]["title"]
    assert marked["person"]["givenName"].endswith(SCRIPT)


def test_markup_shows_as_text_on_every_page(site, marked):
    problems = []
    for who, path in _pages(marked):
        answer = site.session(who).get(path)
        if answer.status_code != 200:
            problems.append(f"{path}: {answer.status_code}")
            continue
        page = answer.text
        for raw in RAW:
            if raw in page:
                problems.append(f"{path}: raw {raw!r} at {page.index(raw)}")
        if not any(escaped in page for escaped in ESCAPED):
            problems.append(f"{path}: the escaped markup does not appear (is the record shown?)")
        parser = Dangerous()
        parser.feed(page)
        problems += [f"{path}: {found}" for found in parser.found]
    assert not problems, "\n".join(problems)


def test_javascript_addresses_are_refused_or_never_links(site, marked):
    """`javascript:` in an address field: refused by the API, or at least never made a link."""
    refused = marked["refused"]
    website = marked["organization"].get("website") or ""
    assert "website" in refused or not website.lower().startswith("javascript:"), \
        "the API stored javascript: as the website"
    for path in (f"/organizations/{marked['organization']['id']}", f"/people/{marked['person']['id']}",
                 f"/activities/{marked['activity']['id']}"):
        page = site.session("viewer").get(path).text
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", page, re.I), f"{path} links to javascript:"
