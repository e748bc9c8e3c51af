"""One person reaching another's API tokens and calendar feeds by their ids: user A (the viewer) names
user B's (the editor's) token and feed in every route that takes such an id, and B's still work; B's feed
address can be neither listed nor guessed."""

import re

A, B = "viewer", "editor"


def _new_token_id(site, who, name):
    """Makes a token on the account page and returns its id, read from the revoke form."""
    session = site.session(who)
    page = session.form(
        "/account/tokens", {"name": name, "access": "read", "password": site.accounts[who].password})
    assert page.status_code == 200, page.status_code
    rows = [row for row in page.text.split("<tr>") if f">{name}<" in row]
    assert rows, f"the new token {name} is not listed on {who}'s account page"
    secret = re.search(r'<code id="new-token">([^<]+)</code>', page.text).group(1)
    return int(re.search(r"/account/tokens/(\d+)/revoke", rows[0]).group(1)), secret


def _new_feed(site, who):
    answer = site.api(who).post("/api/v1/calendar-feeds", json={"scope": "all"})
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_a_cannot_revoke_or_see_b_api_tokens(site):
    token_id, secret = _new_token_id(site, B, "b-private-token")
    a = site.session(A)
    revoke = a.form(f"/account/tokens/{token_id}/revoke", {})
    assert revoke.status_code == 404, f"A revoking B's token {token_id}: {revoke.status_code}"
    assert "b-private-token" not in a.get("/account").text, "A's account page lists B's token"
    # B's token still works, and is still listed as not revoked on B's page.
    b_client = site.anonymous()
    b_client.headers["Authorization"] = f"Bearer {secret}"
    assert b_client.get("/api/v1/regions").status_code == 200, "B's token stopped working"
    # And B can revoke it: the route works for the owner.
    assert site.session(B).form(f"/account/tokens/{token_id}/revoke", {}).status_code == 303
    assert b_client.get("/api/v1/regions").status_code == 401


def test_a_cannot_list_or_revoke_b_calendar_feeds(site):
    feed = _new_feed(site, B)
    feed_id, url = feed["feed"]["id"], feed["url"]
    listed = site.api(A).get("/api/v1/calendar-feeds")
    assert listed.status_code == 200
    assert feed_id not in [item["id"] for item in listed.json()["items"]], "A's feed list holds B's feed"
    assert site.api(A).delete(f"/api/v1/calendar-feeds/{feed_id}").status_code == 404
    assert site.session(A).form(f"/account/feeds/{feed_id}/revoke", {}).status_code == 404
    assert f"/account/feeds/{feed_id}/revoke" not in site.session(A).get("/account").text
    # B's feed still serves B's calendar.
    path = url[url.index("/feeds/"):]
    served = site.anonymous().get(path)
    assert served.status_code == 200 and served.headers["Content-Type"].startswith("text/calendar")
    # B's own list holds it, without its secret.
    mine = site.api(B).get("/api/v1/calendar-feeds")
    assert feed_id in [item["id"] for item in mine.json()["items"]]
    assert path.rsplit("/", 1)[1] not in mine.text, "the feed list shows the feed's secret again"


def test_b_feed_address_is_not_derivable(site):
    first, second = _new_feed(site, B), _new_feed(site, B)
    secrets = [feed["url"].rsplit("/", 1)[1] for feed in (first, second)]
    for secret, feed in zip(secrets, (first, second)):
        random_part = secret.removeprefix("lcf_")
        assert len(random_part) >= 32, f"the feed secret is short: {len(random_part)} characters"
        for known in (str(feed["feed"]["id"]), site.accounts[B].email, str(site.accounts[B].id) * 3):
            assert known not in random_part or len(known) < 3, f"the feed secret contains {known!r}"
    common = len([1 for x, y in zip(*secrets) if x == y])
    assert common < 12, f"two feeds' secrets share {common} positions: {secrets}"
    anonymous = site.anonymous()
    for guess in (f"lcf_{first['feed']['id']}", str(first["feed"]["id"]), secrets[0][:-1] + ("A" if secrets[0][-1] != "A" else "B"),
                  "lcf_" + "0" * 43):
        assert anonymous.get(f"/feeds/calendar/{guess}").status_code == 404, f"feed found at {guess}"
    # The secret is shown once: B's account page does not show it again.
    assert secrets[0] not in site.session(B).get("/account").text
