#!/usr/bin/env bash
# A province's deployment on this machine (docs/deploy.md), one app server
# against two: figures, not tests.
#
#   bench/cluster-bench.sh BUILD_DIR
#
# Starts scripts/cluster-start with the 楠市镇 demo (PostgreSQL primary and
# synchronous replica, pgbouncer in transaction mode, two `shuanglun serve`
# with --read-db, nginx), signs in as admin, and runs wrk -t2 -c32 for
# SL_BENCH_SECONDS (default 10) against three fronts:
#   unpooled one app server on the primary straight (no pgbouncer), no nginx
#   direct   one app server through pgbouncer, no nginx
#   nginx-1  nginx with only that app server as its upstream (a second nginx)
#   nginx-2  nginx with both
# for two requests: the enterprise list of the town (20 rows, a lists figure:
# primary through pgbouncer) and the county's compliance (a report: the
# replica). Per run: req/s, p99, and the CPU seconds each part used (app
# servers, nginx, PostgreSQL, pgbouncer), to say where two cores went.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
bin=$build/shuanglun
seconds=${SL_BENCH_SECONDS:-10}
dir=$(mktemp -d /tmp/sl-bench-cluster.XXXXXX)
second_nginx=
cleanup() {
  busy_kill
  [[ -n ${pid3:-} ]] && kill "$pid3" 2>/dev/null
  [[ -n $second_nginx ]] &&
    /usr/sbin/nginx -p "$dir/nginx1/" -c "$dir/nginx1/nginx.conf" -e "$dir/nginx1/error.log" -s stop 2>/dev/null
  "$root/scripts/cluster-stop" "$dir" >/dev/null 2>&1 || true
}
trap cleanup EXIT
echo "cluster: starting (demo data)" >&2
"$root/scripts/cluster-start" "$dir" "$bin" --demo >"$SL_BENCH_OUT/cluster-start.log" 2>&1
# shellcheck source=/dev/null
source "$dir/env"
read -r app1 app2 <<<"$SL_APP_URLS"
read -r pid1 pid2 <<<"$SL_APP_PIDS"

# A third app server on the primary straight, without pgbouncer (its named
# prepared statements kept per connection): what the pooler costs.
port3=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --db "$SL_PRIMARY_URL" --read-db "$SL_REPLICA_URL" --listen "127.0.0.1:$port3" \
  --access-log errors >"$dir/app3.log" 2>&1 &
pid3=$!
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port3/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

# A second nginx whose upstream is the first app server alone.
mkdir -p "$dir/nginx1/logs" "$dir/nginx1/tmp"
port1=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sed -e "s|$dir/nginx/|$dir/nginx1/|g" -e "/server ${app2#http://} /d" \
  -e "s|listen 127.0.0.1:[0-9]*;|listen 127.0.0.1:$port1;|" "$dir/nginx/nginx.conf" >"$dir/nginx1/nginx.conf"
/usr/sbin/nginx -p "$dir/nginx1/" -c "$dir/nginx1/nginx.conf" -e "$dir/nginx1/error.log"
second_nginx=1
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$port1/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

# The admin of the demo signs in once; the cookie serves every front (the
# session is a row in the database).
cookie=$(curl -fsS -D - -o /dev/null -H 'X-Requested-With: shuanglun' -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"shuanglun"}' "$SL_CLUSTER_URL/api/v1/session" |
  awk -F'[ ;]' 'tolower($1) == "set-cookie:" {print $2}')
[[ -n $cookie ]] || { echo "bench: sign-in failed" >&2; exit 1; }

pg_pids() { pgrep -u postgres -x postgres | tr '\n' ' '; }
bouncer_pids() { pgrep -x pgbouncer | tr '\n' ' '; }
nginx_pids() { pgrep -f 'nginx: ' | tr '\n' ' '; }

run() {  # run FRONT_NAME BASE_URL LABEL PATH
  local front=$1 base=$2 label=$3 path=$4 out b before_app before_nginx before_pg
  out=$SL_BENCH_OUT/cluster-wrk-$front-$label.txt
  curl -fsS -H "Cookie: $cookie" "$base$path" -o /dev/null
  wait_quiet
  local before_bouncer
  before_app=$(cpu_ticks "$pid1" "$pid2" "$pid3")
  before_nginx=$(cpu_ticks $(nginx_pids))
  before_pg=$(cpu_ticks $(pg_pids))
  before_bouncer=$(cpu_ticks $(bouncer_pids))
  busy_start
  wrk_run "$out" -t2 -c32 -d"${seconds}s" --latency -H "Cookie: $cookie" "$base$path"
  b=$(busy_stop)
  local app=$(($(cpu_ticks "$pid1" "$pid2" "$pid3") - before_app))
  local ngx=$(($(cpu_ticks $(nginx_pids)) - before_nginx))
  local pg=$(($(cpu_ticks $(pg_pids)) - before_pg))
  local bouncer=$(($(cpu_ticks $(bouncer_pids)) - before_bouncer))
  local rps p99 hz
  hz=$(getconf CLK_TCK)
  rps=$(awk '/Requests\/sec/ {printf "%d", $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  local cmd="wrk -t2 -c32 -d${seconds}s GET $path via $front; CPU s: app $(awk -v t="$app" -v h="$hz" 'BEGIN {printf "%.1f", t/h}'), nginx $(awk -v t="$ngx" -v h="$hz" 'BEGIN {printf "%.1f", t/h}'), postgres $(awk -v t="$pg" -v h="$hz" 'BEGIN {printf "%.1f", t/h}'), pgbouncer $(awk -v t="$bouncer" -v h="$hz" 'BEGIN {printf "%.1f", t/h}')"
  emit "cluster $label via $front: req/s" "$rps" req/s "$b" "$cmd"
  emit "cluster $label via $front: p99" "$p99" "" "$b" "$cmd"
}

for target in "enterprises:/api/v1/enterprises?region=431127103&page_size=20" \
  "compliance:/api/v1/compliance?region=431127"; do
  label=${target%%:*} path=${target#*:}
  run unpooled "http://127.0.0.1:$port3" "$label" "$path"
  run direct "$app1" "$label" "$path"
  run nginx-1 "http://127.0.0.1:$port1" "$label" "$path"
  run nginx-2 "$SL_CLUSTER_URL" "$label" "$path"
done
emit "cluster: app servers' max RSS" "$(mb "$(($(status_kb "$pid1" VmHWM) > $(status_kb "$pid2" VmHWM) ? $(status_kb "$pid1" VmHWM) : $(status_kb "$pid2" VmHWM)))")" MB 0 \
  "VmHWM of the larger of the two app servers after the runs"
