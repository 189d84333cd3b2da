# Sourced by scripts/test.sh: a real PostgreSQL server for the store's tests. A fresh
# cluster in a temporary directory, run by the postgres user (never root), listening on
# 127.0.0.1 only, on a free port; stopped and removed when the tests end.
pg_bin=/usr/lib/postgresql/15/bin
pg_dir=$(mktemp -d /tmp/trialcore-postgres.XXXXXX)
as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
pg_port=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; do pg_port=$((pg_port + 1)); done
as_postgres "$pg_bin/initdb -D '$pg_dir/data' -U postgres -A trust --no-sync > '$pg_dir/initdb.log' 2>&1" ||
  { cat "$pg_dir/initdb.log"; exit 1; }
as_postgres "$pg_bin/pg_ctl -D '$pg_dir/data' -l '$pg_dir/server.log' -w \
  -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k '$pg_dir' -c fsync=on -c max_connections=100\" start > /dev/null" ||
  { cat "$pg_dir/server.log"; exit 1; }
cleanup_steps+=("as_postgres \"$pg_bin/pg_ctl -D '$pg_dir/data' -m fast stop\" > /dev/null; rm -rf '$pg_dir'")
"$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "CREATE DATABASE trialcore_test" > /dev/null
export TRIALCORE_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$pg_port/trialcore_test"
echo "test: PostgreSQL 15 on 127.0.0.1:$pg_port"
