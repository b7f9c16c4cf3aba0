#!/usr/bin/env bash
# Figures, rollups and the work brief (issue 16): a province's figures
# (GET /api/v1/stats/summary) read from the per-town aggregates, what keeping
# them costs cold and on writes, and the work brief. Figures, not tests (but
# the answers are checked).
#
#   bench/figures-bench.sh BUILD_DIR
#
# For SQLite, then PostgreSQL (scripts/with-postgres):
# 1. One database with the other ledgers' benchmark data: `shuanglun init`,
#    `shuanglun regions import … --under 43` (Hunan: 2,008 towns, 29,534
#    villages), then bench_requests_gen (bench/requests_gen.cpp: leaders,
#    chambers, entrepreneurs and villagers, level-1 pairings, the province's
#    coverage and quota rules, 100 requests a town a year of 2022-2024),
#    bench_events_gen (bench/events_gen.cpp: 200 people and 120 events a town
#    in 2022, 5.06M attendance rows) and bench_land_gen (bench/land_gen.cpp:
#    100k projects with 2022 values, 590k land contracts and their payments
#    and receipts, the collectives' 2022 income), each timed; about 14M rows.
#    PostgreSQL: the id sequences set past the rows written, then ANALYZE.
# 2. `shuanglun serve`, signed in as admin, for the period 2022 (every ledger
#    has rows in it) and then 2024 (the requests' expectations are of 2024):
#    GET /api/v1/stats/summary?region=R&from=&to= for the town 431127103, the
#    county 431127 and the province 43:
#    - cold: the stored aggregates deleted (DELETE FROM figure_cache, as if
#      nothing had been asked since the load), then one request: the units
#      computed from the ledgers and stored; its time, its `aggregates`
#      (read / computed) and the server's VmHWM after it;
#    - warm: 2 requests to warm up, then SL_BENCH_FIGURES_N (default 20)
#      sequential ones (bench/lib.sh get_series: median, p99, CPU/request),
#      and the same with &by=child for the county and the province (and the
#      town, whose villages are always computed from the ledgers).
#    Aims (issue 16): the province under 100 ms warm, a town under 5 ms.
# 3. After one write: SL_BENCH_FIGURES_WRITES (default 5) times a POST
#    /api/v1/events in a village of the town (its latency), then the
#    province's figures (one town's aggregate stale: recomputed and stored).
#    The province's event count must then be up by that many.
# 4. The work brief of the town and the county, GET
#    /api/v1/briefs?format=docx|html|xlsx, cold (aggregates deleted) and warm
#    (SL_BENCH_FIGURES_BRIEF_N, default 5, sequential); a format the server
#    refuses is reported with its status. The province's html with
#    `shuanglun brief --region 43` (a process of its own, killed after
#    SL_BENCH_FIGURES_BRIEF_TIMEOUT seconds, default 300;
#    SL_BENCH_FIGURES_BRIEF_PROVINCE=0 skips it). Then
#    `shuanglun figures rebuild` (timed), and the province's figures read from
#    what it stored must be those served before.
# 5. What the aggregates cost writes (SL_BENCH_FIGURES_BASE=DIR: a build of
#    the parent commit 6086355, before migration 0019; unset skips 5):
#    `shuanglun import people` of SL_BENCH_FIGURES_IMPORT_ROWS (default
#    200,000) people from bench_registry_gen's .xlsx into a new `init --demo`
#    database, base and this build in turn, SL_BENCH_FIGURES_IMPORT_REPEAT
#    times each (default 2; rows/s, medians), and SL_BENCH_FIGURES_POSTS
#    (default 50) sequential POST /api/v1/events on a new demo database with
#    either build's server (median, p99).
# 6. The server's VmRSS at rest and VmHWM after each step.
#
# Checks (fail when wrong): against the generators' expectations — the
# events (count, attendances, people), the collectives' income by source,
# the projects by stage, the requests of 2024 (total, open, overdue,
# resolved, on time, rated, satisfied) — and against their rules on the
# region list: people on file, entrepreneurs, wealth creators, chamber
# members and enterprises, level-1 pairings (one per village, or per town
# without villages), land contracts (20 a village, 10 of them new in 2022);
# cold and warm answers equal; each child's figures adding up to the whole.
#
# SL_BENCH_FIGURES_UNDER=4311 generates under a city only (development at
# small size; "province" is then that city). SL_BENCH_FIGURES_PROFILE=1 adds
# `perf record` of the server during the province's figures of 2022, warm
# (SL_BENCH_FIGURES_N requests) and cold (one), and the plans of the
# statements a cold one sends (SQLite: EXPLAIN QUERY PLAN and times in the
# sqlite3 shell of copies of server/src/figures/compute.cpp's statements;
# PostgreSQL: auto_explain of every statement over 20 ms of one cold
# province request) into $SL_BENCH_OUT/figures-profile-*.
# SL_BENCH_FIGURES_PG=0 / SL_BENCH_FIGURES_SQLITE=0 skip a database;
# SL_BENCH_FIGURES_KEEP=DIR keeps the SQLite database and the expectations.
# The 1-minute load average is sampled every 10 s into
# $SL_BENCH_OUT/figures-load.txt. Figures go to $SL_BENCH_OUT/results.tsv
# like the other scripts.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
bin=$build/shuanglun
requests=${SL_BENCH_FIGURES_N:-20}
province=${SL_BENCH_FIGURES_UNDER:-43}
writes=${SL_BENCH_FIGURES_WRITES:-5}
brief_n=${SL_BENCH_FIGURES_BRIEF_N:-5}
brief_timeout=${SL_BENCH_FIGURES_BRIEF_TIMEOUT:-300}
import_rows=${SL_BENCH_FIGURES_IMPORT_ROWS:-200000}
import_repeat=${SL_BENCH_FIGURES_IMPORT_REPEAT:-2}
posts=${SL_BENCH_FIGURES_POSTS:-50}
base=${SL_BENCH_FIGURES_BASE:-}
[[ -z $base ]] || base=$(cd "$base" && pwd)
for g in requests events land registry; do
  [[ -x $build/bench_${g}_gen ]] || { echo "bench: no $build/bench_${g}_gen; ninja -C $build" >&2; exit 1; }
