#!/usr/bin/env bash
# Configures (once) and builds the second build directory, build-sanitized/ (or
# $TRIALCORE_SANITIZED_DIR): clang with AddressSanitizer and UndefinedBehaviorSanitizer,
# and the libFuzzer targets of fuzz/. scripts/test.sh runs its tests after the main ones.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${TRIALCORE_SANITIZED_DIR:-build-sanitized}
if [ ! -f "$build_dir/build.ninja" ] || [ $# -gt 0 ]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTRIALCORE_FUZZ=ON -DTRIALCORE_WERROR=ON "$@"
fi
cmake --build "$build_dir" -j"$(nproc)"
