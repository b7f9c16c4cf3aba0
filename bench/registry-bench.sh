#!/usr/bin/env bash
# Registry benchmarks ("Registry and ledgers"): figures, not tests.
#
#   bench/registry-bench.sh BUILD_DIR [ROWS] [SEARCH_ROWS]
#
# 1. `shuanglun import people FILE` of ROWS people (default 1,000,000) from an
#    .xlsx made by bench_registry_gen into a new demo database
#    (`shuanglun init --demo`), on SQLite and on PostgreSQL: rows/s, importer
#    CPU and max RSS (/usr/bin/time).
# 2. `shuanglun export people FILE` of that database: seconds, max RSS.
# 3. GET /api/v1/people?q=... against `shuanglun serve` over SEARCH_ROWS people
#    (default 1,500,000; a province) bulk-inserted with SQL from
#    `bench_registry_gen csv` (search_text and sort_key computed by
#    sl::text::SearchText / SortKey, as the server does), then indexed by
#    `shuanglun reindex` (timed: the path of a database upgraded to the search
#    index), signed in as admin: median and p99 of SL_BENCH_REQUESTS (default
#    50) sequential curl requests for pinyin initials, characters, full
#    pinyin, a given name and the broadest one-letter and one-character queries.
#
# SL_BENCH_REGISTRY_NAME_INDEX=1 adds, by hand, an index the shipped schema
# does not have (CREATE INDEX bench_person_name ON person(name, region_id));
# it was how the missing natural-key index was found (migration 0003 since).
# SL_BENCH_REGISTRY_PG=0 skips PostgreSQL; SL_BENCH_REGISTRY_SEARCH=0 skips 3;
# SL_BENCH_REGISTRY_IMPORT=0 skips 1 and 2.
# Figures go to $SL_BENCH_OUT/results.tsv like the other bench/*.sh scripts.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

build=$(cd "${1:?usage: $0 BUILD_DIR [ROWS] [SEARCH_ROWS]}" && pwd)
rows=${2:-1000000}
search_rows=${3:-1500000}
bin=$build/shuanglun
gen=$build/bench_registry_gen
requests=${SL_BENCH_REQUESTS:-50}
villages=$root/data/regions/villages.csv
[[ -x $gen ]] || { echo "bench: no $gen; ninja -C $build bench_registry_gen" >&2; exit 1; }
mkdir -p "$SL_BENCH_DATA"
xlsx=$SL_BENCH_DATA/registry-people-$rows.xlsx
if [[ ! -f $xlsx ]]; then
  echo "bench: generating $xlsx" >&2
  "$gen" xlsx "$xlsx.tmp" "$rows" "$villages" && mv "$xlsx.tmp" "$xlsx"
fi

# import_export LABEL URL: step 1 and 2 on a new demo database at URL.
import_export() {
  local label=$1 url=$2 tmp b t m c out
  tmp=$(mktemp -d /tmp/sl-bench-registry.XXXXXX)
  "$bin" init --db "$url" --demo >/dev/null 2>&1
  if [[ ${SL_BENCH_REGISTRY_NAME_INDEX:-0} == 1 ]]; then
    local index="CREATE INDEX bench_person_name ON person(name, region_id)"
    if [[ $label == sqlite ]]; then sqlite3 "${url#sqlite:}" "$index"; else psql -q "$url" -c "$index"; fi
    label="$label +name index"
  fi
  wait_quiet
  busy_start
  read -r t m c <<<"$(timed "$tmp/import.log" "$bin" import people "$xlsx" --db "$url")"
  b=$(busy_stop)
  tail -n 3 "$tmp/import.log" >&2
  grep -q "$rows" "$tmp/import.log" || { echo "bench: import did not report $rows rows" >&2; return 1; }
  local cmd="shuanglun import people registry-people-$rows.xlsx --db $label (after init --demo)"
  emit "import $rows people (.xlsx) into $label: rows/s" \
    "$(awk -v r="$rows" -v t="$t" 'BEGIN {printf "%d", r / t}')" rows/s "$b" "$cmd  ($t s)"
  emit "import $rows people into $label: importer CPU (user+sys)" "$c" s "$b" "/usr/bin/time $cmd"
  emit "import $rows people into $label: max RSS" "$(mb "$m")" MB "$b" "/usr/bin/time $cmd"

  out=$tmp/export.xlsx
  wait_quiet
  busy_start
  read -r t m c <<<"$(timed "$tmp/export.log" "$bin" export people "$out" --db "$url")"
  b=$(busy_stop)
  cmd="shuanglun export people FILE --db $label"
  emit "export $rows people to .xlsx from $label: seconds" "$t" s "$b" "$cmd"
  emit "export from $label: rows/s" "$(awk -v r="$rows" -v t="$t" 'BEGIN {printf "%d", r / t}')" \
    rows/s "$b" "$cmd"
  emit "export from $label: max RSS" "$(mb "$m")" MB "$b" "/usr/bin/time $cmd"
  emit "export from $label: file size" "$(du -m --apparent-size "$out" | cut -f1)" MB "$b" "du -m"
  rm -rf "$tmp"
}

# bulk_csv: the CSV of SEARCH_ROWS people for step 3 (cached).
bulk_csv() {
  local csv=$SL_BENCH_DATA/registry-people-$search_rows.csv
  [[ -f $csv ]] || { "$gen" csv "$csv.tmp" "$search_rows" "$villages" && mv "$csv.tmp" "$csv"; }
  echo "$csv"
}

# The INSERT that turns the staging table of the CSV into people.
insert_people_sql="INSERT INTO person (name, gender, birth_date, phone, region_id, region_path,
  notes, search_text, sort_key, created_at, updated_at, version)
  SELECT s.name, s.gender, s.birth_date, NULLIF(s.phone, ''), r.id, r.path, '', s.search_text,
  s.sort_key, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 1
  FROM bulk s JOIN region r ON r.code = s.region_code"

