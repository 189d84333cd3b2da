#!/usr/bin/env bash
# Runs every test of trialcore: installs what is missing, builds with warnings as errors,
# starts the services the integration tests need, runs the tests, then runs them again
# under the sanitizers with the fuzz targets (build-sanitized/); ends with CTest's summary.
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
ctest --test-dir "$TRIALCORE_BUILD_DIR" --output-on-failure -j"$(nproc)" "$@"

# Once more under AddressSanitizer and UndefinedBehaviorSanitizer (clang, a second build
# directory): the unit, command-line and integration tests, and every reader of outside
# input fuzzed for a minute (libFuzzer). TRIALCORE_WITH_SANITIZERS=0 skips it.
if [ "${TRIALCORE_WITH_SANITIZERS:-1}" = 1 ]; then
  export TRIALCORE_SANITIZED_DIR=${TRIALCORE_SANITIZED_DIR:-build-sanitized}
  scripts/build-sanitized.sh
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-14 || true)}
  ctest --test-dir "$TRIALCORE_SANITIZED_DIR" --output-on-failure -j"$(nproc)" --label-exclude e2e
fi
