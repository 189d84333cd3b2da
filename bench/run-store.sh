#!/usr/bin/env bash
# The trial's record under load. Starts a PostgreSQL server (as scripts/test.sh does), runs
# the store benchmarks on both backends, and runs PostgreSQL's own pgbench against the same
# server side by side as the baseline: single-row inserts, each committed, from 1 client and
# from 8. Prints every figure next to its baseline and the ratio. A second baseline for
# PostgreSQL: the statements of appends as the store sends them (one a transaction, and eight
# as a batch of eight writers), run by pgbench in one pipeline on a store of its own: what the
# server's side of an append costs, whatever the client does.
#
# With TRIALCORE_BENCH_BEFORE=REV (a commit, e.g. main), the same benchmark is also built from
# that revision's sources (in build-bench-before/) and run in the same session, against the
# same server: each figure then has its before beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${TRIALCORE_BENCH_DIR:-build-bench}
[ -f "$build_dir/build.ninja" ] || cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --target trialcore_store_bench trialcore -j"$(nproc)" >/dev/null
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
# What the builds and the new server wrote goes to disk first: the kernel writing it back
# beside the first program's syncs made that program's appends a third slower than the same
# code run second.
sync
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

# The store's statements for labs recorded (BEGIN, the writer's lock, the head's check, each
# event and its row, COMMIT), run by pgbench in one pipeline on an empty store made by
# trialcore itself (its schema, the chain's trigger): each event's sequence from a server
# sequence and its hashes made up, so that each extends the chain. One event a transaction
# is one writer's append; eight a transaction is a batch of eight writers' appends.
"$pg_bin/psql" -q "$TRIALCORE_BENCH_POSTGRES" -c "DROP DATABASE IF EXISTS bench_statements" -c "CREATE DATABASE bench_statements"
statements_db=${TRIALCORE_BENCH_POSTGRES%/*}/bench_statements
"$build_dir/trialcore" verify --store "$statements_db" >/dev/null
"$pg_bin/psql" -q "$statements_db" -c "CREATE SEQUENCE bench_sequence" \
  -c "INSERT INTO events VALUES (nextval('bench_sequence'), 'patient-registered', 'P0', 'bench', '2026-12-02T00:00:00Z', NULL, '', NULL, '{}', repeat('0', 64), 'h1')"
payload='{"observation":{"code":"anc","date":"2010-07-05","unit":"10*9/L","value":1.5}}'
# Events a second of the statements with $1 events a transaction.
statements() {
  {
    echo '\startpipeline'
    echo 'BEGIN;'
    echo 'SELECT pg_advisory_xact_lock(7274616);'
    echo "SELECT trialcore_expect_head((SELECT last_value FROM bench_sequence));"
    for _ in $(seq "$1"); do
      cat <<SQL
SELECT nextval('bench_sequence');
INSERT INTO events (sequence, kind, subject, actor, recorded_at, clinical_date, reason, corrects, payload, previous_hash, hash)
  SELECT n, 'observation-recorded', 'P' || n % 100, 'bench', '2026-12-02T00:00:00Z', '2010-07-05', '', NULL, '$payload', 'h' || n - 1, 'h' || n
  FROM currval('bench_sequence') n;
INSERT INTO projections (name, key, document)
  SELECT 'observations', 'P' || n % 100 || '/' || lpad(n::text, 20, '0'), '$payload' FROM currval('bench_sequence') n
  ON CONFLICT (name, key) DO UPDATE SET document = EXCLUDED.document;
SQL
    done
    echo 'COMMIT;'
    echo '\endpipeline'
  } > "$script"
  "$pg_bin/pgbench" -n -c 1 -j 1 -T 10 -M prepared -f "$script" "$statements_db" 2>/dev/null |
    awk -v events="$1" '/^tps = / { print $3 * events; exit }'
}
statements_1=$(statements 1)
statements_8=$(statements 8)

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
line "  its statements by pgbench" "${statements_1:-0}" events/s "pgbench -c 1" "$pgbench_1" 0 0
line "PostgreSQL, 1 writer" "${now[Appends/postgresql]}" events/s "its statements" "${statements_1:-0}" 0 0
line "PostgreSQL, 8 writers" "${now[Appends8/postgresql]}" events/s "pgbench -c 8" "$pgbench_8" "${was[Appends8/postgresql]}" "$pgbench_8"
line "  its statements, 8 a transaction" "${statements_8:-0}" events/s "pgbench -c 8" "$pgbench_8" 0 0
line "PostgreSQL, 8 writers" "${now[Appends8/postgresql]}" events/s "its statements, 8" "${statements_8:-0}" 0 0
echo "  (pgbench: one-row inserts, a transaction each, on the same server; \"its statements\": the"
echo "   appends' statements as the store sends them, in one pipeline, run by pgbench)"
echo "Rebuild of 100,000 events from the log (SQLite), every projection written:"
line "rebuild" "${now[Rebuild/trialcore]}" events/s "reading them alone" "${now[Rebuild/baseline]}" \
  "${was[Rebuild/trialcore]}" "${was[Rebuild/baseline]}"