# reindex LABEL URL: `shuanglun reindex` builds the search index of the
# bulk-inserted people (the path an upgraded database takes), timed.
reindex() {
  local label=$1 url=$2 tmp b t m c
  tmp=$(mktemp -d /tmp/sl-bench-reindex.XXXXXX)
  wait_quiet
  busy_start
  read -r t m c <<<"$(timed "$tmp/reindex.log" "$bin" reindex --db "$url")"
  b=$(busy_stop)
  local cmd="/usr/bin/time shuanglun reindex --db $label ($search_rows people)"
  emit "reindex $search_rows people ($label): records/s" "$(awk -v r="$search_rows" -v t="$t" 'BEGIN {printf "%d", r / t}')" rows/s "$b" "$cmd  ($t s)"
  emit "reindex $search_rows people ($label): max RSS" "$(mb "$m")" MB "$b" "$cmd"
  rm -rf "$tmp"
}

# search LABEL URL: step 3 against `serve` on URL.
search() {
  local label=$1 url=$2 port tmp pid b
  port=$(free_port)
  tmp=$(mktemp -d /tmp/sl-bench-search.XXXXXX)
  "$bin" serve --db "$url" --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/api/v1/session" -o /dev/null -w '' 2>/dev/null && break
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.1
  done
  curl -fsS -c "$tmp/cookies" -H 'X-Requested-With: shuanglun' -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"shuanglun"}' "http://127.0.0.1:$port/api/v1/session" >/dev/null
  local q total times i med p99
  # Initials, characters, full pinyin, a given name, then the broadest
  # queries (one initial, one surname: a large share of the province).
  for q in zjl 张佳 zhangjiali jiali z 张; do
    local enc
    enc=$(jq -rn --arg q "$q" '$q|@uri')
    local target="http://127.0.0.1:$port/api/v1/people?q=$enc"
    total=$(curl -fsS -b "$tmp/cookies" "$target" | jq .total)
    wait_quiet
    busy_start
    times=()
    for i in $(seq 1 "$requests"); do
      times+=("$(curl -fsS -o /dev/null -b "$tmp/cookies" -w '%{time_total}' "$target")")
    done
    b=$(busy_stop)
    med=$(median "${times[@]}")
    p99=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {i=int(NR*0.99+0.999); if(i>NR)i=NR; print a[i]}')
    local cmd="curl -b cookie 'GET /api/v1/people?q=$q' x$requests, sequential; $total hits of $search_rows"
    emit "people search q=$q over $search_rows ($label): median" "$(awk -v s="$med" 'BEGIN {printf "%.1f", s * 1000}')" ms "$b" "$cmd"
    emit "people search q=$q over $search_rows ($label): p99" "$(awk -v s="$p99" 'BEGIN {printf "%.1f", s * 1000}')" ms "$b" "$cmd"
  done
  emit "serve over $search_rows people ($label): server max RSS" "$(mb "$(status_kb "$pid" VmHWM)")" MB 0 \
    "VmHWM of shuanglun serve after the searches"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  rm -rf "$tmp"
}

if [[ ${4:-} == --postgres-inner ]]; then
  trap busy_kill EXIT
  new_pg() {
    psql -q "$SL_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
    echo "postgresql:///$1?host=$PG_DIR&user=postgres"
  }
    [[ ${SL_BENCH_REGISTRY_IMPORT:-1} == 0 ]] || import_export postgresql "$(new_pg bench_registry)"
  if [[ ${SL_BENCH_REGISTRY_SEARCH:-1} != 0 ]]; then
    url=$(new_pg bench_search)
    "$bin" init --db "$url" --demo >/dev/null 2>&1
    csv=$(bulk_csv)
    psql -q -v ON_ERROR_STOP=1 "$url" \
      -c "CREATE TEMP TABLE bulk (name text, gender text, birth_date text, phone text,
            region_code text, search_text text, sort_key text)" \
      -c "\\copy bulk FROM '$csv' WITH (FORMAT csv)" -c "$insert_people_sql"
    reindex postgresql "$url"
    psql -q "$url" -c "ANALYZE"
    search postgresql "$url"
  fi
  exit 0
fi
[[ ${4:-} != --postgres-inner ]] || exit 1

tmp=$(mktemp -d /tmp/sl-bench-registry-db.XXXXXX)
trap 'busy_kill; rm -rf "$tmp"' EXIT
echo "registry: import/export $rows people; search over $search_rows people" >&2
[[ ${SL_BENCH_REGISTRY_IMPORT:-1} == 0 ]] || import_export sqlite "sqlite:$tmp/import.db"
rm -f "$tmp"/import.db*
if [[ ${SL_BENCH_REGISTRY_SEARCH:-1} != 0 ]]; then
  "$bin" init --db "sqlite:$tmp/search.db" --demo >/dev/null 2>&1
  csv=$(bulk_csv)
  sqlite3 -bail "$tmp/search.db" \
    "CREATE TEMP TABLE bulk (name, gender, birth_date, phone, region_code, search_text, sort_key);" \
    ".import --csv '$csv' bulk" "$insert_people_sql;"
  reindex sqlite "sqlite:$tmp/search.db"
  sqlite3 "$tmp/search.db" "ANALYZE;"
  search sqlite "sqlite:$tmp/search.db"
  rm -f "$tmp"/search.db*
fi
if [[ ${SL_BENCH_REGISTRY_PG:-1} != 0 ]]; then
  "$root/scripts/with-postgres" "$0" "$build" "$rows" "$search_rows" --postgres-inner
fi
