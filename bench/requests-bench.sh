#!/usr/bin/env bash
# Requests and to-do benchmark (issue 15): a province's three years of
# requests (诉求), the to-do count a leader's header polls, the to-do lists
# and the requests' figures. Figures, not tests (but the answers are checked).
#
#   bench/requests-bench.sh BUILD_DIR
#
# For SQLite, then PostgreSQL (scripts/with-postgres):
# 1. `shuanglun init`, `shuanglun regions import … --under 43` (Hunan: 2,008
#    towns, 29,534 villages), then bench_requests_gen (bench/requests_gen.cpp)
#    writes each town's leader, chamber and offices, an entrepreneur with his
#    enterprise and three villagers per village, the level-1 pairings, the
#    province's quota rules, and 100 requests a town a year of 2022-2024 with
#    their timelines: about 600k requests, 3M timeline rows (seconds, rows/s,
#    size). PostgreSQL is then ANALYZEd; SQLite is left as `shuanglun` leaves
#    it (never ANALYZEd).
# 2. `shuanglun serve`; as admin, POST /api/v1/users makes the leader of the
#    town 431127103 (role leader, linked to his person, the town his region)
#    and the town's office (role town_office); each signs in. For each URL 2
#    requests to warm up, then SL_BENCH_REQUESTS_N (default 20) sequential
#    ones (bench/lib.sh get_series): median, p99, CPU per request, VmHWM:
#    - GET /api/v1/todo/count?date=2024-12-31 as the leader (aim: under
#      2 ms), then the same from 64 connections with wrk (-t2 -c64, for
#      SL_BENCH_SECONDS, default 10, SL_BENCH_WRK_REPEAT times, default 3,
#      medians): req/s, p50, p99;
#    - GET /api/v1/todo?date=2024-12-31 as the leader and as the town office;
#    - GET /api/v1/stats/requests?region=R&from=2024-01-01&to=2024-12-31&
#      date=2024-12-31 as admin for the town, the county 431127 and the
#      province 43;
#    then the server's VmHWM after all of them (VmRSS at rest before).
# 3. Checks each answer against what the generator wrote (fails when wrong).
#
# SL_BENCH_REQUESTS_UNDER=4311 generates under a city only (development at
# small size; "province" is then that city).
# SL_BENCH_REQUESTS_PROFILE=1 adds the plans of the statements the slow
# answers send (EXPLAIN QUERY PLAN and times in the sqlite3 shell; on
# PostgreSQL auto_explain's plans of every statement of one request each) and
# `perf record` of the server under the wrk load, into
# $SL_BENCH_OUT/requests-profile-*. SL_BENCH_REQUESTS_PG=0 /
# SL_BENCH_REQUESTS_SQLITE=0 skip a database; SL_BENCH_REQUESTS_KEEP=DIR
# keeps the SQLite database and the expectations there. Figures go to
# $SL_BENCH_OUT/results.tsv like the other scripts.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
bin=$build/shuanglun
gen=$build/bench_requests_gen
requests=${SL_BENCH_REQUESTS_N:-20}
seconds=${SL_BENCH_SECONDS:-10}
wrk_repeat=${SL_BENCH_WRK_REPEAT:-3}
province=${SL_BENCH_REQUESTS_UNDER:-43}
leader_password=bench-leader-pass-1
office_password=bench-office-pass-1
[[ -x $gen ]] || { echo "bench: no $gen; ninja -C $build bench_requests_gen" >&2; exit 1; }
folder=$(regions_folder)

fail() {
  echo "bench: requests figures are wrong: $*" >&2
  exit 1
}

# build_data LABEL URL TMP: step 1; leaves the expectations in TMP/expect.json.
build_data() {
  local label=$1 url=$2 tmp=$3 t m b rows cmd
  "$bin" init --db "$url" >/dev/null
  "$bin" regions import "$folder" --under "$province" --db "$url" >"$tmp/regions.log" 2>&1
  wait_quiet
  busy_start
  read -r t m _ <<<"$(timed "$tmp/gen.log" "$gen" "$url" "$province" "$tmp/expect.json")"
  b=$(busy_stop)
  tail -n 1 "$tmp/gen.log" >&2
  rows=$(jq .total_rows "$tmp/expect.json")
  cmd="bench_requests_gen URL $province (bulk insert: $(jq -r '.rows | to_entries | map("\(.value) \(.key)") | join(", ")' "$tmp/expect.json"))"
  emit "requests data ($label): generate" "$t" s "$b" "$cmd"
  emit "requests data ($label): rows/s" "$(awk -v r="$rows" -v t="$t" 'BEGIN {printf "%d", r / t}')" \
    rows/s "$b" "$cmd ($rows rows in all)"
  emit "requests data ($label): generator peak RSS" "$(mb "$m")" MB "$b" "$cmd (/usr/bin/time %M)"
  add_admin "$url"
}

