#!/usr/bin/env bash
# Automatic pairing benchmark (issue 5, "Optimal automatic pairing"). Figures,
# not tests (but every plan is checked: feasible, and its optimality proof).
#
#   bench/assign-bench.sh BUILD_DIR
#
# 1. A county campaign (bench/assign_campaign.cpp): 1,000 cadres × 10,000
#    enterprises at random places, each enterprise eligible for its 50 nearest
#    cadres (500,000 pairs), at most 15 enterprises a cadre, convex load cost:
#    the exact plan (sl::assign::Solve, one thread) in seconds and peak
#    memory, its proof checked (Verify); the same problem as a linear program
#    with GLPK's simplex (libglpk-dev is installed for this if missing; the
#    product never links it) with a time limit of SL_BENCH_ASSIGN_GLPK_SECONDS
#    (default 600); a greedy nearest-first assignment's cost above the optimum.
# 2. Level 1 for a province: the data set of bench/compliance-bench.sh
#    (Hunan's 2,008 towns on the official region list; 10 leaders and 30
#    entrepreneurs a town; SL_BENCH_ASSIGN_PEOPLE villagers, default 300,000:
#    level 1 does not read them) in SQLite, then `/usr/bin/time shuanglun
#    assign --level 1 --region 43`: seconds end to end (reading, solving,
#    storing the plan), the solver's own milliseconds, peak memory; twice
#    (the second with the database in the page cache).
# 3. A county campaign through the product (level 6, 百名干部联百企): the demo
#    database plus SL_BENCH_ASSIGN_CADRES (default 1,000) county cadres and
#    SL_BENCH_ASSIGN_FIRMS (default 10,000) enterprises in 蓝山县's villages,
#    twelve industries spread evenly over firms and cadres (an industry
#    picked with random() in a subquery was one for all of them: SQLite
#    evaluates such a subquery once); in the product every county cadre may
#    answer for every enterprise of the county (10 M pairs): `shuanglun
#    assign --level 6 --region 431127`, seconds, the solver, peak memory, and
#    how many pairs the priced instance kept.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
bin=$build/shuanglun
glpk_seconds=${SL_BENCH_ASSIGN_GLPK_SECONDS:-600}
people=${SL_BENCH_ASSIGN_PEOPLE:-300000}

# GLPK for the comparison only.
if [[ ! -f /usr/include/glpk.h ]] && ((glpk_seconds > 0)); then
  echo "bench: installing libglpk-dev for the LP comparison" >&2
  if [[ $(id -u) == 0 ]]; then apt-get install -y -q libglpk-dev >/dev/null; else sudo apt-get install -y -q libglpk-dev >/dev/null; fi
  cmake -U 'GLPK_*' "$build" >/dev/null
fi
ninja -C "$build" -j2 bench_assign_campaign bench_compliance_gen shuanglun >/dev/null

tmp=$(mktemp -d /tmp/sl-bench-assign.XXXXXX)
trap 'busy_kill; rm -rf "$tmp"' EXIT

# 1. The campaign.
wait_quiet
busy_start
read -r t m c <<<"$(timed "$tmp/campaign.log" "$build/bench_assign_campaign" 1000 10000 50 15 "$glpk_seconds")"
b=$(busy_stop)
cat "$tmp/campaign.log" >&2
cmd="bench_assign_campaign 1000 10000 50 15 $glpk_seconds"
grep -q $'optimality proof checked (1 = holds)\t1.000' "$tmp/campaign.log" ||
  { echo "bench: the campaign's plan is not proven optimal" >&2; exit 1; }
while IFS=$'\t' read -r name value unit; do
  emit "$name" "$value" "$unit" "$b" "$cmd"
done <"$tmp/campaign.log"
emit "campaign: process max RSS" "$(mb "$m")" MB "$b" "/usr/bin/time $cmd"

