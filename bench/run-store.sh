#!/usr/bin/env bash
# The trial's record under load. Starts a PostgreSQL server (as scripts/test.sh does), runs
# the store benchmarks on both backends, and runs PostgreSQL's own pgbench against the same
# server side by side as the baseline: single-row inserts, each committed, from 1 client and
# from 8. Prints every figure next to its baseline and the ratio.
#
# With TRIALCORE_BENCH_BEFORE=REV (a commit, e.g. main), the same benchmark is also built from
# that revision's sources (in build-bench-before/) and run in the same session, against the
# same server: each figure then has its before beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${TRIALCORE_BENCH_DIR:-build-bench}
[ -f "$build_dir/build.ninja" ] || cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --target trialcore_store_bench -j"$(nproc)" >/dev/null
before_rev=${TRIALCORE_BENCH_BEFORE:-}
if [ -n "$before_rev" ]; then
  source bench/before-tree.sh
  extract_before "$before_rev"
  # The revision's sources with this benchmark program (it uses only the Store interface).
  cmp -s bench/store_bench.cc "$before_tree/bench/store_bench.cc" || cp bench/store_bench.cc "$before_tree/bench/store_bench.cc"
  build_before trialcore_store_bench
fi
cleanup_steps=()
trap 'for step in "${cleanup_steps[@]}"; do eval "$step" || true; done' EXIT
source scripts/test.d/postgres.sh
export TRIALCORE_BENCH_POSTGRES=$TRIALCORE_TEST_POSTGRES
results=$(mktemp)
before=$(mktemp)
cleanup_steps+=("rm -f '$results' '$before'")
"$build_dir/bench/trialcore_store_bench" --benchmark_out="$results" --benchmark_out_format=json "$@"
if [ -n "$before_rev" ]; then
  echo "The same benchmark built from $before_rev ($(git rev-parse --short "$before_rev")):"
  "$before_tree/build/bench/trialcore_store_bench" --benchmark_out="$before" --benchmark_out_format=json "$@"
fi

# The baseline: pgbench, a one-row insert a transaction, for 10 seconds, 1 client then 8.
pg_bin=/usr/lib/postgresql/15/bin
"$pg_bin/psql" -q "$TRIALCORE_BENCH_POSTGRES" -c "CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, body text)"
script=$(mktemp)
cleanup_steps+=("rm -f '$script'")
echo "INSERT INTO bench_rows (body) VALUES ('{\"observation\": {\"code\": \"anc\", \"value\": 1.5}}');" > "$script"
pgbench() {
  "$pg_bin/pgbench" -n -c "$1" -j "$(( $1 < 2 ? 1 : 2 ))" -T 10 -f "$script" "$TRIALCORE_BENCH_POSTGRES" 2>/dev/null |
    awk '/^tps = / { print $3; exit }'
}
pgbench_1=$(pgbench 1)
pgbench_8=$(pgbench 8)

rate() { awk -v name="$1" '/"name":/ { n = $0; sub(/.*"name": *"/, "", n); sub(/".*/, "", n) }
  /"items_per_second":/ && (n == name || index(n, name "/") == 1) { r = $0; sub(/.*: */, "", r); sub(/,.*/, "", r); print r + 0; exit }' "$2"; }
# One line: what, the figure, its unit, the baseline's name and figure; then the before and
# the before's own baseline.
line() { awk -v what="$1" -v f="$2" -v unit="$3" -v base_name="$4" -v base="$5" -v was="$6" -v was_base="$7" 'BEGIN {
  printf "  %-34s %9.0f %-9s", what, f, unit
  if (base > 0) printf "  %-22s %9.0f  ratio %5.2f", base_name, base, f / base
  else printf "  %-22s %9s  %11s", "", "", ""
  if (was > 0) {
    printf "   before %9.0f", was
    if (was_base > 0) printf " (ratio %5.2f)", was / was_base
    printf "  now %.1fx before", f / was
  }
  printf "\n" }'; }
declare -A now was
for name in Appends/sqlite Appends8/sqlite Appends/postgresql Appends8/postgresql Rebuild/trialcore Rebuild/baseline; do
  now[$name]=$(rate "$name" "$results"); now[$name]=${now[$name]:-0}
  was[$name]=0
  if [ -n "$before_rev" ]; then was[$name]=$(rate "$name" "$before"); was[$name]=${was[$name]:-0}; fi
done
echo
echo "Durable appends (one event a committed transaction, hash chained, projections updated):"
line "SQLite, 1 writer" "${now[Appends/sqlite]}" events/s "" 0 "${was[Appends/sqlite]}" 0
line "SQLite, 8 writers" "${now[Appends8/sqlite]}" events/s "SQLite, 1 writer" "${now[Appends/sqlite]}" \
  "${was[Appends8/sqlite]}" "${was[Appends/sqlite]}"
line "PostgreSQL, 1 writer" "${now[Appends/postgresql]}" events/s "pgbench -c 1" "$pgbench_1" "${was[Appends/postgresql]}" "$pgbench_1"
line "PostgreSQL, 8 writers" "${now[Appends8/postgresql]}" events/s "pgbench -c 8" "$pgbench_8" "${was[Appends8/postgresql]}" "$pgbench_8"
echo "  (pgbench: one-row inserts, a transaction each, on the same server)"
echo "Rebuild of 100,000 events from the log (SQLite), every projection written:"
line "rebuild" "${now[Rebuild/trialcore]}" events/s "reading them alone" "${now[Rebuild/baseline]}" \
  "${was[Rebuild/trialcore]}" "${was[Rebuild/baseline]}"
