#!/usr/bin/env bash
# Builds the benchmarks optimized (in build-bench/, or $TRIALCORE_BENCH_DIR), runs them, and
# prints each measured routine's speed as a ratio to its simple baseline run side by side:
# how many times more work a second (items per second, trials for the simulations).
# Extra arguments go to the benchmark binary, e.g. --benchmark_min_time=2.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${TRIALCORE_BENCH_DIR:-build-bench}
if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build_dir" --target trialcore_stats_bench
results=$(mktemp)
trap 'rm -f "$results"' EXIT
"$build_dir/bench/trialcore_stats_bench" --benchmark_out="$results" --benchmark_out_format=json "$@"

# Google Benchmark's JSON holds one member a line: "name": "...", then "items_per_second": N.
# Names are PAIR/trialcore[/ARG] and PAIR/baseline[/ARG]; each baseline is compared with
# its pair's trialcore run.
echo
echo "Speed ratios (trialcore items per second / baseline items per second):"
awk '
  /"name":/ { name = $0; sub(/.*"name": *"/, "", name); sub(/".*/, "", name) }
  /"items_per_second":/ {
    rate = $0; sub(/.*: */, "", rate); sub(/,.*/, "", rate); rate += 0
    n = split(name, part, "/")
    if (n < 2) next
    if (part[2] == "trialcore") trialcore[part[1]] = rate
    else if (part[2] == "baseline") { baseline[name] = rate; pair_of[name] = part[1]; order[++count] = name }
  }
  END {
    for (i = 1; i <= count; ++i) {
      name = order[i]; pair = pair_of[name]
      if (!(pair in trialcore) || baseline[name] == 0) continue
      printf "  %-48s %9.1f x   (%s: %.4g/s, baseline: %.4g/s)\n", name, trialcore[pair] / baseline[name], pair "/trialcore", trialcore[pair], baseline[name]
    }
  }' "$results"