done
[[ -z $base || -x $base/shuanglun ]] || { echo "bench: no $base/shuanglun" >&2; exit 1; }
folder=$(regions_folder)

fail() {
  echo "bench: figures are wrong: $*" >&2
  if [[ -n ${SL_BENCH_FIGURES_KEEP:-} && -n ${tmp:-} ]]; then
    mkdir -p "$SL_BENCH_FIGURES_KEEP"
    cp "$tmp"/*.json "$SL_BENCH_FIGURES_KEEP/" 2>/dev/null || true
  fi
  exit 1
}

# sql URL QUERY: one statement through the database's shell; fields by "|".
sql() {
  if [[ $1 == postgresql* ]]; then
    psql -tA -q -v ON_ERROR_STOP=1 "$1" -c "$2"
  else
    sqlite3 -cmd '.timeout 10000' "${1#sqlite:}" "$2"
  fi
}

load1() { cut -d' ' -f1 /proc/loadavg; }

# build_data LABEL URL TMP: step 1; the generators' expectations in
# TMP/{requests,events,land}.json.
build_data() {
  local label=$1 url=$2 tmp=$3 t m b rows g cmd all=0 secs=0
  "$bin" init --db "$url" >/dev/null
  "$bin" regions import "$folder" --under "$province" --db "$url" >"$tmp/regions.log" 2>&1
  for g in requests events land; do
    wait_quiet
    busy_start
    read -r t m _ <<<"$(timed "$tmp/gen-$g.log" "$build/bench_${g}_gen" "$url" "$province" "$tmp/$g.json")"
    b=$(busy_stop)
    tail -n 1 "$tmp/gen-$g.log" >&2
    case $g in
      events) rows=$(jq '.rows + .province.events + .towns * 200' "$tmp/$g.json") ;;
      *) rows=$(jq .total_rows "$tmp/$g.json") ;;
    esac
    cmd="bench_${g}_gen URL $province ($rows rows; load $(load1))"
    emit "figures data ($label): bench_${g}_gen" "$t" s "$b" "$cmd"
    emit "figures data ($label): bench_${g}_gen rows/s" \
      "$(awk -v r="$rows" -v t="$t" 'BEGIN {printf "%d", r / t}')" rows/s "$b" "$cmd"
    all=$((all + rows))
    secs=$(awk -v a="$secs" -v t="$t" 'BEGIN {print a + t}')
  done
  emit "figures data ($label): all rows" "$all" rows 0 "the three generators, one after the other ($secs s)"
  if [[ $url == postgresql* ]]; then
    # events_gen leaves the sequences of its tables where they were.
    sql "$url" "SELECT format('SELECT setval(%L, COALESCE((SELECT MAX(id) FROM %I), 0) + 1, false);',
        s.oid::regclass::text, t.relname) FROM pg_class s JOIN pg_depend d ON d.objid = s.oid
        JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid
        AND a.attnum = d.refobjsubid WHERE s.relkind = 'S' AND a.attname = 'id'" |
      psql -q -v ON_ERROR_STOP=1 "$url" >/dev/null
  fi
  add_admin "$url"
}

# scope_code TMP SCOPE: the region code of town, county or province.
scope_code() {
  case $2 in
    town) jq -r .town_code "$1/requests.json" ;;
    county) jq -r .county_code "$1/requests.json" ;;
    province) echo "$province" ;;
  esac
}

# region_counts URL CODE: "towns villages homes" under the region CODE, where
# a home is a village, or a town without villages (requests_gen's rule).
region_counts() {
  local path
  path=$(sql "$1" "SELECT path FROM region WHERE code = '$2'")
  sql "$1" "SELECT (SELECT COUNT(*) FROM region WHERE level = 'town' AND path LIKE '$path%'),
      (SELECT COUNT(*) FROM region WHERE level = 'village' AND path LIKE '$path%'),
      (SELECT COUNT(*) FROM region WHERE level = 'village' AND path LIKE '$path%') +
      (SELECT COUNT(*) FROM region t WHERE t.level = 'town' AND t.path LIKE '$path%' AND NOT EXISTS
        (SELECT 1 FROM region v WHERE v.level = 'village' AND v.parent_code = t.code))" | tr '|' ' '
}

# check YEAR SCOPE TMP URL FILE: an answer against the generators.
check() {
  local year=$1 scope=$2 tmp=$3 url=$4 file=$5 towns villages homes got want code
  code=$(scope_code "$tmp" "$scope")
  read -r towns villages homes <<<"$(region_counts "$url" "$code")"
  [[ $(jq -r .region.code "$file") == "$code" ]] || fail "$file is not of $code"
  # shellcheck disable=SC2016 # jq's variables
  want=$(jq -n -S -c --slurpfile ev "$tmp/events.json" --slurpfile ld "$tmp/land.json" \
    --slurpfile rq "$tmp/requests.json" --arg s "$scope" --arg year "$year" \
    --argjson t "$towns" --argjson v "$villages" --argjson h "$homes" '
    ($ev[0][$s]) as $e | ($ld[0].income[$s]) as $i | ($ld[0].projects[$s]) as $p |
    ($rq[0].stats[$s]) as $r |
    {"people.total": ($t * 201 + $h * 4 + $v), "people.tag.entrepreneur": $h,
     "people.tag.wealth_creator": $h, "chamber.members": $h, "chamber.enterprises": $h,
     "pairing.level1.pairings": $h, "land.contracts": ($v * 20)}
    + if $year == "2022" then
        {"events.count": $e.events, "events.attendances": ($e.attendances + $e.unregistered),
         "events.people": $e.people, "land.new_contracts": ($v * 10),
         "income.total": ($i.total_fen / 100),
         "projects.live": (([$p.kinds[].projects] | add) -
                           ([$p.kinds[].by_stage.terminated // 0] | add))}
        + ([$i.by_source[] | {key: ("income.source." + .source), value: (.amount_fen / 100)}]
           | from_entries)
        + ([$p.kinds[].by_stage | to_entries[] | select(.key != "terminated")] | group_by(.key)
           | map({key: ("projects.stage." + .[0].key), value: (map(.value) | add)}) | from_entries)
      else
        {"requests.total": $r.total, "requests.open": $r.open, "requests.overdue": $r.overdue,
         "requests.resolved": $r.resolved, "requests.on_time": $r.on_time,
         "requests.rated": $r.rated, "requests.satisfied": $r.satisfied, "events.count": 0,
         "land.new_contracts": 0}
      end')
  # Projects started by the period's end less those terminated by then (the
  # figures count every project started; the generator those not
  # terminated before the year).
  # shellcheck disable=SC2016
  got=$(jq -S -c --argjson want "$want" '
    ([.figures[] | {key: .code, value: .value}] | from_entries) as $g
    | $g + {"projects.live": (([$g | to_entries[] | select(.key | test("^projects\\.kind\\..*\\.count$"))
                                | .value] | add // 0) - ($g["projects.stage.terminated"] // 0))}
    | with_entries(select(.key as $k | $want | has($k)))
    | reduce ($want | keys[]) as $k (.; .[$k] //= 0)' "$file")
  [[ $got == "$want" ]] || fail "$year $scope $code answered $got, expected $want"
}

# check_children FILE EXACT: each figure of the whole (ratios aside) is the
# sum of the children's (EXACT=1), or at least that sum (a town: its own
# records lie in none of its villages, and coverage is not figured per
# village; distinct people aside, whom each village counts).
check_children() {
  jq -e --argjson exact "$2" '(.figures | map(select(.unit != "%")) | map({key: .code, value: .value}) | from_entries) as $w
    | ([.children[].figures[] | select(.unit != "%")] | group_by(.code)
       | map({key: .[0].code, value: (map(.value) | add)}) | from_entries) as $c
    | if $exact == 1 then
        ($w | keys) == ($c | keys)
        and all($w | keys[]; . as $k | (($w[$k] - $c[$k]) | fabs) <= 1e-6 * (1 + ($w[$k] | fabs)))
      else
        all($c | keys[] | select(endswith(".people") | not);
            . as $k | ($w[$k] // 0) as $x | $c[$k] <= $x + 1e-6 * (1 + ($x | fabs)))
      end' \
    "$1" >/dev/null || fail "$1: the children do not add up to the whole"
}

# same_figures A B: two answers state the same figures.
same_figures() {
  [[ $(jq -S -c .figures "$1") == "$(jq -S -c .figures "$2")" ]] || fail "$1 and $2 differ"
}

# get_once FILE URL COOKIES: one GET; prints seconds.
get_once() {
  curl -fsS --max-time 1800 -b "$3" -H 'X-Requested-With: shuanglun' -o "$1" -w '%{time_total}' "$2"
}

# cold NAME PID URL COOKIES FILE DBURL: a cold request (step 2's, 4's);
# answers 1 when the server refused it (the error in FILE, the status emitted).
cold() {
  local name=$1 pid=$2 target=$3 cookies=$4 file=$5 url=$6 out code t b cmd
  sql "$url" "DELETE FROM figure_cache" >/dev/null
  wait_quiet
  busy_start
  out=$(curl -sS --max-time 1800 -b "$cookies" -H 'X-Requested-With: shuanglun' -o "$file" \
    -w '%{http_code} %{time_total}' "$target")
  b=$(busy_stop)
  read -r code t <<<"$out"
  cmd="DELETE FROM figure_cache; curl 'GET ${target#http://127.0.0.1:*/}' once (load $(load1))"
  if [[ $code != 200 ]]; then
    emit "$name: cold: HTTP status" "$code" "" "$b" "$cmd: $(head -c 300 "$file")"
    echo "bench: $name answered $code: $(head -c 300 "$file")" >&2
    return 1
  fi
  emit "$name: cold" "$(awk -v s="$t" 'BEGIN {printf "%.1f", s * 1000}')" ms "$b" "$cmd"
  if jq -e .aggregates "$file" >/dev/null 2>&1; then
    emit "$name: cold, aggregates read / computed" \
      "$(jq -r '"\(.aggregates.read)/\(.aggregates.computed)"' "$file")" units "$b" "the answer's aggregates"
  fi
  emit "$name: server VmHWM after cold" "$(mb "$(status_kb "$pid" VmHWM)")" MB "$b" \
    "VmHWM of shuanglun serve after the cold request (peak so far)"
}

