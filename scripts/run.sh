#!/usr/bin/env bash
# Runs trialcore: installs what is missing, builds the program and the web page, and starts
# it on the embedded SQLite store (./trial.db) with the built-in protocol; it prints the
# address to open (and, on the first start, the administrator's one-time password).
# Extra arguments go to `trialcore serve` (--port, --store, ...; see --help).
set -euo pipefail
cd "$(dirname "$0")/.."
TRIALCORE_WITH_BROWSER=0 scripts/setup.sh
scripts/build.sh
scripts/build-web.sh
exec "${TRIALCORE_BUILD_DIR:-build}/trialcore" serve "$@"