# session PORT USER PASSWORD: signs in; prints the session cookie's value.
session() {
  local cookie
  cookie=$(curl -fsS -D - -o /dev/null -X POST "http://127.0.0.1:$1/api/v1/session" \
    -H 'Content-Type: application/json' -H 'X-Requested-With: shuanglun' \
    -d "{\"username\":\"$2\",\"password\":\"$3\"}" |
    sed -n 's/^[Ss]et-[Cc]ookie: sl_session=\([^;]*\).*/\1/p')
  [[ -n $cookie ]] || { echo "bench: sign-in as $2 failed" >&2; return 1; }
  echo "$cookie"
}

# add_user PORT ADMIN_COOKIE JSON: POST /api/v1/users as admin.
add_user() {
  curl -fsS -o /dev/null -X POST "http://127.0.0.1:$1/api/v1/users" -b "sl_session=$2" \
    -H 'Content-Type: application/json' -H 'X-Requested-With: shuanglun' -d "$3" ||
    { echo "bench: POST /api/v1/users $3 failed" >&2; return 1; }
}

# A to-do list as the generator tallies it.
# shellcheck disable=SC2016 # jq's variables
todo_tally='{count: (.items | length),
  kinds: (reduce .items[] as $i ({}; .[$i.kind] += 1)),
  severities: (reduce .items[] as $i ({}; .[$i.severity] += 1)),
  links: ([.items[].link] | sort)}'

# check_todo TMP WHO: a to-do list against the generator's, and in order
# (late, soon, normal; by due date within each).
check_todo() {
  local tmp=$1 who=$2 got want
  got=$(jq -S -c "$todo_tally" "$tmp/todo-$who.json")
  want=$(jq -S -c ".${who}_todo" "$tmp/expect.json")
  [[ $got == "$want" ]] || fail "the $who's to-do list answered $got, expected $want"
  jq -e '[.items[] | [({"late": 0, "soon": 1, "normal": 2}[.severity]), (.due // "9999")]] as $k
    | $k == ($k | sort)' "$tmp/todo-$who.json" >/dev/null ||
    fail "the $who's to-do list is not late first, then by due date"
}

# check_stats TMP SCOPE: the requests' figures against the generator's.
counts='total, open, overdue, resolved, on_time, rated, satisfied, median_days_to_resolve'
check_stats() {
  local tmp=$1 scope=$2 got want
  got=$(jq -S -c "{$counts,
    by_category: ([.by_category[] | {category, $counts}] | sort_by(.category)),
    by_child: ([.by_child[] | select(.total > 0) | {code: .region.code, $counts}] | sort_by(.code))}" \
    "$tmp/stats-$scope.json")
  want=$(jq -S -c ".stats.$scope | .by_category |= sort_by(.category) | .by_child |= sort_by(.code)" \
    "$tmp/expect.json")
  [[ $got == "$want" ]] || fail "stats $scope answered $(head -c 600 <<<"$got"), expected $(head -c 600 <<<"$want")"
  # The rates are the counts' quotients.
  jq -e '(.on_time_rate == (if .resolved == 0 then null else ((.on_time / .resolved * 10000 | round) / 10000) end))
    and (.satisfaction_rate == (if .rated == 0 then null else ((.satisfied / .rated * 10000 | round) / 10000) end))' \
    "$tmp/stats-$scope.json" >/dev/null || fail "stats $scope: rates do not match the counts"
}

