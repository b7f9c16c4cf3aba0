#!/usr/bin/env bash
# An import as a background job beside other writers (issue "Trust", finding
# 4): a fresh demo database (SQLite), a 200,000-row people import as a job
# while 16 clients log visits; the visits' latency during the import (p50,
# p99, max), visits refused, and the import's rows/s. Before jobs, one import
# held the SQLite writer for its whole length (25 s for 200k rows) and a
# visit waited up to 21 s.
#
#   bench/import-job.sh BUILD_DIR [ROWS] [CLIENTS]
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

build=$(cd "${1:?usage: $0 BUILD_DIR [ROWS] [CLIENTS]}" && pwd)
rows=${2:-200000}
clients=${3:-16}
bin=$build/shuanglun
work=$(mktemp -d /tmp/sl-importjob.XXXXXX)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

export SHUANGLUN_KEYS=$work/keys
"$bin" init --db "sqlite:$work/s.db" --demo >/dev/null
port=$(free_port)
"$bin" serve --db "sqlite:$work/s.db" --listen "127.0.0.1:$port" --web "" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
result=$(node bench/import_job_load.mjs "http://127.0.0.1:$port" "$rows" "$clients")
peak=$(status_kb "$server_pid" VmHWM)
echo "$result" >&2
field() { jq -r ".$1" <<<"$result"; }
[[ $(field job) == done && $(field saved) == true ]] || { echo "import job did not save: $result" >&2; exit 1; }
cmd="import $rows people as a job, $clients clients logging visits"
emit "import job: rows/s ($rows rows beside $clients writers)" "$(field rows_per_s)" "rows/s" "$(others)" "$cmd"
emit "import job: visits logged meanwhile (refused: $(field refused))" "$(field visits)" "" "$(others)" "$cmd"
emit "import job: visit latency p50 / p99 / max" "$(field p50_ms) / $(field p99_ms) / $(field max_ms)" "ms" "$(others)" "$cmd"
emit "import job: server peak memory" "$(mb "$peak")" "MB" "$(others)" "VmHWM"