# summaries LABEL URL TMP PORT PID COOKIES YEAR: step 2 for one period.
summaries() {
  local label=$1 url=$2 tmp=$3 port=$4 pid=$5 cookies=$6 year=$7 pattern=''
  local from=$year-01-01 to=$year-12-31 scope code path base=http://127.0.0.1:$4
  [[ $url == postgresql* ]] && pattern='postgres: .*bench_figures'
  for scope in town county province; do
    code=$(scope_code "$tmp" "$scope")
    path="/api/v1/stats/summary?region=$code&from=$from&to=$to"
    cold "summary $year $scope $code ($label)" "$pid" "$base$path" "$cookies" \
      "$tmp/cold-$year-$scope.json" "$url" || fail "GET $path answered an error"
    check "$year" "$scope" "$tmp" "$url" "$tmp/cold-$year-$scope.json"
  done
  for scope in town county province; do
    code=$(scope_code "$tmp" "$scope")
    path="/api/v1/stats/summary?region=$code&from=$from&to=$to"
    get_series "summary $year $scope $code ($label)" "$pid" "$cookies" "$tmp/warm-$year-$scope.json" \
      "$base$path" "$requests" "$pattern" \
      "curl 'GET $path' x$requests sequential after 2 warm-up (load $(load1))"
    emit "summary $year $scope $code ($label): warm, aggregates read / computed" \
      "$(jq -r '"\(.aggregates.read)/\(.aggregates.computed)"' "$tmp/warm-$year-$scope.json")" units 0 \
      "the first warm answer's aggregates"
    emit "summary $year $scope $code ($label): answer size" \
      "$(awk -v b="$(stat -c %s "$tmp/warm-$year-$scope.json")" 'BEGIN {printf "%.1f", b / 1024}')" KB 0 \
      "bytes of the JSON answer"
    same_figures "$tmp/cold-$year-$scope.json" "$tmp/warm-$year-$scope.json"
    check "$year" "$scope" "$tmp" "$url" "$tmp/warm-$year-$scope.json"
    path="$path&by=child"
    get_series "summary $year $scope $code by=child ($label)" "$pid" "$cookies" \
      "$tmp/child-$year-$scope.json" "$base$path" "$requests" "$pattern" \
      "curl 'GET $path' x$requests sequential after 2 warm-up (load $(load1))"
    emit "summary $year $scope $code by=child ($label): answer size" \
      "$(awk -v b="$(stat -c %s "$tmp/child-$year-$scope.json")" 'BEGIN {printf "%.1f", b / 1024}')" KB 0 \
      "bytes of the JSON answer; $(jq '.children | length' "$tmp/child-$year-$scope.json") children"
    same_figures "$tmp/cold-$year-$scope.json" "$tmp/child-$year-$scope.json"
    check_children "$tmp/child-$year-$scope.json" "$([[ $scope == town ]] && echo 0 || echo 1)"
  done
  echo "bench: $year figures match the generated data (town, county, province; children add up)" >&2
}

