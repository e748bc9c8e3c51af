"""Liaison's benchmarks: a real `liaison serve` on loopback under wrk, on a synthetic network, per engine.

Prints a table and writes the same figures as JSON. For each engine: seeding rate, CSV import rate (the
organizations and people files an administrator would import, checked and written by `liaison import`), time
from start to the
first answered request, then requests a second, p50 and p99 for a trivial route (/health), the search box's
JSON endpoint with rotating queries in several scripts, an organization's page (full HTML, with its people)
and the directory filtered by region, the analytics' pages and a 20-city briefing pack, each with its ratio
to the trivial route; the server's peak
resident memory under that load; and the time to answer an organization form with 100 practice rows (stored)
and with 16,000 (refused whole); and what the busiest pages cost the server in CPU at 10 rows and at 100
(tests/bench/pages.py); and the mention index built from the seeded directory (`liaison bench mentions`: build
time, resident memory, time to find the names in a 5,000-word report); and reports (`liaison bench reports`:
saving a report with its mentions linked, a report's page and a staff member's follow-ups, in process).
Servers are stopped by their PID whatever happens.
"""

import argparse
import html.parser
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import pages

QUERIES = ["guang", "广州", "chen", "seoul", "서울", "bogota", "москва", "zhu", "陈", "tanaka", "garcia", "mohamed"]
# Typos, transliterations with letters swapped, and words found in no name: the searches that take the
# near-miss look-ups (several bounded index reads each).
NEAR_MISSES = ["guyiang", "gaungzhou", "tanaak", "garica", "mohamad", "bogtoa", "workshop", "innovation"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(binary, *arguments, stdin=None):
    done = subprocess.run([binary, *arguments], input=stdin, capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        sys.exit(f"liaison {arguments[0]} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


class Server:
    """`liaison serve` on a free loopback port; `started_in` is the time from spawning it to its first 200."""

    def __init__(self, binary, database):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        began = time.monotonic()
        self.process = subprocess.Popen(
            # The search endpoint is measured flat out: one account's share of searches would stop it.
            [binary, "serve", "--database", database, "--port", str(self.port), "--log-level", "error",
             "--search-limit", "1000000"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while True:
            if self.process.poll() is not None:
                sys.exit("liaison serve stopped at start")
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=1) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() - began > 60:
                self.stop()
                sys.exit("liaison serve did not answer within 60 s")
            time.sleep(0.005)
        self.started_in = time.monotonic() - began

    def rss_mb(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


class FormFields(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields = {}

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "input" and attributes.get("name"):
            self.fields[attributes["name"]] = attributes.get("value") or ""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *arguments):
        return None


def sign_in(server, email, password):
    """The session cookie of a sign-in through the form, as a browser would send it."""
    with urllib.request.urlopen(server.url + "/sign-in") as reply:
        parser = FormFields()
        parser.feed(reply.read().decode())
        # The form's token goes back with its pre-session cookie.
        form_cookie = next(
            (line.split(";", 1)[0] for line in reply.headers.get_all("Set-Cookie") or []
             if line.startswith("liaison_sign_in=")), "")
    fields = parser.fields
    fields.update(email=email, password=password)
    request = urllib.request.Request(
        server.url + "/sign-in", data=urllib.parse.urlencode(fields).encode(), method="POST",
        headers={"Origin": server.url, "Content-Type": "application/x-www-form-urlencoded", "Cookie": form_cookie})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(request)
    except urllib.error.HTTPError as redirect:
        for cookie in redirect.headers.get_all("Set-Cookie") or []:
            if redirect.code == 303 and cookie.startswith("liaison_session="):
                return cookie.split(";", 1)[0]
    sys.exit("signing in for the benchmark failed")


def wrk(server, script, duration, connections, sample_rss):
    """Requests a second, p50 and p99 (ms) of one wrk run; samples the server's memory meanwhile."""
    process = subprocess.Popen(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "-s", script, server.url + "/"],
        stdout=subprocess.PIPE, text=True)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, sample_rss())
        time.sleep(0.2)
    output = process.stdout.read()
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        sys.exit(f"wrk saw {errors.group(1)} failed responses:\n{output}")
    timeouts = re.search(r"timeout (\d+)", output)
    timeouts = int(timeouts.group(1)) if timeouts else 0
    if "requests in" in output and re.search(r"\b0 requests in", output):
        # Nothing answered within wrk's 2 s: report it as such rather than as figures of zero.
        return {"rps": 0.0, "p50_ms": None, "p99_ms": None, "timeouts": timeouts}, peak

    def latency(label):
        match = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)\b", output)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return {
        "rps": round(rate, 1), "p50_ms": round(latency("50"), 3), "p99_ms": round(latency("99"), 3),
        "timeouts": timeouts,
    }, peak


def lua(folder, name, paths, headers):
    """A wrk script that sends GET requests to `paths` in turn with `headers`."""
    path = os.path.join(folder, name + ".lua")
    quoted = ", ".join(json.dumps(p) for p in paths)
    header_table = ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items())
    with open(path, "w") as script:
        script.write(
            f"local paths = {{{quoted}}}\nlocal headers = {{{header_table}}}\nlocal i = 0\n"
            "request = function() i = i + 1; return wrk.format(\"GET\", paths[(i % #paths) + 1], headers) end\n")
    return path


