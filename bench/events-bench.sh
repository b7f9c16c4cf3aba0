#!/usr/bin/env bash
# Events benchmark (issue 13, "Events"): the figures of a province's year of
# events. Figures, not tests (but the answers are checked).
#
#   bench/events-bench.sh BUILD_DIR
#
# For SQLite, then PostgreSQL (scripts/with-postgres):
# 1. `shuanglun init`, `shuanglun regions import … --under 43` (Hunan: 2,008
#    towns), then bench_events_gen (bench/events_gen.cpp) writes 200 people a
#    town and 10 events a town a month of 2022 with 21 people on each roll:
#    about 241,000 events and 5.06M attendance rows (seconds, rows/s, size).
#    PostgreSQL is then ANALYZEd; SQLite is left as `shuanglun` leaves it.
# 2. `shuanglun serve`, signed in as admin, GET /api/v1/stats/events for the
#    town 431127103, the county 431127 and the province 43, 2022: 2 requests
#    to warm up, then SL_BENCH_EVENTS_REQUESTS (default 20) sequential ones
#    (bench/lib.sh get_series): median, p99, CPU per request, VmHWM.
# 3. Checks each answer's totals against what the generator wrote.
#
# SL_BENCH_EVENTS_PG=0 / SL_BENCH_EVENTS_SQLITE=0 skip a database. Figures go
# to $SL_BENCH_OUT/results.tsv like the other scripts.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
bin=$build/shuanglun
gen=$build/bench_events_gen
requests=${SL_BENCH_EVENTS_REQUESTS:-20}
province=43
[[ -x $gen ]] || { echo "bench: no $gen; ninja -C $build bench_events_gen" >&2; exit 1; }
folder=$(regions_folder)

fail() {
  echo "bench: events figures are wrong: $*" >&2
  exit 1
}

# build_data LABEL URL TMP: step 1; leaves the expectations in TMP/expect.json.
build_data() {
  local label=$1 url=$2 tmp=$3 t m c b rows
  "$bin" init --db "$url" >/dev/null
  "$bin" regions import "$folder" --under $province --db "$url" >"$tmp/regions.log" 2>&1
  wait_quiet
  busy_start
  read -r t m c <<<"$(timed "$tmp/gen.log" "$gen" "$url" $province "$tmp/expect.json")"
  b=$(busy_stop)
  tail -n 1 "$tmp/gen.log" >&2
  rows=$(jq .rows "$tmp/expect.json")
  local cmd="bench_events_gen URL $province (bulk insert: $(jq .province.events "$tmp/expect.json") events, $rows attendance rows)"
  emit "events data ($label): generate" "$t" s "$b" "$cmd"
  emit "events data ($label): attendance rows/s" "$(awk -v r="$rows" -v t="$t" 'BEGIN {printf "%d", r / t}')" \
    rows/s "$b" "$cmd"
  add_admin "$url"
}

# check TMP SCOPE: an answer's totals against the generator's.
check() {
  local tmp=$1 scope=$2 got want
  got=$(jq -c '.totals | {events, attendances, people, unregistered}' "$tmp/$scope.json")
  want=$(jq -c ".$scope | {events, attendances, people, unregistered}" "$tmp/expect.json")
  [[ $got == "$want" ]] || fail "$scope answered $got, expected $want"
}

# measure LABEL URL TMP: steps 2 and 3 against `serve` on URL.
measure() {
  local label=$1 url=$2 tmp=$3 port pid pattern=
  [[ $url == postgresql* ]] && pattern='postgres: .*bench_events'
  port=$(free_port)
  "$bin" serve --db "$url" --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
    sleep 0.1
  done
  sleep 1
  emit "events serve ($label): VmRSS at rest" "$(mb "$(status_kb "$pid" VmRSS)")" MB 0 \
    "VmRSS of shuanglun serve 1 s after start, no request"
  sign_in "$port" "$tmp/cookies"
  local scope code
  for scope in town county province; do
    case $scope in
      town) code=$(jq -r .town_code "$tmp/expect.json") ;;
      county) code=$(jq -r .county_code "$tmp/expect.json") ;;
      province) code=$province ;;
    esac
    local path="/api/v1/stats/events?region=$code&from=2022-01-01&to=2022-12-31"
    get_series "events stats $scope $code ($label)" "$pid" "$tmp/cookies" "$tmp/$scope.json" \
      "http://127.0.0.1:$port$path" "$requests" "$pattern" \
      "curl 'GET $path' x$requests sequential after 2 warm-up"
    check "$tmp" "$scope"
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "bench: events figures match the generated data (town, county, province)" >&2
}

if [[ ${2:-} == --postgres-inner ]]; then
  trap busy_kill EXIT
  tmp=$(mktemp -d /tmp/sl-bench-events-pg.XXXXXX)
  psql -q "$SL_TEST_PG_URL" -c "DROP DATABASE IF EXISTS bench_events" -c "CREATE DATABASE bench_events" >/dev/null
  url="postgresql:///bench_events?host=$PG_DIR&user=postgres"
  build_data postgresql "$url" "$tmp"
  read -r t _ <<<"$(timed "$tmp/analyze.log" psql -q "$url" -c ANALYZE)"
  emit "events data (postgresql): ANALYZE" "$t" s 0 "psql -c ANALYZE after the generator"
  emit "events data (postgresql): database size" \
    "$(psql -tA "$url" -c "SELECT pg_database_size(current_database()) / 1048576")" MB 0 "pg_database_size"
  measure postgresql "$url" "$tmp"
  rm -rf "$tmp"
  exit 0
fi

tmp=$(mktemp -d /tmp/sl-bench-events.XXXXXX)
trap 'busy_kill; rm -rf "$tmp"' EXIT
if [[ ${SL_BENCH_EVENTS_SQLITE:-1} != 0 ]]; then
  db=$tmp/events.db
  build_data sqlite "sqlite:$db" "$tmp"
  sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  emit "events data (sqlite): database size" "$(du -m "$db" | cut -f1)" MB 0 "du -m of the file"
  measure sqlite "sqlite:$db" "$tmp"
  rm -f "$db"*
fi
if [[ ${SL_BENCH_EVENTS_PG:-1} != 0 ]]; then
  "$root/scripts/with-postgres" "$0" "$build" --postgres-inner
fi
