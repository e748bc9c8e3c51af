"""A killed server loses no acknowledged write. Writers create organizations through the API in parallel;
the app server is killed with SIGKILL in the middle of the load (the database server, on PostgreSQL, is
left running); after a restart on the same database every write that was answered 201 is there, and
the SQLite file passes SQLite's own integrity check."""

import threading
import time

import pytest
import requests

from liaison_server import Server

WRITERS = 4
KILL_AFTER_SECONDS = 2.0
KILL_AFTER_WRITES = 500
MAX_WRITES_PER_WRITER = 2_000  # every loop is bounded, even if the kill never lands
DEADLINE_SECONDS = 30


def _writer(base, token, number, acknowledged, lock, stop):
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    for i in range(MAX_WRITES_PER_WRITER):
        if stop.is_set():
            return
        name = f"Durable {number}-{i}"
        try:
            answer = session.post(f"{base}/api/v1/organizations", json={"name": name, "kind": "partner"}, timeout=10)
        except requests.RequestException:
            return  # the server is gone: what was not answered was never promised
        if answer.status_code == 201:
            with lock:
                acknowledged.append((answer.json()["id"], name))


def test_acknowledged_writes_survive_kill_9(fresh_site, site):
    own = fresh_site(site.engine)
    token = own.accounts["editor"].token
    acknowledged, lock, stop = [], threading.Lock(), threading.Event()
    threads = [threading.Thread(target=_writer, args=(own.url, token, n, acknowledged, lock, stop), daemon=True)
               for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    while time.monotonic() - started < KILL_AFTER_SECONDS and len(acknowledged) < KILL_AFTER_WRITES:
        time.sleep(0.02)
    own.server.kill()  # SIGKILL, mid-load
    stop.set()
    for thread in threads:
        thread.join(timeout=DEADLINE_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a writer did not stop"
    with lock:
        written = list(acknowledged)
    assert len(written) >= 20, f"only {len(written)} writes were acknowledged before the kill"

    if own.engine == "sqlite":
        verdict = own.database.integrity_check()
        assert verdict == ["ok"], f"PRAGMA integrity_check after kill -9: {verdict[:10]}"

    restarted = Server(own.database).start()
    try:
        api = requests.Session()
        api.headers["Authorization"] = f"Bearer {token}"
        missing = []
        for id, name in written:
            answer = api.get(f"{restarted.url}/api/v1/organizations/{id}", timeout=10)
            if answer.status_code != 200 or answer.json()["name"] != name:
                missing.append((id, name, answer.status_code))
        assert not missing, f"{len(missing)} of {len(written)} acknowledged writes lost: {missing[:10]}"
    finally:
        restarted.stop()
    if own.engine == "sqlite":
        assert own.database.integrity_check() == ["ok"]
