#!/usr/bin/env bash
# Builds Liaison and serves it on http://127.0.0.1:8080 with an embedded SQLite database holding the
# demo network. Extra arguments go to `liaison serve` (for example --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

ensure_debian_packages libsqlite3-dev
swift build --product liaison
exec .build/debug/liaison serve --demo --database "${LIAISON_DATABASE:-data/demo.sqlite}" "$@"
