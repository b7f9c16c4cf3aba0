#!/usr/bin/env bash
# Projects, land and collective income benchmark (issue 14): the overdue
# lists and the figures of a province's projects, land contracts and
# collectives. Figures, not tests (but the answers are checked).
#
#   bench/land-bench.sh BUILD_DIR
#
# For SQLite, then PostgreSQL (scripts/with-postgres):
# 1. `shuanglun init`, `shuanglun regions import … --under 43` (Hunan: 2,008
#    towns, 29,534 villages), then bench_land_gen (bench/land_gen.cpp) writes
#    50 projects a town with 5 indicator values of 2022 each, and for every
#    village its collective, 20 land contracts of 5 years with their yearly
#    schedules, the rent received (some left overdue) and 2 income entries of
#    2022: about 100k projects, 590k contracts, 2.95M payments (seconds,
#    rows/s, size). PostgreSQL is then ANALYZEd; SQLite is left as
#    `shuanglun` leaves it.
# 2. `shuanglun serve`, signed in as admin; for each URL 2 requests to warm
#    up, then SL_BENCH_LAND_REQUESTS (default 20) sequential ones
#    (bench/lib.sh get_series): median, p99, CPU per request, VmHWM:
#    - GET /api/v1/land-contracts?region=R&overdue=true&date=2022-12-31 for
#      the village 431127103224 and the county 431127 (the first page of 20
#      and its total);
#    - GET /api/v1/stats/projects?region=R&year=2022 and
#      GET /api/v1/stats/collective-income?region=R&year=2022 for the town
#      431127103, the county 431127 and the province 43;
#    then the server's VmHWM after all of them (VmRSS at rest before).
# 3. Checks each answer against what the generator wrote (fails when wrong).
#
# SL_BENCH_LAND_PG=0 / SL_BENCH_LAND_SQLITE=0 skip a database. Figures go to
# $SL_BENCH_OUT/results.tsv like the other scripts.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
bin=$build/shuanglun
gen=$build/bench_land_gen
requests=${SL_BENCH_LAND_REQUESTS:-20}
province=43
[[ -x $gen ]] || { echo "bench: no $gen; ninja -C $build bench_land_gen" >&2; exit 1; }
folder=$(regions_folder)

fail() {
  echo "bench: land figures are wrong: $*" >&2
  exit 1
}

# build_data LABEL URL TMP: step 1; leaves the expectations in TMP/expect.json.
build_data() {
  local label=$1 url=$2 tmp=$3 t m b rows
  "$bin" init --db "$url" >/dev/null
  "$bin" regions import "$folder" --under $province --db "$url" >"$tmp/regions.log" 2>&1
  wait_quiet
  busy_start
  read -r t m _ <<<"$(timed "$tmp/gen.log" "$gen" "$url" $province "$tmp/expect.json")"
  b=$(busy_stop)
  tail -n 1 "$tmp/gen.log" >&2
  rows=$(jq .total_rows "$tmp/expect.json")
  local cmd
  cmd="bench_land_gen URL $province (bulk insert: $(jq -r '.rows | to_entries | map("\(.value) \(.key)") | join(", ")' "$tmp/expect.json"))"
  emit "land data ($label): generate" "$t" s "$b" "$cmd"
  emit "land data ($label): rows/s" "$(awk -v r="$rows" -v t="$t" 'BEGIN {printf "%d", r / t}')" \
    rows/s "$b" "$cmd ($rows rows in all)"
  emit "land data ($label): generator peak RSS" "$(mb "$m")" MB "$b" "$cmd (/usr/bin/time %M)"
  add_admin "$url"
}

# check_list TMP SCOPE: an overdue list's total and first page.
check_list() {
  local tmp=$1 scope=$2 got want
  got=$(jq -c '{total, ids: [.items[].id], page_overdue_fen: ([.items[].overdue_fen] | add // 0)}' \
    "$tmp/overdue-$scope.json")
  want=$(jq -c ".overdue.$scope | {total, ids, page_overdue_fen}" "$tmp/expect.json")
  [[ $got == "$want" ]] || fail "overdue $scope answered $got, expected $want"
  # Every contract on the page has money overdue on the day.
  jq -e '[.items[] | select(.overdue_fen <= 0)] | length == 0' "$tmp/overdue-$scope.json" \
    >/dev/null || fail "overdue $scope lists a contract with nothing overdue"
}

# check_stats TMP KIND SCOPE: a figures answer against the generator's.
check_stats() {
  local tmp=$1 kind=$2 scope=$3 got want
  case $kind in
    projects)
      got=$(jq -S -c '{kinds, indicators}' "$tmp/$kind-$scope.json")
      want=$(jq -S -c ".projects.$scope" "$tmp/expect.json")
      ;;
    income)
      got=$(jq -S -c '{total_fen, by_source, collectives: (.collectives | length)}' \
        "$tmp/$kind-$scope.json")
      want=$(jq -S -c ".income.$scope" "$tmp/expect.json")
      ;;
  esac
  [[ $got == "$want" ]] || fail "$kind $scope answered $got, expected $want"
}

