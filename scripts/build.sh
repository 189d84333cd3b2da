#!/usr/bin/env bash
# Configures (once) and builds trialcore in build/ (or $TRIALCORE_BUILD_DIR).
# Extra arguments go to CMake at configure time, e.g. -DTRIALCORE_WERROR=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${TRIALCORE_BUILD_DIR:-build}
if [ ! -f "$build_dir/build.ninja" ] || [ $# -gt 0 ]; then
  cmake -S . -B "$build_dir" -G Ninja "$@"
fi
cmake --build "$build_dir" -j"$(nproc)"
