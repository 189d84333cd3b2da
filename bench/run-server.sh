# The server under load on 127.0.0.1, with wrk: requests a second and the 99th percentile
# latency of a read (a patient's state), of a durable write (an observation recorded: an
# event committed with synchronous=FULL), and, side by side as the baseline, of /healthz.
# The durable write is measured twice: every observation to one patient, whose record grows
# with each (the worst case), then spread in turn across BENCH_PATIENTS patients (40), as a
# trial's visits are.
# wrk runs 2 threads x 8 connections. Reported as figures and ratios, never asserted.
#
# With TRIALCORE_BENCH_BEFORE=REV (a commit, e.g. main), the program is also built from that
# revision's sources (in build-bench-before/) and measured in the same session, after the
# current one: each figure then has its before beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in wrk curl; do
  command -v "$tool" >/dev/null || { sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo";
    $sudo_cmd apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q "$tool"; }
done
build_dir=${TRIALCORE_BENCH_DIR:-build-bench}
[ -f "$build_dir/build.ninja" ] || cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --target trialcore -j"$(nproc)" >/dev/null
before_rev=${TRIALCORE_BENCH_BEFORE:-}
if [ -n "$before_rev" ]; then
  source bench/before-tree.sh
  extract_before "$before_rev"
  build_before trialcore
fi
seconds=${BENCH_SECONDS:-10}
spread=${BENCH_PATIENTS:-40}
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$work"' EXIT