# wrk_series NAME PID COOKIE URL CONNECTIONS TAG: wrk from CONNECTIONS
# connections (2 threads), SL_BENCH_WRK_REPEAT runs of SL_BENCH_SECONDS each
# after a 2 s warm-up (wrk's output in $SL_BENCH_OUT/wrk-requests-TAG-*), the
# medians: req/s, p50, p99, the server's CPU per request.
wrk_series() {
  local name=$1 pid=$2 cookie=$3 url=$4 c=$5 tag=$6 out i ticks rps=() p50=() p99=() cpu=() b
  local timeouts=0
  local hz args=(-t2 -c"$c" --timeout 10s --latency -H "Cookie: sl_session=$cookie" -H 'X-Requested-With: shuanglun')
  hz=$(getconf CLK_TCK)
  wrk "${args[@]}" -d2s "$url" >/dev/null 2>&1
  wait_quiet
  busy_start
  for ((i = 1; i <= wrk_repeat; i++)); do
    out=$SL_BENCH_OUT/wrk-requests-$tag-c$c-$i.txt
    ticks=$(cpu_ticks "$pid")
    wrk "${args[@]}" -d"${seconds}s" "$url" >"$out" 2>&1 || { cat "$out" >&2; return 1; }
    # Answers slower than wrk's --timeout are counted apart, not errors.
    if grep -q 'Non-2xx' "$out" || grep -qE 'Socket errors: connect [1-9]|read [1-9]|write [1-9]' "$out"; then
      cat "$out" >&2
      fail "wrk saw errors on $url"
    fi
    timeouts=$((timeouts + $(awk '/Socket errors/ {for (i = 1; i < NF; i++) if ($i == "timeout") n = $(i + 1) + 0} END {print n + 0}' "$out")))
    rps+=("$(awk '/^Requests\/sec:/ {printf "%d", $2}' "$out")")
    p50+=("$(wrk_ms "$out" 50%)") p99+=("$(wrk_ms "$out" 99%)")
    cpu+=("$(awk -v a="$ticks" -v b="$(cpu_ticks "$pid")" -v n="$(awk '/ requests in / {print $1}' "$out")" \
      -v hz="$hz" 'BEGIN {printf "%.3f", (b - a) / hz * 1000 / n}')")
  done
  b=$(busy_stop)
  local cmd="wrk -t2 -c$c -d${seconds}s --latency -H 'Cookie: sl_session=…' '$url' (median of $wrk_repeat: ${rps[*]} req/s)"
  emit "$name, $c connections: req/s" "$(median "${rps[@]}")" req/s "$b" "$cmd"
  emit "$name, $c connections: latency p50" "$(median "${p50[@]}")" ms "$b" "$cmd"
  emit "$name, $c connections: latency p99" "$(median "${p99[@]}")" ms "$b" "$cmd (p99s: ${p99[*]})"
  emit "$name, $c connections: server CPU/request" "$(median "${cpu[@]}")" ms "$b" \
    "utime+stime of the server (/proc/PID/stat) during the run / requests (median of $wrk_repeat)"
  emit "$name, $c connections: answers slower than 10 s" "$timeouts" requests "$b" \
    "wrk's timeout count, all $wrk_repeat runs (not in its latencies)"
}
# wrk_ms FILE PERCENT: a latency percentile of wrk --latency, in ms.
wrk_ms() {
  awk -v p="$2" '$1 == p {
      v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
      f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : -1
      printf "%.2f", v * f
    }' "$1"
}

