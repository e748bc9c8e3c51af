#!/usr/bin/env bash
# Runs every test of Liaison on this machine: installs what the tests need, builds, then runs the Swift
# suites (domain, storage, HTTP, command line), the browser journeys in headless Chromium, and
# schemathesis against the API's own OpenAPI document. Set LIAISON_SKIP_BROWSER=1 or
# LIAISON_SKIP_FUZZ=1 to leave a stage out.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

started=$SECONDS
ensure_debian_packages libsqlite3-dev chromium chromium-driver fonts-noto-cjk libatomic1 ca-certificates
ensure_python_tools

echo "== Build"
swift build --build-tests
echo "Built in $((SECONDS - started)) s."

echo "== Swift tests (domain, storage, HTTP, command line)"
swift test --skip-build

if [ "${LIAISON_SKIP_BROWSER:-}" != "1" ]; then
    echo "== Browser journeys (headless Chromium)"
    SE_OFFLINE=true LIAISON_BINARY="$PWD/.build/debug/liaison" .venv/bin/python -m pytest tests/browser -q -p no:cacheprovider
fi

if [ "${LIAISON_SKIP_FUZZ:-}" != "1" ]; then
    echo "== API fuzzing (schemathesis)"
    tests/api/fuzz.sh
fi

echo "All Liaison tests passed in $((SECONDS - started)) s."
