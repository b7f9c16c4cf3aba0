#!/usr/bin/env bash
# The server's memory peak per hostile upload (issue "Trust", finding 3): for
# each file, a fresh server on a fresh demo database (SQLite), its VmHWM at
# rest, then after a dry-run import and after an annotated import of the
# file; the answer's status and its time. The aim: under 100 MB whatever the
# file's shape.
#
#   bench/upload-bombs.sh BUILD_DIR
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
bin=$build/shuanglun
work=$(mktemp -d /tmp/sl-bombs.XXXXXX)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

for kind in honest strings-bomb many-strings sheet-bomb long-cell; do
  python3 bench/hostile_xlsx.py "$kind" "$work/$kind.xlsx"
  size_kb=$(($(stat -c %s "$work/$kind.xlsx") / 1024))
  export SHUANGLUN_KEYS=$work/$kind.keys
  "$bin" init --db "sqlite:$work/$kind.db" --demo >/dev/null
  port=$(free_port)
  "$bin" serve --db "sqlite:$work/$kind.db" --listen "127.0.0.1:$port" --web "" >"$work/$kind.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  cookie=$(curl -fsS -c - -H 'content-type: application/json' -H 'x-requested-with: shuanglun' \
    -d '{"username":"nanshi","password":"shuanglun"}' "http://127.0.0.1:$port/api/v1/session" |
    awk '$6 == "sl_session" {print "sl_session=" $7}')
  rest=$(status_kb "$server_pid" VmHWM)
  for route in "imports?kind=people&dry_run=true" "imports/annotated?kind=people"; do
    answer=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -b "$cookie" -H 'Expect:' -H 'x-requested-with: shuanglun' \
      -H 'content-type: application/octet-stream' --data-binary "@$work/$kind.xlsx" \
      "http://127.0.0.1:$port/api/v1/$route&filename=$kind.xlsx")
    peak=$(status_kb "$server_pid" VmHWM)
    emit "upload ${kind} (${size_kb} KB) /${route%%\?*}: status, seconds" "${answer% *} ${answer#* }" "" "$(others)" "curl"
    emit "upload ${kind} /${route%%\?*}: peak memory (rest $(mb "$rest") MB)" "$(mb "$peak")" "MB" "$(others)" "VmHWM"
  done
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=
done