# measure LABEL URL TMP: steps 2 and 3 against `serve` on URL.
measure() {
  local label=$1 url=$2 tmp=$3 port pid pattern='' base
  [[ $url == postgresql* ]] && pattern='postgres: .*bench_requests'
  port=$(free_port)
  base=http://127.0.0.1:$port
  "$bin" serve --db "$url" --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
  pid=$!
  serve_pid=$pid
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "$base/healthz" && break
    sleep 0.1
  done
  sleep 1
  emit "requests serve ($label): VmRSS at rest" "$(mb "$(status_kb "$pid" VmRSS)")" MB 0 \
    "VmRSS of shuanglun serve 1 s after start, no request"

  # The users: the leader of the town (his person) and the town's office.
  local town leader admin leader_cookie office_cookie date from to
  town=$(jq -r .town_code "$tmp/expect.json")
  leader=$(jq -r .leader.person_id "$tmp/expect.json")
  date=$(jq -r .date "$tmp/expect.json")
  from=$(jq -r .from "$tmp/expect.json")
  to=$(jq -r .to "$tmp/expect.json")
  admin=$(session "$port" admin "$bench_password")
  add_user "$port" "$admin" "{\"username\":\"leader\",\"password\":\"$leader_password\",\"roles\":[\"leader\"],\"view_region\":\"$town\",\"capture_region\":\"$town\",\"person\":$leader,\"display_name\":$(jq .leader.name "$tmp/expect.json")}"
  add_user "$port" "$admin" "{\"username\":\"office\",\"password\":\"$office_password\",\"roles\":[\"town_office\"],\"view_region\":\"$town\",\"capture_region\":\"$town\",\"display_name\":\"镇政府办\"}"
  leader_cookie=$(session "$port" leader "$leader_password")
  office_cookie=$(session "$port" office "$office_password")

  # The leader's bell.
  local path="/api/v1/todo/count?date=$date" got want
  get_series "todo count, leader of $town ($label)" "$pid" "sl_session=$leader_cookie" \
    "$tmp/todo-count.json" "$base$path" "$requests" "$pattern" \
    "curl 'GET $path' as the leader x$requests sequential after 2 warm-up"
  got=$(jq -S -c '{count, late}' "$tmp/todo-count.json")
  want=$(jq -S -c .todo_count "$tmp/expect.json")
  [[ $got == "$want" ]] || fail "todo/count answered $got, expected $want"
  wrk_series "todo count, leader of $town ($label)" "$pid" "$leader_cookie" "$base$path" 64 "$label"
  [[ ${SL_BENCH_REQUESTS_PROFILE:-0} == 0 ]] || perf_under_wrk "$label" "$pid" "$leader_cookie" "$base$path"

  # The to-do lists.
  path="/api/v1/todo?date=$date"
  get_series "todo list, leader of $town ($label)" "$pid" "sl_session=$leader_cookie" \
    "$tmp/todo-leader.json" "$base$path" "$requests" "$pattern" \
    "curl 'GET $path' as the leader x$requests sequential after 2 warm-up"
  check_todo "$tmp" leader
  get_series "todo list, office of $town ($label)" "$pid" "sl_session=$office_cookie" \
    "$tmp/todo-office.json" "$base$path" "$requests" "$pattern" \
    "curl 'GET $path' as the town office x$requests sequential after 2 warm-up"
  check_todo "$tmp" office

  # The figures.
  local scope code
  for scope in town county province; do
    code=$(jq -r ".${scope}_code" "$tmp/expect.json")
    path="/api/v1/stats/requests?region=$code&from=$from&to=$to&date=$date"
    get_series "requests stats $scope $code ($label)" "$pid" "sl_session=$admin" \
      "$tmp/stats-$scope.json" "$base$path" "$requests" "$pattern" \
      "curl 'GET $path' as admin x$requests sequential after 2 warm-up"
    emit "requests stats $scope $code ($label): answer size" \
      "$(awk -v b="$(stat -c %s "$tmp/stats-$scope.json")" 'BEGIN {printf "%.1f", b / 1024}')" \
      KB 0 "bytes of the JSON answer"
    check_stats "$tmp" "$scope"
  done
  emit "requests serve ($label): VmHWM after all series" "$(mb "$(status_kb "$pid" VmHWM)")" MB 0 \
    "VmHWM of shuanglun serve after every series (peak since start; includes 3 sign-ins' Argon2id)"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  serve_pid=
  [[ ${SL_BENCH_REQUESTS_PROFILE:-0} == 0 ]] || profile "$label" "$url" "$tmp"
  echo "bench: requests figures match the generated data (to-do count and lists, figures)" >&2
}

# perf_under_wrk LABEL PID COOKIE URL: `perf record -g` of the server during
# 5 s of the 64-connection load.
perf_under_wrk() {
  local label=$1 pid=$2 cookie=$3 url=$4 out=$SL_BENCH_OUT/requests-profile-$1
  command -v perf >/dev/null || { echo "bench: no perf" >&2; return 0; }
  wrk -t2 -c64 -d8s -H "Cookie: sl_session=$cookie" "$url" >/dev/null 2>&1 &
  local wrk_pid=$!
  sleep 1
  perf record -F 499 --call-graph dwarf,16384 -p "$pid" -o "$out.perf.data" -- sleep 5 >/dev/null 2>&1 || true
  wait "$wrk_pid" || true
  perf report -i "$out.perf.data" --children --stdio -g none --sort sym --percent-limit 1.5 \
    2>/dev/null | grep -v '^#' | grep -v '^$' | cut -c1-200 >"$out-perf-todo-count.txt" || true
  rm -f "$out.perf.data"
}

