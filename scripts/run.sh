#!/usr/bin/env bash
# Runs trialcore: installs what is missing, builds the program optimized (a Release build in
# build-release/, or $TRIALCORE_RELEASE_DIR: the product, not the tests' debug-info build) and
# the web page, and starts it on the embedded SQLite store (./trial.db) with the built-in
# protocol; it prints the address to open (and, on the first start, the administrator's
# one-time password). Extra arguments go to `trialcore serve` (--port, --store, ...; see --help).
set -euo pipefail
cd "$(dirname "$0")/.."
TRIALCORE_WITH_BROWSER=0 scripts/setup.sh
release_dir=${TRIALCORE_RELEASE_DIR:-build-release}
[ -f "$release_dir/build.ninja" ] || cmake -S . -B "$release_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build "$release_dir" --target trialcore -j"$(nproc)"
scripts/build-web.sh
exec "$release_dir/trialcore" serve "$@"
