#!/usr/bin/env bash
# Fuzzes the JSON API with schemathesis against a real `liaison serve` on loopback, with a throwaway
# database holding the demo network and an editor's read-write API token. The server is stopped by its
# PID however this script ends.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/setup.sh

work=$(mktemp -d)
port=$(free_port)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

liaison=.build/debug/liaison
# A throwaway SQLite file, or the database LIAISON_FUZZ_DATABASE names (an empty PostgreSQL schema, say).
database="${LIAISON_FUZZ_DATABASE:-$work/fuzz.sqlite}"
$liaison seed demo --database "$database" >/dev/null
$liaison user add --database "$database" --email fuzz@example.org --name "API Fuzzer" --role editor >/dev/null
token=$($liaison user token fuzz@example.org --database "$database" --name schemathesis --write)

$liaison serve --database "$database" --port "$port" --log-level warning >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    grep -q "Liaison is running" "$work/server.log" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
    sleep 0.1
done

timeout 600 .venv/bin/schemathesis --config-file tests/api/schemathesis.toml run \
    "http://127.0.0.1:$port/api/openapi.json" --url "http://127.0.0.1:$port" -H "Authorization: Bearer $token" \
    --checks all --max-examples "${LIAISON_FUZZ_EXAMPLES:-40}" --seed 1 --workers 1 --no-color