REGIONS = ["Africa", "Asia-Pacific", "Europe", "Latin America and the Caribbean", "North America"]
COUNTRIES = ["ZA", "CN", "FR", "BR", "US"]


def write_csv_files(folder, organizations, people):
    """An organizations file and a people file in the columns of Liaison's exports, names no seed makes."""
    import csv
    organizations_file = os.path.join(folder, "import-organizations.csv")
    with open(organizations_file, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["name", "native_name", "kind", "country", "region", "population", "membership_status",
                         "member_since", "paying"])
        for i in range(organizations):
            writer.writerow([f"Importville {i:06d}", "", "city", COUNTRIES[i % 5], REGIONS[i % 5],
                             f"{10_000 + i * 37:,}", ["member", "prospect"][i % 2], 1990 + i % 30 if i % 2 == 0 else "",
                             "yes" if i % 2 == 0 and i % 3 else "no"])
    people_file = os.path.join(folder, "import-people.csv")
    with open(people_file, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["family_name", "given_name", "title", "department", "organization", "email", "phone",
                         "languages"])
        for i in range(people):
            writer.writerow([f"Importer{i:06d}", "Alex", "International Relations Officer", "Mayor's Office",
                             f"Importville {i % min(organizations, 200):06d}", f"importer.{i}@importville.example",
                             f"+33 1 {40_000_000 + i}", "en fr"])
    return organizations_file, people_file


