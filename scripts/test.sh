#!/usr/bin/env bash
# Runs every test of Liaison on this machine: installs what the tests need, checks the formatting
# (`swift format lint --strict`), builds, starts a throwaway PostgreSQL on loopback, then runs the Swift
# suites (domain, storage, HTTP, command line; storage and HTTP on SQLite and on that PostgreSQL), the
# browser journeys in headless Chromium, the security suite (tests/security, a real server driven from
# outside with requests, on both engines), the mail read back from real SMTP servers on loopback, two app
# servers sharing one PostgreSQL database, schemathesis against the API's own OpenAPI document, and the
# benchmarks at a small size. Set LIAISON_SKIP_POSTGRES=1 (SQLite only, no two-server stage),
# LIAISON_SKIP_BROWSER=1, LIAISON_SKIP_SECURITY=1, LIAISON_SKIP_MAIL=1, LIAISON_SKIP_FUZZ=1 or
# LIAISON_SKIP_BENCH=1 to leave a stage out. The PostgreSQL is stopped and removed however this ends.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
source scripts/postgres.sh

started=$SECONDS
ensure_debian_packages libsqlite3-dev chromium chromium-driver fonts-noto-cjk libatomic1 ca-certificates openssl
ensure_python_tools

echo "== Format (swift format lint --strict, with the project's .swift-format)"
swift format lint --strict --recursive --parallel Sources Tests Package.swift

echo "== Build"
swift build --build-tests
echo "Built in $((SECONDS - started)) s."

if [ "${LIAISON_SKIP_POSTGRES:-}" != "1" ]; then
    # The trap comes first so that a start that fails half-way is cleaned up too.
    trap stop_test_postgres EXIT
    start_test_postgres  # exports LIAISON_TEST_POSTGRES: the Swift suites then run on PostgreSQL as well
fi

echo "== Swift tests (domain, storage, HTTP, command line)"
swift test --skip-build

if [ "${LIAISON_SKIP_POSTGRES:-}" != "1" ]; then
    echo "== HTTP tests again, on PostgreSQL"
    LIAISON_TEST_ENGINE=postgres swift test --skip-build --filter LiaisonWebTests
fi

if [ "${LIAISON_SKIP_BROWSER:-}" != "1" ]; then
    echo "== Browser journeys (headless Chromium)"
    SE_OFFLINE=true LIAISON_BINARY="$PWD/.build/debug/liaison" .venv/bin/python -m pytest tests/browser -q -p no:cacheprovider
fi

if [ "${LIAISON_SKIP_SECURITY:-}" != "1" ]; then
    echo "== Security suite (a real server driven from outside, on SQLite and PostgreSQL)"
    # pytest exits 5 when it collected no test: that must fail the run, not pass it.
    status=0
    LIAISON_BINARY="$PWD/.build/debug/liaison" .venv/bin/python -m pytest tests/security -q -p no:cacheprovider \
        || status=$?
    if [ "$status" -eq 5 ]; then echo "The security suite collected no tests." >&2; fi
    [ "$status" -eq 0 ] || exit 1
fi

if [ "${LIAISON_SKIP_MAIL:-}" != "1" ]; then
    echo "== Mail (real SMTP servers on loopback: in clear, and STARTTLS with a certificate made for the run)"
    status=0
    LIAISON_BINARY="$PWD/.build/debug/liaison" .venv/bin/python -m pytest tests/mail -q -p no:cacheprovider \
        || status=$?
    if [ "$status" -eq 5 ]; then echo "The mail tests collected no tests." >&2; fi
    [ "$status" -eq 0 ] || exit 1
fi

if [ "${LIAISON_SKIP_POSTGRES:-}" != "1" ]; then
    echo "== Two app servers on one PostgreSQL"
    SE_OFFLINE=true LIAISON_BINARY="$PWD/.build/debug/liaison" .venv/bin/python -m pytest tests/cluster -q -p no:cacheprovider
fi

if [ "${LIAISON_SKIP_FUZZ:-}" != "1" ]; then
    echo "== API fuzzing (schemathesis)"
    tests/api/fuzz.sh
    if [ "${LIAISON_SKIP_POSTGRES:-}" != "1" ]; then
        echo "== API fuzzing on PostgreSQL"
        LIAISON_FUZZ_DATABASE="$LIAISON_TEST_POSTGRES?schema=fuzz" tests/api/fuzz.sh
    fi
fi

if [ "${LIAISON_SKIP_BENCH:-}" != "1" ]; then
    echo "== Benchmarks at a small size (proves they run; judges no figure)"
    scripts/bench.sh --small
fi

echo "All Liaison tests passed in $((SECONDS - started)) s."