# measure LABEL URL TMP: steps 2 and 3 against `serve` on URL.
measure() {
  local label=$1 url=$2 tmp=$3 port pid pattern=
  [[ $url == postgresql* ]] && pattern='postgres: .*bench_land'
  port=$(free_port)
  "$bin" serve --db "$url" --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
  pid=$!
  serve_pid=$pid
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
    sleep 0.1
  done
  sleep 1
  emit "land serve ($label): VmRSS at rest" "$(mb "$(status_kb "$pid" VmRSS)")" MB 0 \
    "VmRSS of shuanglun serve 1 s after start, no request"
  sign_in "$port" "$tmp/cookies"
  local scope code path date
  date=$(jq -r .date "$tmp/expect.json")
  for scope in village county; do
    case $scope in
      village) code=$(jq -r .village_code "$tmp/expect.json") ;;
      county) code=$(jq -r .county_code "$tmp/expect.json") ;;
    esac
    path="/api/v1/land-contracts?region=$code&overdue=true&date=$date&page_size=20"
    get_series "land overdue list $scope $code ($label)" "$pid" "$tmp/cookies" \
      "$tmp/overdue-$scope.json" "http://127.0.0.1:$port$path" "$requests" "$pattern" \
      "curl 'GET $path' x$requests sequential after 2 warm-up"
    check_list "$tmp" "$scope"
  done
  local kind route
  for kind in projects income; do
    route=$kind
    [[ $kind == income ]] && route=collective-income
    for scope in town county province; do
      case $scope in
        town) code=$(jq -r .town_code "$tmp/expect.json") ;;
        county) code=$(jq -r .county_code "$tmp/expect.json") ;;
        province) code=$province ;;
      esac
      path="/api/v1/stats/$route?region=$code&year=2022"
      get_series "$route stats $scope $code ($label)" "$pid" "$tmp/cookies" \
        "$tmp/$kind-$scope.json" "http://127.0.0.1:$port$path" "$requests" "$pattern" \
        "curl 'GET $path' x$requests sequential after 2 warm-up"
      emit "$route stats $scope $code ($label): answer size" \
        "$(awk -v b="$(stat -c %s "$tmp/$kind-$scope.json")" 'BEGIN {printf "%.1f", b / 1024}')" \
        KB 0 "bytes of the JSON answer"
      check_stats "$tmp" "$kind" "$scope"
    done
  done
  emit "land serve ($label): VmHWM after all series" "$(mb "$(status_kb "$pid" VmHWM)")" MB 0 \
    "VmHWM of shuanglun serve after the 8 series (peak since start)"
  [[ ${SL_BENCH_LAND_PROFILE:-0} == 0 ]] || profile "$label" "$url" "$pid" "$port" "$tmp"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  serve_pid=
  echo "bench: land figures match the generated data (overdue lists, projects, income)" >&2
}

# The statements the slow answers run (copies of what server/src/land/
# contracts.cpp, server/src/projects/stats.cpp and server/src/land/stats.cpp
# send for an admin, literals for the parameters): the county's overdue list
# (count, page) and the province's project and income figures.
statements() {
  local county=$1 prov=$2 cu=${1%/}0 pu=${2%/}0
  local list="FROM land_contract c JOIN region r ON r.id = c.region_id LEFT JOIN organization o ON o.id = c.transferor_org_id LEFT JOIN enterprise e ON e.id = c.transferee_enterprise_id LEFT JOIN person p ON p.id = c.transferee_person_id WHERE c.deleted_at IS NULL AND (1=1) AND ((c.region_path >= '$county' AND c.region_path < '$cu')) AND EXISTS (SELECT 1 FROM land_payment lp WHERE lp.contract_id = c.id AND lp.due_on <= '2022-12-30' AND lp.received_fen < lp.amount_fen)"
  echo "SELECT COUNT(*) $list"
  echo "SELECT c.id, c.starts_on $list ORDER BY c.starts_on DESC, c.id DESC LIMIT 20 OFFSET 0"
  echo "SELECT id, kind, region_path FROM project WHERE region_path >= '$prov' AND region_path < '$pu' AND deleted_at IS NULL AND started_on <= '2022-12-31'"
  echo "SELECT ps.project_id, ps.stage, ps.on_date FROM project_stage ps JOIN project j ON j.id = ps.project_id WHERE j.region_path >= '$prov' AND j.region_path < '$pu' AND j.deleted_at IS NULL AND ps.on_date <= '2022-12-31'"
  echo "SELECT project_id, indicator, expected, value FROM project_value WHERE region_path >= '$prov' AND region_path < '$pu' AND period_from >= '2022-01-01' AND period_from <= '2022-12-31' ORDER BY project_id, indicator, expected, period_to, period_from"
  echo "SELECT collective_org_id, region_path, amount_fen FROM land_receipt WHERE region_path >= '$prov' AND region_path < '$pu' AND received_on >= '2022-01-01' AND received_on <= '2022-12-31' AND collective_org_id IS NOT NULL"
  echo "SELECT organization_id, region_path, source, amount_fen FROM collective_income WHERE region_path >= '$prov' AND region_path < '$pu' AND year = 2022 AND deleted_at IS NULL"
}