# 2. Level 1 for a province.
db=$tmp/province.db
url=sqlite:$db
"$bin" init --db "$url" >/dev/null
"$bin" regions import "$(regions_folder)" --under 43 --db "$url" >/dev/null
"$build/bench_compliance_gen" "$url" 43 "$people" 1 "$tmp/expect.json" >"$tmp/gen.log" 2>&1
sqlite3 "$db" "ANALYZE;"
targets=$(sqlite3 "$db" "SELECT COUNT(DISTINCT person_id) FROM chamber_membership")
leaders=$(sqlite3 "$db" "SELECT COUNT(DISTINCT person_id) FROM post WHERE kind = 'town_leader' AND leadership_team = 1")
echo "bench: province data: $targets entrepreneurs, $leaders leaders" >&2
for run in first again; do
  wait_quiet
  busy_start
  read -r t m c <<<"$(timed "$tmp/assign-$run.log" "$bin" assign --level 1 --region 43 --date 2022-12-31 --db "$url")" ||
    true
  b=$(busy_stop)
  head -n 3 "$tmp/assign-$run.log" >&2
  grep -q "^plan [0-9]*: " "$tmp/assign-$run.log" || { echo "bench: no plan" >&2; exit 1; }
  solve=$(sed -n 's/.*solved in \([0-9.]*\) ms.*/\1/p' "$tmp/assign-$run.log")
  status=$(sed -n 's/^plan [0-9]*: \([a-z]*\),.*/\1/p' "$tmp/assign-$run.log")
  cmd="shuanglun assign --level 1 --region 43 ($targets entrepreneurs, $leaders leaders; $status; $run run)"
  emit "province level 1 ($run run): end to end" "$t" s "$b" "/usr/bin/time $cmd"
  emit "province level 1 ($run run): solver" "$solve" ms "$b" "$cmd (stats.solve_ms)"
  emit "province level 1 ($run run): max RSS" "$(mb "$m")" MB "$b" "/usr/bin/time $cmd"
done

# 3. The county campaign through the product.
cadres=${SL_BENCH_ASSIGN_CADRES:-1000}
firms=${SL_BENCH_ASSIGN_FIRMS:-10000}
camp=$tmp/campaign.db
"$bin" init --db "sqlite:$camp" --demo >/dev/null
sqlite3 "$camp" <<SQL
CREATE TEMP TABLE v AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, path FROM region
  WHERE level = 'village' AND path LIKE '43/4311/431127/%';
CREATE TEMP TABLE ind(n INTEGER, code TEXT);
INSERT INTO ind VALUES (0, 'agriculture'), (1, 'manufacturing'), (2, 'wholesale_retail'),
  (3, 'culture'), (4, 'construction'), (5, 'transport'), (6, 'hospitality'), (7, 'it'),
  (8, 'finance'), (9, 'resident_services'), (10, 'education'), (11, 'leasing_business');
WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i + 1 < $firms)
INSERT INTO enterprise (name, uscc, industry, region_id, region_path, search_text, sort_key,
  created_at, updated_at)
SELECT '压测企业' || i, 'BENCH' || printf('%013d', i),
  (SELECT code FROM ind WHERE n = (i * 7 + 3) % 12), v.id, v.path, '', 'e' || i, 'x', 'x'
FROM k JOIN v ON v.n = (i * 7919) % (SELECT count(*) FROM v);
WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i + 1 < $cadres)
INSERT INTO person (name, region_id, region_path, search_text, sort_key, created_at, updated_at)
SELECT '压测干部' || i, v.id, v.path, '', 'c' || i, 'x', 'x'
FROM k JOIN v ON v.n = (i * 104729) % (SELECT count(*) FROM v);
INSERT INTO post (person_id, kind, region_id, region_path, valid_from, industry)
SELECT p.id, 'county_cadre', r.id, r.path, '2021-01-01',
  (SELECT code FROM ind WHERE n = p.id % 12)
FROM person p, region r WHERE p.name LIKE '压测干部%' AND r.code = '431127';
INSERT INTO coverage_rule (region_id, region_path, level, min_sources, max_sources, valid_from,
  created_at, updated_at)
SELECT id, path, 6, 1, 1, '2032-01-01', 'x', 'x' FROM region WHERE code = '431127';
ANALYZE;
SQL
wait_quiet
busy_start
read -r t m c <<<"$(timed "$tmp/county.log" "$bin" assign --level 6 --region 431127 --date 2032-01-01 --db "sqlite:$camp")" ||
  true
b=$(busy_stop)
head -n 2 "$tmp/county.log" >&2
grep -q "^plan [0-9]*: optimal" "$tmp/county.log" || { echo "bench: the county campaign has no optimal plan" >&2; exit 1; }
solve=$(sed -n 's/.*solved in \([0-9.]*\) ms.*/\1/p' "$tmp/county.log")
read -r pairs solved <<<"$(sqlite3 -separator ' ' "$camp" "SELECT json_extract(result, '\$.stats.arcs'), json_extract(result, '\$.stats.arcs_solved') FROM assignment_plan ORDER BY id DESC LIMIT 1")"
cmd="shuanglun assign --level 6 --region 431127 ($cadres county cadres x $firms enterprises, every pair eligible)"
emit "county campaign (product): end to end" "$t" s "$b" "/usr/bin/time $cmd"
emit "county campaign (product): solver with pricing" "$solve" ms "$b" "$cmd (stats.solve_ms)"
emit "county campaign (product): max RSS" "$(mb "$m")" MB "$b" "/usr/bin/time $cmd"
emit "county campaign (product): eligible pairs" "$pairs" pairs "$b" "$cmd (stats.arcs)"
emit "county campaign (product): pairs in the priced instance" "$solved" pairs "$b" "$cmd (stats.arcs_solved)"