# Serves a fresh store with the program $1, sets up a patient, measures; figures into $2.
serve_and_measure() {
  "$1" serve --store "$work/trial.db" --port 0 --quiet > "$work/out" 2>&1 &
  server=$!
  for _ in $(seq 50); do grep -q "running at" "$work/out" && break; sleep 0.1; done
  url=$(grep -o 'http://[^ ]*' "$work/out" | head -1)
  url=${url%/}
  one_time=$(grep -o 'one-time password: [^ ]*' "$work/out" | cut -d' ' -f3)

  # Signs in; prints "cookie csrf".
  sign_in() {
    local answer cookie csrf
    answer=$(curl -s -D "$work/headers" -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" "$url/api/session")
    cookie=$(grep -i '^set-cookie:' "$work/headers" | sed 's/^[^:]*: //; s/;.*//')
    csrf=$(echo "$answer" | grep -o '"csrf_token":"[0-9a-f]*"' | cut -d'"' -f4)
    echo "$cookie $csrf"
  }
  post() { curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $1" -H "X-CSRF-Token: $2" -H 'Content-Type: application/json' -d "$4" "$url$3"; }

  read -r cookie csrf < <(sign_in admin "$one_time")
  post "$cookie" "$csrf" /api/users/admin/password "{\"current_password\":\"$one_time\",\"password\":\"benchmark-admin-password\"}" >/dev/null
  read -r cookie csrf < <(sign_in admin benchmark-admin-password)
  coordinator=$(curl -s -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d '{"username":"bench","role":"coordinator"}' "$url/api/users" | grep -o '"password":"[^"]*"' | cut -d'"' -f4)
  read -r cookie csrf < <(sign_in bench "$coordinator")
  post "$cookie" "$csrf" /api/users/bench/password "{\"current_password\":\"$coordinator\",\"password\":\"benchmark-coordinator-password\"}" >/dev/null
  read -r cookie csrf < <(sign_in bench benchmark-coordinator-password)
  # The example patient of docs/formats.md, eligible on 2010-07-02.
  record='{"id":"MDA-0001","birth_date":"1975-03-14","sex":"female","diagnosis":"B-ALL","disease_status":"relapsed","prior_lines":2,"salvage":2,"zubrod":1,"nyha_class":1,"height":{"value":165,"unit":"cm"},"weight":{"value":62,"unit":"kg"},"observations":[{"code":"bilirubin","value":0.8,"unit":"mg/dL","date":"2010-07-01"},{"code":"alt","value":40,"unit":"U/L","uln":41,"date":"2010-07-01"},{"code":"ast","value":35,"unit":"U/L","uln":40,"date":"2010-07-01"},{"code":"creatinine","value":0.9,"unit":"mg/dL","date":"2010-07-01"},{"code":"peripheral_blasts","value":3.2,"unit":"10*9/L","date":"2010-07-01"},{"code":"ejection_fraction","value":60,"unit":"%","date":"2010-06-20","method":"echo"},{"code":"pregnancy_test","value":"negative","date":"2010-06-30"}],"organ_dysfunction_due_to_tumor":false,"childbearing_potential":true,"contraception_agreed":true,"pregnant":false,"breastfeeding":false,"hepatitis_b":false,"therapies":[{"name":"hyper-CVAD","start":"2010-03-01","end":"2010-06-10","cns_directed":false},{"name":"intrathecal methotrexate","start":"2010-06-20","end":null,"cns_directed":true}],"toxicities":[{"term":"peripheral neuropathy","grade":1,"resolved":false}],"transplants":[{"type":"allogeneic","date":"2009-11-02"}],"waivers":[{"criterion":"exc-washout","by":"PI name","date":"2010-07-01","reason":"rapidly progressive disease"}]}'
  # MDA-0001 takes the one-patient writes; MDA-0002 on take the spread ones (under the
  # protocol's accrual target of 90).
  for number in $(seq 1 $((1 + spread))); do
    id=$(printf 'MDA-%04d' "$number")
    for step in "/api/patients {\"record\": ${record/MDA-0001/$id}}" "/api/patients/$id/consent {\"date\":\"2010-07-02\"}" \
                "/api/patients/$id/enrollment {\"date\":\"2010-07-05\"}"; do
      status=$(post "$cookie" "$csrf" "${step%% *}" "${step#* }")
      [ "$status" = 201 ] || { echo "setting up failed at ${step%% *}: HTTP $status" >&2; exit 1; }
    done
  done

  cat > "$work/read.lua" <<LUA
wrk.headers["Cookie"] = "$cookie"
LUA
  cat > "$work/write.lua" <<LUA
wrk.method = "POST"
wrk.headers["Cookie"] = "$cookie"
wrk.headers["X-CSRF-Token"] = "$csrf"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"code":"anc","value":1.5,"unit":"10*9/L","date":"2010-07-06"}'
LUA
  # The same write, each request to the next of the spread patients in turn.
  { cat "$work/write.lua"; cat <<LUA
local turn = 0
request = function()
  turn = turn + 1
  return wrk.format(nil, string.format("/api/patients/MDA-%04d/observations", 2 + turn % $spread))
end
LUA
  } > "$work/write-spread.lua"

  measure() {  # name path script -> "requests/s p99"
    local output
    output=$(wrk -t2 -c8 -d"${seconds}s" --latency ${3:+-s "$3"} "$url$2")
    echo "$output" | awk -v name="$1" '/Requests\/sec/ { rps = $2 } / 99% / { p99 = $2 } / Non-2xx/ { bad = $NF }
      END { printf "%s %s %s %s\n", name, rps, p99, bad + 0 }'
  }
  {
    measure baseline /healthz ""
    measure read /api/patients/MDA-0001 "$work/read.lua"
    measure write /api/patients/MDA-0001/observations "$work/write.lua"
    measure spread /api/patients/MDA-0002/observations "$work/write-spread.lua"
  } > "$2"
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
  rm -f "$work/trial.db"*
}

# What the builds wrote goes to disk before the first measurement, not beside its syncs.
sync
serve_and_measure "$build_dir/trialcore" "$work/figures"
[ -n "$before_rev" ] && serve_and_measure "$before_tree/build/trialcore" "$work/before"
touch "$work/before"
echo "trialcore serve on 127.0.0.1, SQLite, wrk 2 threads x 8 connections, ${seconds} s each:"
awk 'FILENAME == ARGV[1] { was[$1] = $2; was_p99[$1] = $3; next }
  FNR == 1 { base = $2 } { failed = ($4 > 0) ? "  (" $4 " failed!)" : ""
  printf "  %-9s %9.0f requests/s  p99 %-8s  %5.2f x the baseline (GET /healthz)%s", $1, $2, $3, $2 / base, failed
  if ($1 in was) printf "   before %7.0f requests/s, p99 %-8s  now %.1fx", was[$1], was_p99[$1], $2 / was[$1]
  printf "\n" }' "$work/before" "$work/figures"
