#!/usr/bin/env bash
# GET /api/v1/regions?parent=CODE under load from wrk on loopback, with 1, 16
# and 64 connections: requests per second, p50, p99 and max latency, the
# server's CPU time per request (/proc/PID/stat), and its memory (VmRSS /
# VmHWM from /proc/PID/status) at rest, during and after the load.
#
#   1. the 楠市镇 demo on SQLite: nanshi, parent 431127103 (18 villages)
#   2. the demo plus the national region list (665,276 rows) on SQLite:
#      nanshi, 431127103 again; admin, 370704008 (the town with the most
#      villages, 170)
#   3. the same two on PostgreSQL (a throwaway cluster, scripts/with-postgres)
#
#   bench/regions-list.sh BUILD_DIR
#
# SL_BENCH_SECONDS (default 10) is the length of each wrk run, each run
# SL_BENCH_WRK_REPEAT times (default 3, medians reported); SL_BENCH_THREADS
# (default 4, the server's default) the server's worker threads.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
busy=0

build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
bin=$build/shuanglun
seconds=${SL_BENCH_SECONDS:-10}
threads=${SL_BENCH_THREADS:-4}
wrk_repeat=${SL_BENCH_WRK_REPEAT:-3}

trap 'stop_server; busy_kill' EXIT

# measure LABEL DB_URL USER PARENT CHILDREN: measure_once, again while others
# compiled or tested meanwhile, up to SL_BENCH_TRIES times in all.
measure() {
  local results=$emit_to
  emit_to=$SL_BENCH_OUT/pending.tsv
  for _ in $(seq 1 "$SL_BENCH_TRIES"); do
    : >"$emit_to"
    measure_once "$@"
    echo "  ($1 $4: others seen while measuring: $busy)" >&2
    ((busy == 0)) && break
  done
  cat "$emit_to" >>"$results"
  rm -f "$emit_to"
  emit_to=$results
}

