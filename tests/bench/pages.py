"""What a page costs the server: CPU time per page at 10 rows and at 100, and what one more row costs.

Run by bench.py as part of the whole benchmark, or on its own, on a SQLite file kept between runs so that two
builds are measured on the same data (the first run seeds it and adds the rows below; the next ones reuse them):

    .venv/bin/python tests/bench/pages.py --binary .build/release/liaison --database /tmp/pages-1m.sqlite \
        --organizations 20000 --people 1000000 --activities 200000

The four busiest pages are measured on data the benchmark adds through the API to the synthetic network:
an organization with 10 people and one with 100, a staff member's month with 10 activities and one with
100 (in 2035, after every synthetic activity), and the people list and the directory with 10 and 100 rows
a page; and the home page of the benchmark's own account, which follows both organizations and takes part
in 110 activities this week: its lists are bounded (at most 30 activities of the week, 8 of the account's own
and 8 changes), so it is the same page in both columns, and its two figures show that it stays flat. The
server's own CPU time (user and system, from /proc) is read before and after each wrk run and
divided by the pages it answered, so the figure holds whatever else the machine is doing with its cores.
Each page is read once before it is measured and must carry its rows (the home page its lists).
"""

import argparse
import datetime
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import urllib.request

TICKS = os.sysconf("SC_CLK_TCK")
ROWS = (10, 100)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        # The command name may hold spaces: the fields after its closing parenthesis are fixed.
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def post(server, path, body, headers):
    request = urllib.request.Request(
        server.url + path, data=json.dumps(body).encode(), method="POST",
        headers={**headers, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as reply:
            return json.loads(reply.read())
    except urllib.error.HTTPError as error:
        sys.exit(f"POST {path} for the page benchmark failed: {error.code} {error.read().decode()[:500]}")


def add_rows(server, api, staff):
    """Two organizations with 10 and 100 people, two months of staff account 1 with 10 and 100 activities, and
    for the home page of account `staff` (the one signed in) both organizations to follow and 110 activities this
    week to take part in."""
    paths = {}
    today = datetime.date.today()
    monday = today - datetime.timedelta(days=today.weekday())
    for count in ROWS:
        organization = post(server, "/api/v1/organizations", {
            "kind": "city", "name": f"Bench city of {count}", "nativeName": f"基准{count}", "country": "CN",
            "region": "asia-pacific", "membershipStatus": "member", "memberSince": 2001, "paying": True,
            "focalPointAccountId": staff,
        }, api)["id"]
        for index in range(count):
            post(server, "/api/v1/people?confirmDuplicates=true", {
                "familyName": f"Bench{count}", "givenName": f"Person {index}", "nativeName": f"基准人{index}",
                "positions": [{"organizationId": organization, "title": "Deputy Director", "department": "Office"}],
                "channels": [{"kind": "email", "value": f"p{index}@bench{count}.example.org"}],
            }, api)
        month = 1 if count == ROWS[0] else 2
        for index in range(count):
            day, hour = 1 + index % 28, 8 + index % 10
            post(server, "/api/v1/activities", {
                "kind": "bilateral_meeting", "title": f"Bench meeting {index}", "start": f"2035-{month:02d}-{day:02d}T{hour:02d}:00",
                "end": f"2035-{month:02d}-{day:02d}T{hour:02d}:45", "timeZone": "Asia/Shanghai",
                "staffAccountIds": [1], "organizations": [{"organizationId": organization, "status": "confirmed"}],
            }, api)
        for index in range(count):
            day, hour = monday + datetime.timedelta(days=index % 7), 8 + index % 10
            post(server, "/api/v1/activities", {
                "kind": "call", "title": f"Bench call {count}-{index}", "start": f"{day.isoformat()}T{hour:02d}:00",
                "end": f"{day.isoformat()}T{hour:02d}:30", "timeZone": "UTC", "staffAccountIds": [staff],
            }, api)
        paths[count] = {
            "organization page": f"/organizations/{organization}",
            "people list": f"/people?perPage={count}",
            "directory": f"/organizations?perPage={count}",
            "calendar month": f"/calendar?view=month&date=2035-{month:02d}-01&staff=1",
            "home page": "/",
        }
    return paths


# What each page must carry at `count` rows to be measured: a text and how many times it appears at least.
CARRIES = {
    "organization page": lambda count: (f"Bench{count}", count),
    "people list": lambda count: ("<tr>", count + 1),
    "directory": lambda count: ("<tr>", count + 1),
    "calendar month": lambda count: ("Bench meeting", count),
    # The home page's lists: this week's and one's own activities, and the organizations one follows.
    "home page": lambda count: ("Bench call", 2),
}


def check_carries(server, page, path, headers, count):
    """Stops the benchmark when a page lacks its rows: a page cheap because it is empty measures nothing."""
    with urllib.request.urlopen(urllib.request.Request(server.url + path, headers=headers)) as reply:
        body = reply.read().decode()
    text, least = CARRIES[page](count)
    if body.count(text) < least or (page == "home page" and "Bench city of" not in body):
        sys.exit(f"{page} at {path} carries {body.count(text)} of {text!r}, not the {least} measured")


def measure(server, folder, paths, page_headers, duration, connections, lua):
    """CPU ms per page for each page at each row count, and the cost of one more row."""
    results = {}
    for page in paths[ROWS[0]]:
        figures = {}
        for count in ROWS:
            check_carries(server, page, paths[count][page], page_headers, count)
            script = lua(folder, f"page-{count}", [paths[count][page]], page_headers)
            before = cpu_seconds(server.process.pid)
            done = subprocess.run(
                ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "-s", script, server.url + "/"],
                capture_output=True, text=True, timeout=duration + 60)
            spent = cpu_seconds(server.process.pid) - before
            answered = re.search(r"(\d+) requests in", done.stdout)
            failed = re.search(r"Non-2xx or 3xx responses: (\d+)", done.stdout)
            if not answered or failed:
                sys.exit(f"wrk on {paths[count][page]} failed:\n{done.stdout}{done.stderr}")
            pages = int(answered.group(1))
            rate = float(re.search(r"Requests/sec:\s+([\d.]+)", done.stdout).group(1))
            figures[count] = {"cpu_ms": round(spent * 1000 / pages, 3) if pages else None, "rps": round(rate, 1)}
        low, high = figures[ROWS[0]]["cpu_ms"], figures[ROWS[1]]["cpu_ms"]
        per_row = round((high - low) / (ROWS[1] - ROWS[0]) * 1000, 1) if low is not None and high is not None else None
        results[page] = {"rows": {str(k): v for k, v in figures.items()}, "us_per_row": per_row}
    return results


def print_pages(report):
    print(f"  {'page (server CPU per page)':28} {'10 rows ms':>11} {'100 rows ms':>12} {'µs a row':>9} "
          f"{'req/s at 100':>13}")
    for page, figures in report.items():
        ten, hundred = figures["rows"][str(ROWS[0])], figures["rows"][str(ROWS[1])]
        print(f"  {page:28} {ten['cpu_ms']:>11.3f} {hundred['cpu_ms']:>12.3f} {figures['us_per_row']:>9.1f} "
              f"{hundred['rps']:>13,.0f}")


def prepared(binary, database, options):
    """The benchmark's account, token and pages on `database`: made the first time (seeding the file when it does
    not exist), read back from the file beside it after."""
    import bench
    notes = database + ".pages.json"
    if os.path.exists(notes):
        with open(notes) as saved:
            kept = json.load(saved)
        kept["paths"] = {int(count): paths for count, paths in kept["paths"].items()}
        return kept
    if not os.path.exists(database):
        print(f"seeding {options.organizations:,} organizations, {options.people:,} people and "
              f"{options.activities:,} activities", flush=True)
        bench.run(binary, "seed", "synthetic", "--database", database, "--organizations", str(options.organizations),
                  "--people", str(options.people), "--activities", str(options.activities), "--seed", "1")
    password = secrets.token_hex(12)
    bench.run(binary, "user", "add", "--database", database, "--email", "pages@example.org", "--name", "Pages",
              "--role", "editor", "--password-stdin", stdin=password + "\n")
    token = bench.run(binary, "user", "token", "pages@example.org", "--database", database, "--name", "pages",
                      "--write").strip()
    account = next(int(line.split("\t")[0]) for line in bench.run(binary, "user", "list", "--database", database)
                   .splitlines() if line.split("\t")[1:2] == ["pages@example.org"])
    server = bench.Server(binary, database)
    try:
        paths = add_rows(server, {"Authorization": f"Bearer {token}", "Accept": "application/json"}, account)
    finally:
        server.stop()
    kept = {"password": password, "paths": paths}
    with open(notes, "w") as saved:
        json.dump(kept, saved, indent=2)
    return kept


def main():
    import bench
    parser = argparse.ArgumentParser(description="What the busiest pages cost the server, on a SQLite file kept "
                                                 "between runs (seeded and given the benchmark's rows the first time).")
    parser.add_argument("--binary", required=True)
    parser.add_argument("--database", required=True, help="a SQLite file, made when it does not exist")
    parser.add_argument("--organizations", type=int, default=200)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--activities", type=int, default=50_000)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--json", help="where to write the figures as JSON as well")
    options = parser.parse_args()

    kept = prepared(options.binary, options.database, options)
    server = bench.Server(options.binary, options.database)
    try:
        headers = {"Cookie": bench.sign_in(server, "pages@example.org", kept["password"]), "Accept": "text/html"}
        with tempfile.TemporaryDirectory() as folder:
            report = measure(server, folder, kept["paths"], headers, options.duration, options.connections, bench.lua)
    finally:
        server.stop()
    print(f"{options.binary} on {options.database}, {options.connections} connections, {options.duration} s a page")
    print_pages(report)
    if options.json:
        with open(options.json, "w") as out:
            json.dump(report, out, indent=2)


if __name__ == "__main__":
    main()
