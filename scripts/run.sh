#!/usr/bin/env bash
# Runs trialcore: installs what is missing, builds, and starts it on the embedded SQLite
# store (./trial.db) with the built-in protocol. Extra arguments go to `trialcore serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
TRIALCORE_WITH_BROWSER=0 scripts/setup.sh
scripts/build.sh
exec "${TRIALCORE_BUILD_DIR:-build}/trialcore" serve "$@"