# measure_once LABEL DB_URL USER PARENT CHILDREN: sets busy; figures go to
# pending.tsv.
measure_once() {
  local label=$1 url=$2 user=$3 parent=$4 children=$5
  local port base cookie total at_rest out rss max_rss
  stop_server  # one left by a failed measurement before
  port=$(free_port)
  base=http://127.0.0.1:$port
  wait_quiet
  busy_start
  "$bin" serve --db "$url" --listen "127.0.0.1:$port" --threads "$threads" \
    >"$SL_BENCH_OUT/serve-$label-$parent.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  sleep 1
  at_rest=$(status_kb "$server_pid" VmRSS)

  cookie=$(curl -s -D - -o /dev/null -X POST "$base/api/v1/session" \
    -H 'Content-Type: application/json' -H 'X-Requested-With: shuanglun' \
    -d "{\"username\":\"$user\",\"password\":\"shuanglun\"}" |
    sed -n 's/^[Ss]et-[Cc]ookie: sl_session=\([^;]*\).*/\1/p')
  [[ -n $cookie ]] || { echo "bench: login as $user failed" >&2; return 1; }
  local target="$base/api/v1/regions?parent=$parent"
  total=$(curl -s -H "Cookie: sl_session=$cookie" "$target" | jq .total)
  [[ $total == "$children" ]] || { echo "bench: $target gave $total children, not $children" >&2; return 1; }
  local bytes
  bytes=$(curl -s -o /dev/null -w '%{size_download}' -H "Cookie: sl_session=$cookie" "$target")

  local name="list $label ?parent=$parent ($children rows, $((bytes / 1024)) kB)" tag=$label-$parent
  local wrk_cmd="wrk -H 'Cookie: sl_session=...' --latency '$target'"
  # Warm-up, not reported: the first queries fill SQLite's and the OS's caches.
  wrk_run "$SL_BENCH_OUT/wrk-$tag-warm.txt" -t1 -c4 -d2s -H "Cookie: sl_session=$cookie" "$target"

  # Each load SL_BENCH_WRK_REPEAT times (default 3); medians are reported.
  local results=() c i rps=() p50=() p99=() max=() cpu=() timeouts=0 wrk_pid args ticks
  max_rss=0
  for c in 1 16 64; do
    rps=() p50=() p99=() max=() cpu=()
    for i in $(seq 1 "$wrk_repeat"); do
      out=$SL_BENCH_OUT/wrk-$tag-c$c-$i.txt
      args=(-t2 -c"$c")
      ((c == 1)) && args=(-t1 -c1)
      ticks=$(cpu_ticks "$server_pid")
      wrk_run "$out" "${args[@]}" -d"${seconds}s" --latency -H "Cookie: sl_session=$cookie" "$target" &
      wrk_pid=$!
      while kill -0 "$wrk_pid" 2>/dev/null; do
        rss=$(status_kb "$server_pid" VmRSS 2>/dev/null || true)
        [[ -n $rss ]] || { echo "bench: the server stopped under load" >&2; return 1; }
        ((rss > max_rss)) && max_rss=$rss
        sleep 0.25
      done
      wait "$wrk_pid"
      rps+=("$(wrk_rps "$out")") p50+=("$(wrk_pct "$out" 50)") p99+=("$(wrk_pct "$out" 99)")
      max+=("$(wrk_max "$out")")
      cpu+=("$(awk -v a="$ticks" -v b="$(cpu_ticks "$server_pid")" -v n="$(wrk_requests "$out")" \
        -v ms="$tick_ms" 'BEGIN {printf "%.3f", (b - a) * ms / n}')")
      timeouts=$(awk -v a="$timeouts" -v b="$(wrk_timeouts "$out")" 'BEGIN {print a + b}')
    done
    results+=("$c $(mul "$(median "${rps[@]}")" 1) $(median "${p50[@]}") $(median "${p99[@]}") $(median "${max[@]}") $(median "${cpu[@]}") ${rps[*]}|${p99[*]}")
  done
  sleep 2
  local after hwm
  after=$(status_kb "$server_pid" VmRSS)
  hwm=$(status_kb "$server_pid" VmHWM)
  stop_server
  busy=$(busy_stop)

  emit "$name: server RSS at rest (started, no request)" "$(mb "$at_rest")" MB "$busy" \
    "shuanglun serve --db $label --threads $threads; VmRSS after 1 s"
  local r n med_rps med_p50 med_p99 med_max med_cpu all conns
  for r in "${results[@]}"; do
    read -r n med_rps med_p50 med_p99 med_max med_cpu all <<<"$r"
    conns="$n connections"
    ((n == 1)) && conns="1 connection"
    local cmd="$wrk_cmd -t$((n == 1 ? 1 : 2)) -c$n -d${seconds}s"
    emit "$name, $conns: req/s" "$med_rps" req/s "$busy" "$cmd  (median of $wrk_repeat: ${all%|*})"
    emit "$name, $conns: rows/s out" "$(mul "$med_rps" "$children")" rows/s "$busy" "req/s x $children rows"
    emit "$name, $conns: latency p50" "$med_p50" ms "$busy" "$cmd  (median of $wrk_repeat)"
    emit "$name, $conns: latency p99" "$med_p99" ms "$busy" "$cmd  (median of $wrk_repeat: ${all#*|} ms)"
    emit "$name, $conns: latency max" "$med_max" ms "$busy" "$cmd  (median of $wrk_repeat)"
    emit "$name, $conns: server CPU per request" "$med_cpu" ms "$busy" \
      "utime+stime of the server (/proc/PID/stat) during the run / requests  (median of $wrk_repeat)"
  done
  emit "$name: answers slower than ${wrk_timeout} s" "$timeouts" requests "$busy" "wrk's timeout count, all runs"
  emit "$name: server RSS max during load" "$(mb "$max_rss")" MB "$busy" "VmRSS sampled every 0.25 s during the wrk runs"
  emit "$name: server RSS 2 s after load" "$(mb "$after")" MB "$busy" "VmRSS"
  emit "$name: server peak RSS (VmHWM)" "$(mb "$hwm")" MB "$busy" \
    "VmHWM at the end; includes the login's Argon2id hash (19 MiB, freed after)"
}

# with_national URL: the demo database plus the national region list.
with_national() {
  "$bin" regions import "$(regions_folder)" --db "$1" >/dev/null
}

if [[ ${2:-} == --postgres-inner ]]; then
  psql -q "$SL_TEST_PG_URL" -c "DROP DATABASE IF EXISTS bench_demo" -c "CREATE DATABASE bench_demo" \
    -c "DROP DATABASE IF EXISTS bench_national" -c "CREATE DATABASE bench_national" >/dev/null
  demo="postgresql:///bench_demo?host=$PG_DIR&user=postgres"
  national="postgresql:///bench_national?host=$PG_DIR&user=postgres"
  "$bin" init --db "$demo" --demo >/dev/null
  "$bin" init --db "$national" --demo >/dev/null
  with_national "$national"
  measure postgresql-demo "$demo" nanshi 431127103 18
  measure postgresql-national "$national" nanshi 431127103 18
  measure postgresql-national "$national" admin 370704008 170
  exit 0
fi
# Only a failure inside the block above gets here.
[[ ${2:-} != --postgres-inner ]] || exit 1

tmp=$(mktemp -d /tmp/sl-bench-list.XXXXXX)
trap 'stop_server; busy_kill; rm -rf "$tmp"' EXIT
"$bin" init --db "sqlite:$tmp/demo.db" --demo >/dev/null
"$bin" init --db "sqlite:$tmp/national.db" --demo >/dev/null
with_national "sqlite:$tmp/national.db"
measure sqlite-demo "sqlite:$tmp/demo.db" nanshi 431127103 18
measure sqlite-national "sqlite:$tmp/national.db" nanshi 431127103 18
measure sqlite-national "sqlite:$tmp/national.db" admin 370704008 170
"$root/scripts/with-postgres" "$0" "$build" --postgres-inner
