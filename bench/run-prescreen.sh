#!/usr/bin/env bash
# Pre-screening at scale, measured side by side in one run (Release build): one synthetic
# OMOP population (default 1,000,000 persons), the same criteria run by the native engine
# (columns in memory) and as the same compiled SQL on SQLite, on PostgreSQL (a fresh server,
# started as scripts/test.sh does) and on DuckDB (the npm package @duckdb/node-api, fed the
# same rows as CSV). Prints each time and the ratios, the native pass over all persons
# after the load, and memory per person.
#   bench/run-prescreen.sh [PERSONS]
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-1000000}
build_dir=${TRIALCORE_BENCH_DIR:-build-bench}
work=${TRIALCORE_BENCH_WORK:-/tmp/trialcore-prescreen-bench}
[ -f "$build_dir/build.ninja" ] || cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --target trialcore_prescreen_bench -j2 >/dev/null
mkdir -p "$work"
(cd bench/duckdb && [ -d node_modules/@duckdb/node-api ] || npm ci --no-audit --no-fund >/dev/null)
cleanup_steps=()
trap 'for step in "${cleanup_steps[@]}"; do eval "$step" || true; done' EXIT
source scripts/test.d/postgres.sh

sqlite_file="$work/omop-$persons.db"
native=$("$build_dir/bench/trialcore_prescreen_bench" --persons "$persons" --sqlite "$sqlite_file" \
  --postgres "$TRIALCORE_TEST_POSTGRES" --duckdb-sql "$work/duckdb.sql")
echo "$native"

# DuckDB: the same rows, as CSV from the same SQLite file.
for table in concept person observation_period condition_occurrence measurement observation drug_exposure \
  procedure_occurrence; do
  sqlite3 -header -csv "$sqlite_file" "SELECT * FROM $table" > "$work/$table.csv"
done
duck=$(node bench/duckdb/run.js "$work" "$work/duckdb.sql.ddl" "$work/duckdb.sql")
echo "$duck"
rm -f "$work"/*.csv

field() { echo "$1" | tr -d '{}' | tr ',' '\n' | awk -F: -v k="\"$2\"" '$1 ~ k { gsub(/ /, "", $2); print $2 }'; }
pass=$(field "$native" native_pass_s)
awk -v n="$persons" -v pass="$pass" -v load="$(field "$native" native_load_s)" \
  -v sqlite="$(field "$native" sqlite_sql_s)" -v pg="$(field "$native" postgres_sql_s)" \
  -v duck="$(field "$duck" duckdb_sql_s)" -v bytes="$(field "$native" columns_bytes_per_person)" \
  -v rss="$(field "$native" peak_rss_bytes_per_person)" -v rows="$(field "$native" measurement_rows)" \
  -v whole="$(field "$native" native_whole_pass_s)" -v parts="$(field "$native" native_parts)" \
  -v threads="$(field "$native" threads)" -v cpu="$(field "$native" native_pass_cpu_s)" 'BEGIN {
  printf "\n%d persons, %d measurement rows, as of 2010-07-01\n", n, rows
  printf "  native pass (after a %.1f s load): %.3f s (%.3f s of CPU), %d parts on %d threads\n", load, pass, cpu, parts, threads
  printf "  the same in one part on one thread: %.3f s   parts are %.1fx faster\n", whole, whole / pass
  printf "  SQL on SQLite      %8.2f s   native is %6.0fx faster\n", sqlite, sqlite / pass
  printf "  SQL on PostgreSQL  %8.2f s   native is %6.0fx faster\n", pg, pg / pass
  printf "  SQL on DuckDB      %8.2f s   native is %6.1fx faster\n", duck, duck / pass
  printf "  memory: %.0f bytes a person in columns, %.0f bytes a person at the peak of the process\n", bytes, rss }'
