#!/usr/bin/env bash
# Runs every test of trialcore: installs what is missing, builds with warnings as errors,
# starts the services the integration tests need, and ends with CTest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export TRIALCORE_BUILD_DIR=${TRIALCORE_BUILD_DIR:-build}
scripts/build.sh -DTRIALCORE_WERROR=ON
# Services started below are stopped when the run ends, whatever its outcome.
cleanup_steps=()
trap 'for step in "${cleanup_steps[@]}"; do eval "$step" || true; done' EXIT
for prepare in scripts/test.d/*.sh; do
  [ -e "$prepare" ] || continue
  # Each prepares one real service or tool (PostgreSQL, the browser), exports where it is,
  # and appends to cleanup_steps what stops it.
  # shellcheck source=/dev/null
  source "$prepare"
done
cd "$TRIALCORE_BUILD_DIR"
ctest --output-on-failure -j"$(nproc)" "$@"