# The statements the slow answers send (copies of what
# server/src/requests/todo.cpp and stats.cpp build, literals for the
# parameters): the leader's todo/count (the open requests due soon that he
# owns or handles, the late ones, the resolved ones awaiting a rating), the
# town office's groups (its own due soon, those escalated to the town, its
# resolved ones awaiting a rating) and the province's figures.
statements() {
  local person=$1 date=$2 soon=$3 cutoff=$4 town=$5 prov=$6 tu=${5%/}0 pu=${6%/}0
  local mine="q.is_open = 1 AND q.due_on <= '$soon' AND (q.owner_person_id = $person OR EXISTS (SELECT 1 FROM request_handler h WHERE h.request_id = q.id AND (h.person_id = $person OR h.organization_id IN (SELECT g.organization_id FROM org_member g WHERE g.person_id = $person AND g.valid_from <= '$date' AND (g.valid_to IS NULL OR g.valid_to > '$date')))))"
  local scope="(q.region_path >= '$town' AND q.region_path < '$tu')" late='' c
  for c in finance land labour approval infrastructure policy dispute other; do
    late="$late${late:+ OR }(q.category = '$c' AND q.due_on < '$date')"
  done
  echo "SELECT COUNT(*) FROM request q WHERE ($mine)"
  echo "SELECT COUNT(*) FROM request q WHERE ($mine AND q.due_on < '$date')"
  echo "SELECT COUNT(*) FROM request q WHERE q.status = 'resolved' AND q.resolved_on < '$cutoff' AND (q.owner_person_id = $person)"
  echo "SELECT COUNT(*) FROM request q WHERE q.is_open = 1 AND q.owner_person_id IS NULL AND q.due_on <= '$soon' AND $scope"
  echo "SELECT COUNT(*) FROM request q WHERE (q.is_open = 1 AND ($late OR q.escalated >= 1)) AND q.owner_person_id IS NOT NULL AND $scope"
  echo "SELECT COUNT(*) FROM request q WHERE q.status = 'resolved' AND q.resolved_on < '$cutoff' AND ((q.owner_person_id IS NULL AND $scope))"
  echo "SELECT region_path, category, is_open, due_on, resolved_on, rating, raised_on FROM request WHERE region_path >= '$prov' AND region_path < '$pu' AND raised_on >= '2024-01-01' AND raised_on <= '2024-12-31'"
}

