#!/usr/bin/env bash
# Liaison's benchmarks: builds a release `liaison`, starts a private PostgreSQL on loopback, fills a
# synthetic network on SQLite and on PostgreSQL, and measures a real `liaison serve` under wrk. Prints a
# table and writes bench-results.json. Options go to tests/bench/bench.py (defaults: 20,000 organizations,
# 1,000,000 people, 10 s a route, 16 connections). `--small` runs a quick check with the debug build, as
# CI does: it proves the benchmarks work and judges no figure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
source scripts/postgres.sh

ensure_debian_packages libsqlite3-dev wrk postgresql-client
ensure_python_tools

arguments=()
binary=.build/release/liaison
for argument in "$@"; do
    if [ "$argument" = "--small" ]; then
        binary=.build/debug/liaison
        arguments+=(--organizations 200 --people 2000 --activities 1000 --reports 100 --duration 2 --connections 4 --json "${TMPDIR:-/tmp}/bench-small.json")
    else
        arguments+=("$argument")
    fi
done
if [ "$binary" = .build/release/liaison ]; then
    swift build -c release --product liaison
elif [ ! -x "$binary" ]; then
    swift build --product liaison
fi

trap stop_test_postgres EXIT
start_test_postgres
.venv/bin/python tests/bench/bench.py --binary "$binary" --postgres "$LIAISON_TEST_POSTGRES" "${arguments[@]}"
