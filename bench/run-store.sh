#!/usr/bin/env bash
# The trial's record under load. Starts a PostgreSQL server (as scripts/test.sh does), runs
# the store benchmarks on both backends, and runs PostgreSQL's own pgbench against the same
# server side by side as the baseline: single-row inserts, one client, each committed.
# Prints appends a second on each backend, the ratio to pgbench, and the rebuild figures.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${TRIALCORE_BENCH_DIR:-build-bench}
[ -f "$build_dir/build.ninja" ] || cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --target trialcore_store_bench >/dev/null
cleanup_steps=()
trap 'for step in "${cleanup_steps[@]}"; do eval "$step" || true; done' EXIT
source scripts/test.d/postgres.sh
export TRIALCORE_BENCH_POSTGRES=$TRIALCORE_TEST_POSTGRES
results=$(mktemp)
cleanup_steps+=("rm -f '$results'")
"$build_dir/bench/trialcore_store_bench" --benchmark_out="$results" --benchmark_out_format=json "$@"

# The baseline: pgbench, one client, a one-row insert a transaction, for 10 seconds.
pg_bin=/usr/lib/postgresql/15/bin
"$pg_bin/psql" -q "$TRIALCORE_BENCH_POSTGRES" -c "CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, body text)"
script=$(mktemp)
cleanup_steps+=("rm -f '$script'")
echo "INSERT INTO bench_rows (body) VALUES ('{\"observation\": {\"code\": \"anc\", \"value\": 1.5}}');" > "$script"
pgbench_tps=$("$pg_bin/pgbench" -n -c 1 -T 10 -f "$script" "$TRIALCORE_BENCH_POSTGRES" 2>/dev/null |
  awk '/^tps = / { print $3; exit }')

rate() { awk -v name="$1" '/"name":/ { n = $0; sub(/.*"name": *"/, "", n); sub(/".*/, "", n) }
  /"items_per_second":/ && (n == name || index(n, name "/") == 1) { r = $0; sub(/.*: */, "", r); sub(/,.*/, "", r); print r + 0; exit }' "$results"; }
sqlite=$(rate Appends/sqlite)
postgres=$(rate Appends/postgresql)
rebuild=$(rate Rebuild/trialcore)
scan=$(rate Rebuild/baseline)
echo
echo "Durable appends (one event a committed transaction, hash chained, projections updated):"
awk -v s="$sqlite" -v p="$postgres" -v b="$pgbench_tps" 'BEGIN {
  printf "  SQLite      %8.0f events/s\n  PostgreSQL  %8.0f events/s\n  pgbench     %8.0f inserts/s (baseline: one client, a row a transaction)\n", s, p, b
  if (b > 0) printf "  ratio PostgreSQL appends : pgbench inserts = %.2f\n", p / b }'
echo "Rebuild of 100,000 events from the log (SQLite):"
awk -v r="$rebuild" -v s="$scan" 'BEGIN {
  printf "  rebuild %8.0f events/s (%.2f s); reading them alone %8.0f events/s; ratio %.3f\n", r, 100000 / r, s, r / s }'