# after_writes LABEL URL TMP PORT PID COOKIES: step 3.
after_writes() {
  local label=$1 url=$2 tmp=$3 port=$4 pid=$5 cookies=$6 base=http://127.0.0.1:$4
  local village town i t b post=() get=() path before after computed=() cmd
  town=$(scope_code "$tmp" town)
  village=$(sql "$url" "SELECT code FROM region WHERE parent_code = '$town' AND level = 'village' ORDER BY code LIMIT 1")
  [[ -n $village ]] || village=$town
  path="/api/v1/stats/summary?region=$province&from=2022-01-01&to=2022-12-31"
  get_once "$tmp/before-writes.json" "$base$path" "$cookies" >/dev/null
  before=$(jq '[.figures[] | select(.code == "events.count") | .value][0]' "$tmp/before-writes.json")
  wait_quiet
  busy_start
  for ((i = 1; i <= writes; i++)); do
    post+=("$(curl -fsS -b "$cookies" -H 'X-Requested-With: shuanglun' -H 'Content-Type: application/json' \
      -o /dev/null -w '%{time_total}' -X POST "$base/api/v1/events" \
      -d "{\"kind\":\"party_committee\",\"title\":\"基准测试党委会$i\",\"region\":\"$village\",\"starts_at\":\"2022-06-1${i: -1}T09:00\"}")")
    get+=("$(get_once "$tmp/after-write.json" "$base$path" "$cookies")")
    computed+=("$(jq -r '"\(.aggregates.read)/\(.aggregates.computed)"' "$tmp/after-write.json")")
  done
  b=$(busy_stop)
  cmd="POST /api/v1/events in $village, then GET $path, x$writes (load $(load1))"
  emit "one write then the province ($label): POST /events median" \
    "$(awk -v s="$(median "${post[@]}")" 'BEGIN {printf "%.2f", s * 1000}')" ms "$b" "$cmd"
  emit "one write then the province ($label): province summary median" \
    "$(awk -v s="$(median "${get[@]}")" 'BEGIN {printf "%.1f", s * 1000}')" ms "$b" \
    "$cmd (times: ${get[*]} s)"
  emit "one write then the province ($label): aggregates read / computed" "${computed[0]}" units "$b" \
    "the answers' aggregates: ${computed[*]}"
  after=$(jq '[.figures[] | select(.code == "events.count") | .value][0]' "$tmp/after-write.json")
  ((after == before + writes)) || fail "after $writes events the province counts $after, was $before"
  echo "bench: after $writes events the province's count is up by $writes" >&2
}

# briefs LABEL URL TMP PORT PID COOKIES: step 4.
briefs() {
  local label=$1 url=$2 tmp=$3 port=$4 pid=$5 cookies=$6 base=http://127.0.0.1:$4 pattern=''
  local county format path name t m b cmd failed=()
  [[ $url == postgresql* ]] && pattern='postgres: .*bench_figures'
  county=$(scope_code "$tmp" county)
  name=$(sql "$url" "SELECT name FROM region WHERE code = '$county'")
  local code scope
  for scope in town county; do
    code=$(scope_code "$tmp" "$scope")
    for format in docx html xlsx; do
      path="/api/v1/briefs?region=$code&from=2022-01-01&to=2022-12-31&format=$format"
      # A brief the server cannot make is reported, and the others still made.
      cold "brief $code $format ($label)" "$pid" "$base$path" "$cookies" "$tmp/brief-cold.$format" "$url" ||
        { [[ $scope == town ]] || failed+=("$format"); continue; }
      get_series "brief $code $format ($label)" "$pid" "$cookies" "$tmp/brief.$format" \
        "$base$path" "$brief_n" "$pattern" \
        "curl 'GET $path' x$brief_n sequential after 2 warm-up (load $(load1))"
      emit "brief $code $format ($label): size" \
        "$(awk -v b="$(stat -c %s "$tmp/brief.$format")" 'BEGIN {printf "%.1f", b / 1024}')" KB 0 "bytes of the file"
      cmp -s "$tmp/brief-cold.$format" "$tmp/brief.$format" || [[ $format == docx || $format == xlsx ]] ||
        fail "the cold and warm $format briefs of $code differ"
    done
  done
  # The briefs name the county and its towns (the children's table).
  grep -q "$name" "$tmp/brief.html" || fail "the html brief does not name $name"
  unzip -p "$tmp/brief.docx" word/document.xml | grep -q "$name" || fail "the docx brief does not name $name"
  [[ " ${failed[*]} " == *" xlsx "* ]] || unzip -l "$tmp/brief.xlsx" >/dev/null || fail "the xlsx brief is not a zip"
  local towns_named
  towns_named=$(sql "$url" "SELECT name FROM region WHERE parent_code = '$county' AND level = 'town'" |
    while read -r town; do grep -qF "$town" "$tmp/brief.html" && echo x; done | wc -l)
  emit "brief $county html ($label): towns named" "$towns_named" towns 0 "its children's table"
  echo "bench: the county's briefs name it and its towns" >&2

  [[ ${SL_BENCH_FIGURES_BRIEF_PROVINCE:-1} != 0 ]] || return 0
  # The province's through the command line, killed when it takes too long.
  local kind rc out=$tmp/brief-province.html
  for kind in cold warm; do
    [[ $kind == cold ]] && sql "$url" "DELETE FROM figure_cache" >/dev/null
    [[ $kind == warm ]] && curl -fsS -o /dev/null -b "$cookies" -H 'X-Requested-With: shuanglun' \
      "$base/api/v1/stats/summary?region=$province&from=2022-01-01&to=2022-12-31&by=child"
    wait_quiet
    busy_start
    rc=0
    /usr/bin/time -f '%e %M' -o "$tmp/brief-province.time" timeout "$brief_timeout" \
      "$bin" brief --region "$province" --from 2022-01-01 --to 2022-12-31 --format html \
      --out "$out" --db "$url" >"$tmp/brief-province.log" 2>&1 || rc=$?
    b=$(busy_stop)
    cmd="shuanglun brief --region $province --from 2022-01-01 --to 2022-12-31 --format html ($kind: aggregates $([[ $kind == cold ]] && echo deleted || echo stored); load $(load1))"
    if ((rc == 124)); then
      read -r _ m < <(tail -n 1 "$tmp/brief-province.time")
      emit "brief $province html, command line ($label): $kind" ">$brief_timeout" s "$b" "$cmd: killed by timeout"
      emit "brief $province html, command line ($label): $kind, max RSS when killed" "$(mb "$m")" MB "$b" \
        "/usr/bin/time %M of timeout and its child"
      return 0
    fi
    ((rc == 0)) || { cat "$tmp/brief-province.log" >&2; fail "shuanglun brief --region $province failed"; }
    read -r t m <"$tmp/brief-province.time"
    emit "brief $province html, command line ($label): $kind" "$t" s "$b" "$cmd: $(tail -n 1 "$tmp/brief-province.log")"
    emit "brief $province html, command line ($label): $kind, max RSS" "$(mb "$m")" MB "$b" "/usr/bin/time %M"
  done
  emit "brief $province html ($label): size" \
    "$(awk -v b="$(stat -c %s "$out")" 'BEGIN {printf "%.1f", b / 1024}')" KB 0 "bytes of the file"
}

# rebuild LABEL URL TMP PORT: `shuanglun figures rebuild` (every stored
# period of the province computed again, beside the running server), then the
# province's figures read from what it stored, as they were before.
rebuild() {
  local label=$1 url=$2 tmp=$3 port=$4 t m b path
  path="/api/v1/stats/summary?region=$province&from=2022-01-01&to=2022-12-31"
  get_once "$tmp/before-rebuild.json" "http://127.0.0.1:$port$path" "$tmp/cookies" >/dev/null
  wait_quiet
  busy_start
  read -r t m _ <<<"$(timed "$tmp/rebuild.log" "$bin" figures rebuild --db "$url")"
  b=$(busy_stop)
  emit "figures rebuild ($label)" "$t" s "$b" "shuanglun figures rebuild: $(tail -n 1 "$tmp/rebuild.log") (load $(load1))"
  emit "figures rebuild ($label): max RSS" "$(mb "$m")" MB "$b" "/usr/bin/time %M"
  get_once "$tmp/after-rebuild.json" "http://127.0.0.1:$port$path" "$tmp/cookies" >/dev/null
  [[ $(jq -r .aggregates.computed "$tmp/after-rebuild.json") == 0 ]] ||
    fail "after figures rebuild the province computed $(jq -c .aggregates "$tmp/after-rebuild.json")"
  same_figures "$tmp/before-rebuild.json" "$tmp/after-rebuild.json"
}

# start_serve BIN URL LOG: a server; sets serve_pid and serve_port.
serve_pid=
serve_port=
start_serve() {
  serve_port=$(free_port)
  "$1" serve --db "$2" --listen "127.0.0.1:$serve_port" >"$3" 2>&1 &
  serve_pid=$!
  for _ in $(seq 1 300); do
    curl -s -o /dev/null "http://127.0.0.1:$serve_port/healthz" && return 0
    sleep 0.1
  done
  cat "$3" >&2
  return 1
}
stop_serve() {
  [[ -z $serve_pid ]] || { kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; }
  serve_pid=
}

# measure LABEL URL TMP: steps 2-4 against `serve` on URL.
measure() {
  local label=$1 url=$2 tmp=$3 pid port
  start_serve "$bin" "$url" "$tmp/serve.log"
  pid=$serve_pid port=$serve_port
  sleep 1
  emit "figures serve ($label): VmRSS at rest" "$(mb "$(status_kb "$pid" VmRSS)")" MB 0 \
    "VmRSS of shuanglun serve 1 s after start, no request"
  sign_in "$port" "$tmp/cookies"
  summaries "$label" "$url" "$tmp" "$port" "$pid" "$tmp/cookies" 2022
  emit "figures serve ($label): VmHWM after the 2022 figures" "$(mb "$(status_kb "$pid" VmHWM)")" MB 0 \
    "VmHWM of shuanglun serve (peak since start; includes a sign-in's Argon2id)"
  if [[ ${SL_BENCH_FIGURES_PROFILE:-0} != 0 ]]; then
    perf_of "$label" "$url" "$tmp" "$pid" "$port" warm
    perf_of "$label" "$url" "$tmp" "$pid" "$port" cold
  fi
  summaries "$label" "$url" "$tmp" "$port" "$pid" "$tmp/cookies" 2024
  after_writes "$label" "$url" "$tmp" "$port" "$pid" "$tmp/cookies"
  briefs "$label" "$url" "$tmp" "$port" "$pid" "$tmp/cookies"
  rebuild "$label" "$url" "$tmp" "$port"
  emit "figures serve ($label): VmHWM after all" "$(mb "$(status_kb "$pid" VmHWM)")" MB 0 \
    "VmHWM of shuanglun serve after every step (the province's brief ran in a process of its own)"
  stop_serve
  if [[ ${SL_BENCH_FIGURES_PROFILE:-0} != 0 ]]; then
    if [[ $url == postgresql* ]]; then auto_explain "$url" "$tmp"; else plans "$url" "$tmp"; fi
  fi
}

# perf_of LABEL URL TMP PID PORT KIND: `perf record` (dwarf call graphs) of
# the server during the province's figures of 2022: KIND cold (one request,
# the aggregates deleted first) or warm (SL_BENCH_FIGURES_N requests). Where
# the time goes by function (self) and by caller (inclusive: which ledger).
perf_of() {
  local label=$1 url=$2 tmp=$3 pid=$4 port=$5 kind=$6 out=$SL_BENCH_OUT/figures-profile-$1-$6 perf_pid i n=1
  local target="http://127.0.0.1:$port/api/v1/stats/summary?region=$province&from=2022-01-01&to=2022-12-31"
  command -v perf >/dev/null || { echo "bench: no perf" >&2; return 0; }
  if [[ $kind == cold ]]; then
    sql "$url" "DELETE FROM figure_cache" >/dev/null
  else
    n=$requests
    get_once /dev/null "$target" "$tmp/cookies" >/dev/null
  fi
  perf record -F 199 --call-graph dwarf,16384 -p "$pid" -o "$out.perf.data" >/dev/null 2>&1 &
  perf_pid=$!
  sleep 2
  for ((i = 0; i < n; i++)); do get_once /dev/null "$target" "$tmp/cookies" >>"$out-times.txt"; echo >>"$out-times.txt"; done
  kill -INT "$perf_pid"
  wait "$perf_pid" 2>/dev/null || true
  perf report -i "$out.perf.data" --no-children --stdio -g none --sort sym --percent-limit 0.7 \
    2>/dev/null | grep -v '^#' | grep -v '^$' | cut -c1-200 >"$out-perf-self.txt" || true
  perf report -i "$out.perf.data" --children --stdio -g none --sort sym --percent-limit 0.7 \
    2>/dev/null | grep -v '^#' | grep -v '^$' | grep 'sl::' | cut -c1-200 >"$out-perf-inclusive.txt" || true
  rm -f "$out.perf.data"
  echo "bench: perf of the province's figures ($kind) in $out-perf-*" >&2
}

# statements LO HI FROM TO AS_OF KEY: copies of the statements of
# server/src/figures/compute.cpp for a span (literals for the parameters).
statements() {
  local lo=$1 hi=$2 from=$3 to=$4 asof=$5 n=$6
  local k="SUBSTR(region_path, 1, $n)" period="region_path >= '$lo' AND region_path < '$hi'"
  echo "SELECT SUBSTR(m.region_path, 1, $n), COUNT(DISTINCT m.person_id), COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM party_stage s WHERE s.person_id = m.person_id AND s.stage IN ('probationary', 'full') AND s.valid_from <= '$asof' AND (s.valid_to IS NULL OR s.valid_to > '$asof')) THEN m.person_id END), COUNT(DISTINCT m.enterprise_id) FROM chamber_membership m JOIN organization c ON c.id = m.chamber_id JOIN person p ON p.id = m.person_id WHERE c.kind = 'chamber' AND c.deleted_at IS NULL AND p.deleted_at IS NULL AND m.region_path >= '$lo' AND m.region_path < '$hi' AND m.joined_on <= '$asof' AND (m.left_on IS NULL OR m.left_on > '$asof') GROUP BY 1"
  echo "SELECT SUBSTR(p.region_path, 1, $n), COUNT(*) FROM person p WHERE p.deleted_at IS NULL AND p.region_path >= '$lo' AND p.region_path < '$hi' GROUP BY 1"
  echo "SELECT SUBSTR(p.region_path, 1, $n), t.tag, COUNT(DISTINCT p.id) FROM person_tag t JOIN person p ON p.id = t.person_id WHERE p.deleted_at IS NULL AND p.region_path >= '$lo' AND p.region_path < '$hi' AND t.valid_from <= '$asof' AND (t.valid_to IS NULL OR t.valid_to > '$asof') GROUP BY 1, 2"
  echo "SELECT $k, level, COUNT(*) FROM pairing WHERE $period AND valid_from <= '$asof' AND (valid_to IS NULL OR valid_to > '$asof') GROUP BY 1, 2"
  echo "SELECT $k, COUNT(*) FROM contact WHERE deleted_at IS NULL AND $period AND occurred_on >= '$from' AND occurred_on <= '$to' GROUP BY 1"
  echo "SELECT $k, kind, COUNT(*), SUM(unregistered_count) FROM event WHERE deleted_at IS NULL AND $period AND starts_on >= '$from' AND starts_on <= '$to' GROUP BY 1, 2"
  echo "SELECT $k, kind, COUNT(*), COUNT(DISTINCT person_id) FROM event_attendance WHERE status = 'present' AND $period AND starts_on >= '$from' AND starts_on <= '$to' GROUP BY 1, 2"
  echo "SELECT SUBSTR(a.region_path, 1, $n), k.kind_group, COUNT(DISTINCT a.person_id) FROM event_attendance a JOIN event_kind k ON k.code = a.kind WHERE a.status = 'present' AND a.region_path >= '$lo' AND a.region_path < '$hi' AND a.starts_on >= '$from' AND a.starts_on <= '$to' GROUP BY 1, 2"
  echo "SELECT $k, COUNT(DISTINCT person_id) FROM event_attendance WHERE status = 'present' AND $period AND starts_on >= '$from' AND starts_on <= '$to' GROUP BY 1"
  echo "SELECT j.id, SUBSTR(j.region_path, 1, $n), j.kind, j.started_on, ps.stage, ps.on_date FROM project j LEFT JOIN project_stage ps ON ps.project_id = j.id AND ps.on_date <= '$asof' WHERE j.region_path >= '$lo' AND j.region_path < '$hi' AND j.deleted_at IS NULL AND j.started_on <= '$asof'"
  echo "SELECT v.project_id, SUBSTR(v.region_path, 1, $n), v.indicator, v.expected, v.value FROM project_value v JOIN project j ON j.id = v.project_id WHERE j.deleted_at IS NULL AND v.region_path >= '$lo' AND v.region_path < '$hi' AND v.period_from >= '$from' AND v.period_from <= '$to' ORDER BY v.project_id, v.indicator, v.expected, v.period_to, v.period_from"
  echo "SELECT $k, starts_on, area_hundredths, jobs, rent_fen_per_year, rent_fen_per_mu_year FROM land_contract WHERE $period AND ends_on >= '$from' AND starts_on <= '$to' AND deleted_at IS NULL"
  echo "SELECT $k, SUM(amount_fen), SUM(CASE WHEN due_on < '$asof' AND received_fen < amount_fen THEN amount_fen - received_fen ELSE 0 END) FROM land_payment WHERE $period AND due_on >= '$from' AND due_on <= '$to' AND deleted = 0 GROUP BY 1"
  echo "SELECT $k, SUM(amount_fen), SUM(CASE WHEN collective_org_id IS NOT NULL THEN amount_fen ELSE 0 END) FROM land_receipt WHERE $period AND received_on >= '$from' AND received_on <= '$to' GROUP BY 1"
  echo "SELECT $k, source, SUM(amount_fen) FROM collective_income WHERE $period AND year >= ${from:0:4} AND year <= ${to:0:4} AND deleted_at IS NULL GROUP BY 1, 2"
  echo "SELECT $k, COUNT(*), SUM(is_open), SUM(CASE WHEN is_open = 1 AND due_on < '$asof' THEN 1 ELSE 0 END), SUM(CASE WHEN resolved_on IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN resolved_on IS NOT NULL AND (due_on IS NULL OR resolved_on <= due_on) THEN 1 ELSE 0 END), SUM(CASE WHEN rating IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN rating IS NOT NULL AND rating <> 'unsatisfied' THEN 1 ELSE 0 END) FROM request WHERE $period AND raised_on >= '$from' AND raised_on <= '$to' GROUP BY 1"
}

# plans URL TMP (SQLite): the plan and time of each statement of a province
# span of 2022, and of the compliance report's share (the cold request
# with and without it is not separable here: see the perf report).
plans() {
  local url=$1 db=${1#sqlite:} out=$SL_BENCH_OUT/figures-profile-sqlite-plans.txt lo hi q
  lo=$(sql "$url" "SELECT path FROM region WHERE code = '$province'")
  hi="${lo%/}0"
  statements "$lo" "$hi" 2022-01-01 2022-12-31 2022-12-31 25 | while read -r q; do
    echo "=== $q"
    printf '.timer on\nEXPLAIN QUERY PLAN %s;\nSELECT COUNT(*) FROM (%s);\nSELECT COUNT(*) FROM (%s);\n' "$q" "$q" "$q" |
      sqlite3 "$db" 2>&1
  done >"$out"
  echo "bench: plans in $out" >&2
}

# auto_explain URL TMP (PostgreSQL): a server whose connections log the plan
# of every statement over 20 ms; one cold province request of 2022.
auto_explain() {
  local url=$1 tmp=$2 dbname=bench_figures log=$PG_DIR/server.log mark
  local out=$SL_BENCH_OUT/figures-profile-postgresql-auto-explain.txt
  psql -q "$url" -c "ALTER DATABASE $dbname SET session_preload_libraries = 'auto_explain'" \
    -c "ALTER DATABASE $dbname SET auto_explain.log_min_duration = 20" \
    -c "ALTER DATABASE $dbname SET auto_explain.log_analyze = on" \
    -c "ALTER DATABASE $dbname SET auto_explain.log_buffers = on"
  start_serve "$bin" "$url" "$tmp/serve-explain.log"
  sign_in "$serve_port" "$tmp/cookies"
  sql "$url" "DELETE FROM figure_cache" >/dev/null
  mark=$(wc -l <"$log")
  get_once /dev/null "http://127.0.0.1:$serve_port/api/v1/stats/summary?region=$province&from=2022-01-01&to=2022-12-31" \
    "$tmp/cookies" >/dev/null
  sleep 0.5
  tail -n +"$((mark + 1))" "$log" | grep -v 'connection\|disconnection' >"$out" || true
  stop_serve
  psql -q "$url" -c "ALTER DATABASE $dbname RESET ALL"
  echo "bench: auto_explain plans in $out" >&2
}

# write_costs LABEL NEWDB: step 5; NEWDB NAME prints the URL of a new, empty
# database.
write_costs() {
  local label=$1 newdb=$2
  [[ -n $base ]] || { echo "bench: SL_BENCH_FIGURES_BASE unset: no before/after of writes" >&2; return 0; }
  local xlsx=$SL_BENCH_DATA/registry-people-$import_rows.xlsx
  mkdir -p "$SL_BENCH_DATA"
  if [[ ! -f $xlsx ]]; then
    "$build/bench_registry_gen" xlsx "$xlsx.tmp" "$import_rows" "$root/data/regions/villages.csv" >/dev/null &&
      mv "$xlsx.tmp" "$xlsx"
  fi
  local tmp i which b t url rates_base=() rates_this=() bmax=0 cmd
  tmp=$(mktemp -d /tmp/sl-bench-figures-w.XXXXXX)
  for ((i = 1; i <= import_repeat; i++)); do
    for which in base this; do
      local b_bin=$bin
      [[ $which == base ]] && b_bin=$base/shuanglun
      url=$($newdb bench_figures_w)
      "$b_bin" init --db "$url" --demo >/dev/null 2>&1
      wait_quiet
      busy_start
      read -r t _ <<<"$(timed "$tmp/import.log" "$b_bin" import people "$xlsx" --db "$url")"
      b=$(busy_stop)
      ((b > bmax)) && bmax=$b
      grep -q "$import_rows" "$tmp/import.log" || { cat "$tmp/import.log" >&2; fail "import did not report $import_rows rows"; }
      local rate
      rate=$(awk -v r="$import_rows" -v t="$t" 'BEGIN {printf "%d", r / t}')
      if [[ $which == base ]]; then rates_base+=("$rate"); else rates_this+=("$rate"); fi
      echo "bench: import $which run $i: $t s, $rate rows/s (load $(load1))" >&2
    done
  done
  cmd="shuanglun import people registry-people-$import_rows.xlsx into a new init --demo database, base and this build in turn, $import_repeat each (load $(load1))"
  emit "import $import_rows people ($label): base 6086355 rows/s" "$(median "${rates_base[@]}")" rows/s "$bmax" \
    "$cmd: ${rates_base[*]}"
  emit "import $import_rows people ($label): this build rows/s" "$(median "${rates_this[@]}")" rows/s "$bmax" \
    "$cmd: ${rates_this[*]}"

  # Single writes: POST /api/v1/events on a demo database.
  for which in base this; do
    local b_bin=$bin times=() cookies=$tmp/cookies-$which
    [[ $which == base ]] && b_bin=$base/shuanglun
    url=$($newdb bench_figures_w)
    "$b_bin" init --db "$url" --demo >/dev/null 2>&1
    echo "$bench_password" | "$b_bin" user add bench --role admin --all-regions --name bench --db "$url" >/dev/null
    start_serve "$b_bin" "$url" "$tmp/serve-$which.log"
    curl -fsS -c "$cookies" -H 'X-Requested-With: shuanglun' -H 'Content-Type: application/json' \
      -d "{\"username\":\"bench\",\"password\":\"$bench_password\"}" "http://127.0.0.1:$serve_port/api/v1/session" >/dev/null
    local post_url="http://127.0.0.1:$serve_port/api/v1/events"
    for i in 1 2; do  # warm-up
      curl -fsS -o /dev/null -b "$cookies" -H 'X-Requested-With: shuanglun' -H 'Content-Type: application/json' \
        -X POST "$post_url" -d "{\"kind\":\"party_committee\",\"title\":\"预热$i\",\"region\":\"431127103224\",\"starts_at\":\"2022-05-0${i}T09:00\"}"
    done
    wait_quiet
    busy_start
    for ((i = 1; i <= posts; i++)); do
      times+=("$(curl -fsS -o /dev/null -w '%{time_total}' -b "$cookies" -H 'X-Requested-With: shuanglun' \
        -H 'Content-Type: application/json' -X POST "$post_url" \
        -d "{\"kind\":\"party_committee\",\"title\":\"基准测试$i\",\"region\":\"431127103224\",\"starts_at\":\"2022-06-01T09:00\"}")")
    done
    b=$(busy_stop)
    stop_serve
    local name="POST /api/v1/events on a demo database ($label): this build"
    [[ $which == base ]] && name="POST /api/v1/events on a demo database ($label): base 6086355"
    cmd="curl POST /api/v1/events x$posts sequential after 2 warm-up, a village of 楠市镇 (load $(load1))"
    emit "$name: median" "$(awk -v s="$(median "${times[@]}")" 'BEGIN {printf "%.2f", s * 1000}')" ms "$b" "$cmd"
    emit "$name: p99" "$(printf '%s\n' "${times[@]}" | sort -g |
      awk '{a[NR]=$1} END {i=int(NR*0.99+0.999); if(i>NR)i=NR; printf "%.2f", a[i] * 1000}')" ms "$b" "$cmd"
  done
  rm -rf "$tmp"
}

# The load average every 10 s while the benchmark runs.
load_pid=
load_start() {
  (while :; do
    echo "$(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg) others=$(others)"
    sleep 10
  done) >>"$SL_BENCH_OUT/figures-load.txt" 2>/dev/null </dev/null &
  load_pid=$!
}
load_stop() {
  [[ -z $load_pid ]] || kill "$load_pid" 2>/dev/null || true
  load_pid=
}

if [[ ${2:-} == --postgres-inner ]]; then
  trap 'busy_kill; stop_serve' EXIT
  tmp=$(mktemp -d /tmp/sl-bench-figures-pg.XXXXXX)
  psql -q "$SL_TEST_PG_URL" -c "DROP DATABASE IF EXISTS bench_figures" -c "CREATE DATABASE bench_figures" >/dev/null
  url="postgresql:///bench_figures?host=$PG_DIR&user=postgres"
  build_data postgresql "$url" "$tmp"
  read -r t _ <<<"$(timed "$tmp/analyze.log" psql -q "$url" -c ANALYZE)"
  emit "figures data (postgresql): ANALYZE" "$t" s 0 "psql -c ANALYZE after the generators"
  emit "figures data (postgresql): database size" \
    "$(psql -tA "$url" -c "SELECT pg_database_size(current_database()) / 1048576")" MB 0 "pg_database_size"
  measure postgresql "$url" "$tmp"
  psql -q "$SL_TEST_PG_URL" -c "DROP DATABASE bench_figures" >/dev/null
  # shellcheck disable=SC2317 # called through write_costs
  new_pg() {
    psql -q "$SL_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
    echo "postgresql:///$1?host=$PG_DIR&user=postgres"
  }
  write_costs postgresql new_pg
  rm -rf "$tmp"
  exit 0
fi

tmp=$(mktemp -d /tmp/sl-bench-figures.XXXXXX)
trap 'busy_kill; stop_serve; load_stop; rm -rf "$tmp"' EXIT
load_start
if [[ ${SL_BENCH_FIGURES_SQLITE:-1} != 0 ]]; then
  db=$tmp/figures.db
  build_data sqlite "sqlite:$db" "$tmp"
  sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  emit "figures data (sqlite): database size" "$(du -m "$db" | cut -f1)" MB 0 "du -m of the file"
  measure sqlite "sqlite:$db" "$tmp"
  if [[ -n ${SL_BENCH_FIGURES_KEEP:-} ]]; then
    mkdir -p "$SL_BENCH_FIGURES_KEEP"
    cp "$db" "$tmp"/*.json "$SL_BENCH_FIGURES_KEEP/"
  fi
  rm -f "$db"*
  # shellcheck disable=SC2317 # called through write_costs
  new_sqlite() {
    rm -f "$tmp/$1.db"*
    echo "sqlite:$tmp/$1.db"
  }
  write_costs sqlite new_sqlite
fi
if [[ ${SL_BENCH_FIGURES_PG:-1} != 0 ]]; then
  "$root/scripts/with-postgres" "$0" "$build" --postgres-inner
fi
load_stop
awk '{print $2}' "$SL_BENCH_OUT/figures-load.txt" | sort -g |
  awk '{a[NR]=$1} END {if (NR) printf "bench: 1-minute load average over the run: min %s, median %s, max %s (%d samples)\n", a[1], a[int((NR+1)/2)], a[NR], NR}' >&2