def form_posts(server, cookie):
    """Times an organization form sent with as many practice rows as allowed (stored) and with 16,000 (refused
    whole, 413): reading a form takes time in proportion to its size, and a form too big is refused at once."""
    request = urllib.request.Request(server.url + "/organizations/new", headers={"Cookie": cookie})
    with urllib.request.urlopen(request) as reply:
        parser = FormFields()
        parser.feed(reply.read().decode())
    figures = {}
    for label, rows in (("100 practice rows (stored)", 100), ("16,000 practice rows (refused)", 16_000)):
        fields = [("_csrf", parser.fields["_csrf"]), ("kind", "city"), ("name", f"Bench city of {rows} practices"),
                  ("country", "ES"), ("membershipStatus", "none")]
        fields += [(f"practices[{i}].title", f"Practice {i}") for i in range(rows)]
        body = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(
            server.url + "/organizations", data=body, method="POST",
            headers={"Cookie": cookie, "Origin": server.url, "Content-Type": "application/x-www-form-urlencoded"})
        began = time.monotonic()
        try:
            with urllib.request.build_opener(NoRedirect).open(request) as reply:
                status = reply.status
        except urllib.error.HTTPError as answer:
            status = answer.code
        figures[label] = {"status": status, "kb": len(body) // 1000, "ms": round((time.monotonic() - began) * 1000, 1)}
    return figures


def import_rate(binary, database, kind, path, rows):
    began = time.monotonic()
    run(binary, "import", kind, path, "--database", database)
    seconds = time.monotonic() - began
    return {"rows": rows, "seconds": round(seconds, 2), "rows_per_second": round(rows / seconds)}


def bench_engine(binary, name, database, options, folder):
    print(f"== {name}: seeding {options.organizations} organizations, {options.people} people and "
          f"{options.activities} activities", flush=True)
    began = time.monotonic()
    seeded = run(binary, "seed", "synthetic", "--database", database, "--organizations", str(options.organizations),
                 "--people", str(options.people), "--activities", str(options.activities),
                 "--prospects", str(options.organizations // 4), "--reports", str(options.reports),
                 "--delegations", str(options.organizations), "--seed", "1")
    seconds = time.monotonic() - began
    rows = int(seeded.split("(")[1].split(" rows")[0]) if " rows)" in seeded else 0
    print(f"== {name}: mention index (build, memory, a 5,000-word report)", flush=True)
    mentions = json.loads(run(binary, "bench", "mentions", "--database", database, "--words", "5000", "--json"))
    print(f"== {name}: knowledge reads (coverage refresh, least-known list, distance search, practices)", flush=True)
    knowledge = json.loads(run(binary, "bench", "knowledge", "--database", database, "--json"))
    print(f"== {name}: reports (saving one, its page, my follow-ups)", flush=True)
    report_bench = json.loads(run(binary, "bench", "reports", "--database", database, "--words", "1000", "--runs", "21",
                                  "--json"))
    import_organizations = max(100, options.organizations // 10)
    import_people = max(500, min(20_000, options.people // 50))
    print(f"== {name}: importing {import_organizations} organizations and {import_people} people from CSV", flush=True)
    organizations_file, people_file = write_csv_files(folder, import_organizations, import_people)
    imports = {
        "organizations": import_rate(binary, database, "organizations", organizations_file, import_organizations),
        "people": import_rate(binary, database, "people", people_file, import_people),
    }
    password = secrets.token_hex(12)
    run(binary, "user", "add", "--database", database, "--email", "bench@example.org", "--name", "Bench",
        "--role", "editor", "--password-stdin", stdin=password + "\n")
    token = run(binary, "user", "token", "bench@example.org", "--database", database, "--name", "bench", "--write").strip()
    bench_id = next(int(line.split("\t")[0]) for line in run(binary, "user", "list", "--database", database).splitlines()
                    if line.split("\t")[1:2] == ["bench@example.org"])

    server = Server(binary, database)
    try:
        cookie = sign_in(server, "bench@example.org", password)
        api = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        page = {"Cookie": cookie, "Accept": "text/html"}
        # Members of the biggest region, and some organizations spread over the ids, for the pages.
        step = max(1, options.organizations // 50)
        scripts = {
            "trivial route (/health)": lua(folder, "health", ["/health"], {}),
            "search as you type (JSON)": lua(
                folder, "search", [f"/api/v1/search?q={urllib.parse.quote(q)}" for q in QUERIES], api),
            "search with typos and other words (JSON)": lua(
                folder, "nearmiss", [f"/api/v1/search?q={urllib.parse.quote(q)}" for q in NEAR_MISSES], api),
            "organization page (HTML)": lua(
                folder, "organization", [f"/organizations/{i}" for i in range(1, options.organizations + 1, step)], page),
            "directory by region (HTML)": lua(
                folder, "directory", ["/organizations?region=europe", "/organizations?region=asia-pacific",
                                      "/organizations?region=latin-america&page=2"], page),
            # A staff member's month, as each opens the calendar; and a week of everyone's, as a program reads it.
            "calendar month of one staff member (HTML)": lua(
                folder, "calendar", [f"/calendar?view=month&date=2026-{m:02d}-01&staff={1 + m % 12}" for m in range(1, 13)],
                page),
            # A quarter of the organizations in the membership pipeline, as a growing network has them.
            "pipeline board (HTML)": lua(
                folder, "board", ["/pipeline", "/pipeline?region=europe", "/pipeline?region=asia-pacific"], page),
            "pipeline funnel (HTML)": lua(
                folder, "funnel", ["/pipeline/funnel", "/pipeline/funnel?region=europe"], page),
            # Every organization invited to the Congress (the activity after the others), as the widest case.
            "Congress forecast (HTML)": lua(
                folder, "forecast", [f"/activities/{options.activities + 1}/forecast",
                                     f"/activities/{options.activities + 1}/forecast?region=asia-pacific"], page),
            "Congress forecast (JSON)": lua(
                folder, "forecast-api", [f"/api/v1/activities/{options.activities + 1}/forecast"], api),
            # Every figure of the analytics is a GROUP BY over the whole directory; the briefing reads 20 cities whole.
            "analytics overview (HTML)": lua(folder, "analytics", ["/analytics", "/analytics?region=europe"], page),
            "analytics engagement (HTML)": lua(folder, "engagement", ["/analytics/engagement"], page),
            "analytics map (HTML)": lua(folder, "map", ["/analytics/map"], page),
            "analytics composition (JSON)": lua(folder, "composition", ["/api/v1/analytics/composition"], api),
            "briefing of 20 cities (HTML)": lua(
                folder, "briefing",
                ["/briefing?organizations=" + ",".join(str(i) for i in range(1 + o, options.organizations + 1, step)[:20])
                 for o in range(3)], page),
            "calendar week, everyone (JSON)": lua(
                folder, "activities", [f"/api/v1/activities?from=2026-{m:02d}-0{d}&to=2026-{m:02d}-{d + 7:02d}&limit=500"
                                       for m in range(1, 13) for d in (1, 8)], api),
        }
        results = {}
        peak = server.rss_mb()
        for label, script in scripts.items():
            figures, rss = wrk(server, script, options.duration, options.connections, server.rss_mb)
            peak = max(peak, rss)
            results[label] = figures
        forms = form_posts(server, cookie)
        print(f"== {name}: pages at 10 and 100 rows", flush=True)
        page_costs = pages.measure(
            server, folder, pages.add_rows(server, api, bench_id), page, options.duration, options.connections, lua)
        trivial = results["trivial route (/health)"]["rps"]
        for figures in results.values():
            figures["ratio_to_trivial"] = round(figures["rps"] / trivial, 3) if trivial else None
        return {
            "engine": name,
            "organizations": options.organizations,
            "people": options.people,
            "activities": options.activities,
            "reports": options.reports,
            "seed_people_per_second": round(options.people / seconds),
            "seed_rows_per_second": round(rows / seconds),
            "seed_seconds": round(seconds, 2),
        "csv_import": imports,
            "mentions": mentions,
            "knowledge": knowledge,
            "report_bench": report_bench,
            "start_to_first_answer_ms": round(server.started_in * 1000, 1),
            "peak_rss_mb": round(peak, 1),
            "routes": results,
            "form_posts": forms,
            "pages": page_costs,
        }
    finally:
        server.stop()


def print_table(reports):
    print()
    for report in reports:
        print(f"{report['engine']}: {report['organizations']:,} organizations, {report['people']:,} people, "
              f"{report['activities']:,} activities")
        print(f"  seeding {report['seed_people_per_second']:,} people/s, {report['seed_rows_per_second']:,} rows/s "
              f"({report['seed_seconds']} s); "
              f"start to first answer {report['start_to_first_answer_ms']} ms; peak RSS {report['peak_rss_mb']} MB")
        m = report["mentions"]
        print(f"  mention index of {int(m['organizations_and_people']):,} records ({int(m['forms']):,} forms): built in "
              f"{m['build_seconds']:.1f} s, +{m['index_mb']:.0f} MB resident ({m['rss_after_mb']:.0f} MB); "
              f"a {int(m['words']):,}-word report: {int(m['mentions'])} mentions ({int(m['linked'])} linked) in "
              f"{m['find_ms_median']:.2f} ms, change check {m['refresh_ms_median']:.2f} ms")
        k = report["knowledge"]
        print(f"  coverage of {int(k['organizations']):,} organizations recomputed in {k['full_refresh_seconds']:.2f} s; "
              f"least-known list {k['least_known_ms_median']:.2f} ms (max {k['least_known_ms_max']:.2f}), "
              f"a region's paying {k['least_known_region_ms_median']:.2f} ms, "
              f"after one change {k.get('one_change_then_list_ms_median', 0):.2f} ms; "
              f"within 70 km {k['nearby_70km_ms_median']:.2f} ms, 500 km {k['nearby_500km_ms_median']:.2f} ms; "
              f"practices {k['practices_ms_median']:.2f} ms")
        r = report["report_bench"]
        network = (f"a report of the network {r['a_report_of_the_network_ms_median']:.2f} ms, "
                   if "a_report_of_the_network_ms_median" in r else "")
        print(f"  saving a {int(r['words']):,}-word report ({int(r['links'])} links): {r['save_ms_median']:.2f} ms "
              f"median ({r['save_ms_max']:.2f} slowest), changing it {r['change_ms_median']:.2f} ms; pages in process: "
              f"the report {r['the_report_saved_ms_median']:.2f} ms, {network}"
              f"my follow-ups ({int(r['writer_follow_ups_to_do'])} to do) {r['my_follow-ups_ms_median']:.2f} ms")
        for kind, figures in report["csv_import"].items():
            print(f"  CSV import of {figures['rows']:,} {kind}: {figures['rows_per_second']:,} rows/s "
                  f"({figures['seconds']} s, checks and duplicate look-ups included)")
        for label, figures in report["form_posts"].items():
            print(f"  organization form with {label}: {figures['status']} in {figures['ms']} ms ({figures['kb']} kB)")
        print(f"  {'route':44} {'req/s':>10} {'p50 ms':>9} {'p99 ms':>9} {'ratio':>7}")
        for label, figures in report["routes"].items():
            if figures["p50_ms"] is None:
                print(f"  {label:44} {'none answered within 2 s':>28}")
                continue
            note = f"  ({figures['timeouts']} timed out)" if figures["timeouts"] else ""
            print(f"  {label:44} {figures['rps']:>10,.0f} {figures['p50_ms']:>9.2f} {figures['p99_ms']:>9.2f} "
                  f"{figures['ratio_to_trivial']:>7.2f}{note}")
        pages.print_pages(report["pages"])
    if len(reports) == 2:
        print("\nPostgreSQL against SQLite (requests a second):")
        for label in reports[0]["routes"]:
            a, b = reports[0]["routes"][label]["rps"], reports[1]["routes"][label]["rps"]
            print(f"  {label:44} {b / a if a else 0:>6.2f}")
        a, b = reports[0]["seed_people_per_second"], reports[1]["seed_people_per_second"]
        print(f"  {'seeding (people/s)':38} {b / a if a else 0:>6.2f}")
        for kind in reports[0]["csv_import"]:
            a, b = reports[0]["csv_import"][kind]["rows_per_second"], reports[1]["csv_import"][kind]["rows_per_second"]
            print(f"  {'CSV import of ' + kind + ' (rows/s)':38} {b / a if a else 0:>6.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--organizations", type=int, default=20_000)
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--activities", type=int, default=200_000)
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--postgres", help="a database URL to bench PostgreSQL too (a schema of its own is used)")
    parser.add_argument("--json", default="bench-results.json")
    options = parser.parse_args()

    reports = []
    with tempfile.TemporaryDirectory() as folder:
        reports.append(bench_engine(options.binary, "SQLite", os.path.join(folder, "bench.sqlite"), options, folder))
        if options.postgres:
            separator = "&" if "?" in options.postgres else "?"
            schema = "bench_" + secrets.token_hex(4)
            try:
                reports.append(bench_engine(
                    options.binary, "PostgreSQL", f"{options.postgres}{separator}schema={schema}", options, folder))
            finally:
                # The URL without Liaison's own parameters is one psql understands.
                base = options.postgres.split("?", 1)[0]
                subprocess.run(["psql", base, "-q", "-c", f"DROP SCHEMA IF EXISTS {schema} CASCADE"],
                               capture_output=True, timeout=60)
    print_table(reports)
    with open(options.json, "w") as out:
        json.dump({"machine": os.uname().machine, "cores": os.cpu_count(), "reports": reports}, out, indent=2)
    print(f"\nFigures written to {options.json}.")


if __name__ == "__main__":
    main()