# profile LABEL URL PID PORT TMP (SL_BENCH_LAND_PROFILE=1): the plans and
# times of those statements, and `perf record -g` of the server during 3
# province requests of each figures route, into $SL_BENCH_OUT/land-profile-*.
profile() {
  local label=$1 url=$2 pid=$3 port=$4 tmp=$5 out county prov q route
  out=$SL_BENCH_OUT/land-profile-$label
  county=$(jq -r .county_code "$tmp/expect.json")
  if [[ $url == postgresql* ]]; then
    county=$(psql -tA "$url" -c "SELECT path FROM region WHERE code = '$county'")
    prov=$(psql -tA "$url" -c "SELECT path FROM region WHERE code = '$province'")
    statements "$county" "$prov" | while read -r q; do
      echo "=== $q"
      psql -q "$url" -c "EXPLAIN (ANALYZE, BUFFERS) $q"
    done >"$out-plans.txt" 2>&1
  else
    local db=${url#sqlite:}
    county=$(sqlite3 "$db" "SELECT path FROM region WHERE code = '$county'")
    prov=$(sqlite3 "$db" "SELECT path FROM region WHERE code = '$province'")
    statements "$county" "$prov" | while read -r q; do
      echo "=== $q"
      printf '.timer on\nEXPLAIN QUERY PLAN %s;\nSELECT COUNT(*) FROM (%s);\n' "$q" "$q" | sqlite3 "$db"
    done >"$out-plans.txt" 2>&1
  fi
  command -v perf >/dev/null || { echo "bench: no perf; plans only" >&2; return 0; }
  for route in projects collective-income; do
    perf record -F 499 --call-graph dwarf,16384 -p "$pid" -o "$tmp/perf.data" 2>/dev/null &
    local perf_pid=$!
    sleep 0.5
    for _ in 1 2 3; do
      curl -fsS -o /dev/null -b "$tmp/cookies" -H 'X-Requested-With: shuanglun' \
        "http://127.0.0.1:$port/api/v1/stats/$route?region=$province&year=2022"
    done
    kill -TERM "$perf_pid"
    wait "$perf_pid" 2>/dev/null || true
    perf report -i "$tmp/perf.data" --children --stdio -g none --sort sym --percent-limit 1 \
      2>/dev/null | grep -v '^#' | grep -v '^$' | cut -c1-200 >"$out-perf-$route.txt" || true
    rm -f "$tmp/perf.data"
  done
  echo "bench: profiles in $out-*" >&2
}

serve_pid=
stop_serve() { [[ -z $serve_pid ]] || kill "$serve_pid" 2>/dev/null || true; }

if [[ ${2:-} == --postgres-inner ]]; then
  trap 'busy_kill; stop_serve' EXIT
  tmp=$(mktemp -d /tmp/sl-bench-land-pg.XXXXXX)
  psql -q "$SL_TEST_PG_URL" -c "DROP DATABASE IF EXISTS bench_land" -c "CREATE DATABASE bench_land" >/dev/null
  url="postgresql:///bench_land?host=$PG_DIR&user=postgres"
  build_data postgresql "$url" "$tmp"
  read -r t _ <<<"$(timed "$tmp/analyze.log" psql -q "$url" -c ANALYZE)"
  emit "land data (postgresql): ANALYZE" "$t" s 0 "psql -c ANALYZE after the generator"
  emit "land data (postgresql): database size" \
    "$(psql -tA "$url" -c "SELECT pg_database_size(current_database()) / 1048576")" MB 0 "pg_database_size"
  measure postgresql "$url" "$tmp"
  rm -rf "$tmp"
  exit 0
fi

tmp=$(mktemp -d /tmp/sl-bench-land.XXXXXX)
trap 'busy_kill; stop_serve; rm -rf "$tmp"' EXIT
if [[ ${SL_BENCH_LAND_SQLITE:-1} != 0 ]]; then
  db=$tmp/land.db
  build_data sqlite "sqlite:$db" "$tmp"
  sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  emit "land data (sqlite): database size" "$(du -m "$db" | cut -f1)" MB 0 "du -m of the file"
  measure sqlite "sqlite:$db" "$tmp"
  if [[ -n ${SL_BENCH_LAND_KEEP:-} ]]; then
    # Left for profiling (EXPLAIN QUERY PLAN): the database and the answers.
    mkdir -p "$SL_BENCH_LAND_KEEP"
    cp "$db" "$tmp/expect.json" "$SL_BENCH_LAND_KEEP/"
  fi
  rm -f "$db"*
fi
if [[ ${SL_BENCH_LAND_PG:-1} != 0 ]]; then
  "$root/scripts/with-postgres" "$0" "$build" --postgres-inner
fi
