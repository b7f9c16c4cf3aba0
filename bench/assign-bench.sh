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