# profile LABEL URL TMP (SL_BENCH_REQUESTS_PROFILE=1): the plans and times of
# those statements; on PostgreSQL also auto_explain's plans of every
# statement of one request of each route measured.
profile() {
  local label=$1 url=$2 tmp=$3 out person date soon cutoff town prov q
  out=$SL_BENCH_OUT/requests-profile-$label
  person=$(jq -r .leader.person_id "$tmp/expect.json")
  date=$(jq -r .date "$tmp/expect.json")
  soon=$(jq -r .soon "$tmp/expect.json")
  cutoff=$(jq -r .follow_up_cutoff "$tmp/expect.json")
  if [[ $url == postgresql* ]]; then
    prov=$(psql -tA "$url" -c "SELECT path FROM region WHERE code = '$province'")
    town=$(psql -tA "$url" -c "SELECT path FROM region WHERE code = '$(jq -r .town_code "$tmp/expect.json")'")
    statements "$person" "$date" "$soon" "$cutoff" "$town" "$prov" | while read -r q; do
      echo "=== $q"
      psql -q "$url" -c "EXPLAIN (ANALYZE, BUFFERS) $q"
    done >"$out-plans.txt" 2>&1
    auto_explain "$url" "$tmp" >"$out-auto-explain.txt" 2>&1 || true
  else
    local db=${url#sqlite:}
    prov=$(sqlite3 "$db" "SELECT path FROM region WHERE code = '$province'")
    town=$(sqlite3 "$db" "SELECT path FROM region WHERE code = '$(jq -r .town_code "$tmp/expect.json")'")
    statements "$person" "$date" "$soon" "$cutoff" "$town" "$prov" | while read -r q; do
      echo "=== $q"
      printf '.timer on\nEXPLAIN QUERY PLAN %s;\nSELECT COUNT(*) FROM (%s);\nSELECT COUNT(*) FROM (%s);\n' "$q" "$q" "$q" | sqlite3 "$db"
    done >"$out-plans.txt" 2>&1
  fi
  echo "bench: profiles in $out-*" >&2
}

# auto_explain URL TMP: a server whose connections log every statement's plan
# (auto_explain, log_analyze) in the cluster's log; one request of each
# route; the log's plans printed.
auto_explain() {
  local url=$1 tmp=$2 port pid dbname log=$PG_DIR/server.log base date
  dbname=bench_requests
  psql -q "$url" -c "ALTER DATABASE $dbname SET session_preload_libraries = 'auto_explain'" \
    -c "ALTER DATABASE $dbname SET auto_explain.log_min_duration = 0" \
    -c "ALTER DATABASE $dbname SET auto_explain.log_analyze = on" \
    -c "ALTER DATABASE $dbname SET auto_explain.log_buffers = on"
  port=$(free_port)
  base=http://127.0.0.1:$port
  "$bin" serve --db "$url" --listen "127.0.0.1:$port" >"$tmp/serve-explain.log" 2>&1 &
  pid=$!
  serve_pid=$pid
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "$base/healthz" && break
    sleep 0.1
  done
  date=$(jq -r .date "$tmp/expect.json")
  local leader office admin
  leader=$(session "$port" leader "$leader_password")
  office=$(session "$port" office "$office_password")
  admin=$(session "$port" admin "$bench_password")
  local mark
  for what in "leader /api/v1/todo/count?date=$date" "leader /api/v1/todo?date=$date" \
    "office /api/v1/todo?date=$date" \
    "admin /api/v1/stats/requests?region=$province&from=2024-01-01&to=2024-12-31&date=$date"; do
    mark=$(wc -l <"$log")
    local who=${what%% *} path=${what#* } cookie
    case $who in leader) cookie=$leader ;; office) cookie=$office ;; admin) cookie=$admin ;; esac
    curl -fsS -o /dev/null -b "sl_session=$cookie" -H 'X-Requested-With: shuanglun' "$base$path"
    sleep 0.5
    echo "################ $who GET $path"
    tail -n +"$((mark + 1))" "$log" | grep -v 'connection\|disconnection'
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  serve_pid=
  psql -q "$url" -c "ALTER DATABASE $dbname RESET ALL"
}

serve_pid=
stop_serve() { [[ -z $serve_pid ]] || kill "$serve_pid" 2>/dev/null || true; }

if [[ ${2:-} == --postgres-inner ]]; then
  trap 'busy_kill; stop_serve' EXIT
  tmp=$(mktemp -d /tmp/sl-bench-requests-pg.XXXXXX)
  psql -q "$SL_TEST_PG_URL" -c "DROP DATABASE IF EXISTS bench_requests" -c "CREATE DATABASE bench_requests" >/dev/null
  url="postgresql:///bench_requests?host=$PG_DIR&user=postgres"
  build_data postgresql "$url" "$tmp"
  read -r t _ <<<"$(timed "$tmp/analyze.log" psql -q "$url" -c ANALYZE)"
  emit "requests data (postgresql): ANALYZE" "$t" s 0 "psql -c ANALYZE after the generator"
  emit "requests data (postgresql): database size" \
    "$(psql -tA "$url" -c "SELECT pg_database_size(current_database()) / 1048576")" MB 0 "pg_database_size"
  measure postgresql "$url" "$tmp"
  rm -rf "$tmp"
  exit 0
fi

tmp=$(mktemp -d /tmp/sl-bench-requests.XXXXXX)
trap 'busy_kill; stop_serve; rm -rf "$tmp"' EXIT
if [[ ${SL_BENCH_REQUESTS_SQLITE:-1} != 0 ]]; then
  db=$tmp/requests.db
  build_data sqlite "sqlite:$db" "$tmp"
  sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  emit "requests data (sqlite): database size" "$(du -m "$db" | cut -f1)" MB 0 "du -m of the file"
  measure sqlite "sqlite:$db" "$tmp"
  if [[ -n ${SL_BENCH_REQUESTS_KEEP:-} ]]; then
    # Left for profiling (EXPLAIN QUERY PLAN): the database and the answers.
    mkdir -p "$SL_BENCH_REQUESTS_KEEP"
    cp "$db" "$tmp"/*.json "$SL_BENCH_REQUESTS_KEEP/"
  fi
  rm -f "$db"*
fi
if [[ ${SL_BENCH_REQUESTS_PG:-1} != 0 ]]; then
  "$root/scripts/with-postgres" "$0" "$build" --postgres-inner
fi
