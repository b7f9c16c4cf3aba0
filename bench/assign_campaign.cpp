// The county campaign of issue 5 (百名干部联百企 at scale): CADRES cadres and
// ENTERPRISES enterprises at random places in a 100 km square, each
// enterprise eligible for its K nearest cadres, a pair costing its distance in
// 100 m, each cadre taking at most MAX enterprises with a convex load cost.
//
//   bench_assign_campaign [CADRES=1000] [ENTERPRISES=10000] [K=50] [MAX=15]
//                         [GLPK_SECONDS=600]
//
// Prints tab-separated figures (name, value, unit): the exact plan with
// sl::assign::Solve (seconds, cost, proof checked with Verify), the same
// problem as a linear program with GLPK's simplex when the benchmark was
// built with it (seconds, or the time limit when it did not finish, and its
// objective), a greedy nearest-first assignment (its cost and how far above
// the optimum), and the process's peak memory after each step.

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <random>
#include <vector>

#include "assign/solver.hpp"

#ifdef SL_HAVE_GLPK
#include <glpk.h>
#endif

namespace {

using sl::assign::Arc;
using sl::assign::Instance;
using sl::assign::Solution;

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

double PeakMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

void Emit(const char* name, double value, const char* unit) {
  std::printf("%s\t%.3f\t%s\n", name, value, unit);
  std::fflush(stdout);
}

struct Point {
  double x, y;
};

Instance Campaign(int cadres, int enterprises, int k, int max_load, int64_t load_weight) {
  std::mt19937 rng(20261129);
  std::uniform_real_distribution<double> where(0.0, 100.0);
  std::vector<Point> c(cadres), e(enterprises);
  for (auto& p : c) p = {where(rng), where(rng)};
  for (auto& p : e) p = {where(rng), where(rng)};
  Instance in;
  in.sources.assign(cadres, {0, max_load});
  in.targets.assign(enterprises, {1});
  in.load_weight = load_weight;
  std::vector<std::pair<double, int>> near(cadres);
  for (int j = 0; j < enterprises; ++j) {
    for (int i = 0; i < cadres; ++i) {
      const double dx = c[i].x - e[j].x, dy = c[i].y - e[j].y;
      near[i] = {dx * dx + dy * dy, i};
    }
    std::partial_sort(near.begin(), near.begin() + k, near.end());
    for (int n = 0; n < k; ++n)
      in.arcs.push_back(
          {near[n].second, j, static_cast<int64_t>(std::lround(std::sqrt(near[n].first) * 10))});
  }
  return in;
}

// Each enterprise in turn (nearest pairs first) to its nearest cadre with room.
int64_t Greedy(const Instance& in, int* uncovered) {
  std::vector<int> order(in.arcs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return in.arcs[a].cost < in.arcs[b].cost; });
  std::vector<int> load(in.sources.size(), 0);
  std::vector<char> done(in.targets.size(), 0);
  int64_t cost = 0;
  for (int a : order) {
    const Arc& arc = in.arcs[a];
    if (done[arc.target] || load[arc.source] >= in.sources[arc.source].max) continue;
    done[arc.target] = 1;
    ++load[arc.source];
    cost += arc.cost;
  }
  *uncovered = static_cast<int>(std::count(done.begin(), done.end(), 0));
  for (int l : load) cost += sl::assign::LoadCost(in.load_weight, l);
  return cost;
}

#ifdef SL_HAVE_GLPK
// The same problem as a linear program: x_a for every pair, u_ik for the k-th
// unit of cadre i's load (cost load_weight * k); Σ_a∈target x_a = 1 and
// Σ_a∈source x_a = Σ_k u_ik. Returns the objective, or -1 when the time limit
// stopped it.
double Glpk(const Instance& in, int seconds, double* took) {
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MIN);
  const int nt = static_cast<int>(in.targets.size()), ns = static_cast<int>(in.sources.size());
  glp_add_rows(lp, nt + ns);
  for (int j = 0; j < nt; ++j) glp_set_row_bnds(lp, 1 + j, GLP_FX, 1.0, 1.0);
  for (int i = 0; i < ns; ++i) glp_set_row_bnds(lp, 1 + nt + i, GLP_FX, 0.0, 0.0);
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0};
  int col = 0;
  glp_add_cols(lp, static_cast<int>(in.arcs.size()));
  for (const Arc& a : in.arcs) {
    ++col;
    glp_set_col_bnds(lp, col, GLP_DB, 0.0, 1.0);
    glp_set_obj_coef(lp, col, static_cast<double>(a.cost));
    ia.push_back(1 + a.target), ja.push_back(col), ar.push_back(1.0);
    ia.push_back(1 + nt + a.source), ja.push_back(col), ar.push_back(1.0);
  }
  for (int i = 0; i < ns; ++i) {
    const int units = in.sources[i].max;
    const int first = glp_add_cols(lp, units);
    for (int u = 0; u < units; ++u) {
      glp_set_col_bnds(lp, first + u, GLP_DB, 0.0, 1.0);
      glp_set_obj_coef(lp, first + u, static_cast<double>(in.load_weight * u));
      ia.push_back(1 + nt + i), ja.push_back(first + u), ar.push_back(-1.0);
    }
  }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.tm_lim = seconds * 1000;
  const auto started = std::chrono::steady_clock::now();
  const int rc = glp_simplex(lp, &parm);
  *took = Seconds(started);
  const double obj = rc == 0 && glp_get_status(lp) == GLP_OPT ? glp_get_obj_val(lp) : -1.0;
  glp_delete_prob(lp);
  return obj;
}
#endif

}  // namespace

int main(int argc, char** argv) {
  const int cadres = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int enterprises = argc > 2 ? std::atoi(argv[2]) : 10000;
  const int k = argc > 3 ? std::atoi(argv[3]) : 50;
  const int max_load = argc > 4 ? std::atoi(argv[4]) : 15;
  const int glpk_seconds = argc > 5 ? std::atoi(argv[5]) : 600;
  const int64_t load_weight = 10;

  auto t = std::chrono::steady_clock::now();
  Instance in = Campaign(cadres, enterprises, k, max_load, load_weight);
  Emit("campaign: build the instance", Seconds(t), "s");
  Emit("campaign: pairs", static_cast<double>(in.arcs.size()), "arcs");

  t = std::chrono::steady_clock::now();
  Solution s = sl::assign::Solve(in, 1);
  const double exact = Seconds(t);
  Emit("campaign: exact plan (network simplex, 1 thread)", exact, "s");
  Emit("campaign: exact plan cost", static_cast<double>(s.cost), "");
  Emit("campaign: exact plan feasible", s.feasible ? 1 : 0, "");
  Emit("campaign: peak memory after the exact plan", PeakMb(), "MB");
  t = std::chrono::steady_clock::now();
  const std::string proof = sl::assign::Verify(in, s);
  Emit("campaign: optimality proof checked (1 = holds)", proof.empty() ? 1 : 0, "");
  Emit("campaign: proof check", Seconds(t), "s");
  if (!proof.empty()) std::fprintf(stderr, "verify: %s\n", proof.c_str());

  int uncovered = 0;
  t = std::chrono::steady_clock::now();
  const int64_t greedy = Greedy(in, &uncovered);
  Emit("campaign: greedy nearest-first", Seconds(t), "s");
  Emit("campaign: greedy cost", static_cast<double>(greedy), "");
  Emit("campaign: greedy enterprises left uncovered", uncovered, "");
  Emit("campaign: greedy cost above the optimum",
       100.0 * static_cast<double>(greedy - s.cost) / static_cast<double>(s.cost), "%");

#ifdef SL_HAVE_GLPK
  if (glpk_seconds > 0) {
    double took = 0;
    const double obj = Glpk(in, glpk_seconds, &took);
    Emit("campaign: GLPK simplex (same LP)", took, "s");
    Emit("campaign: GLPK finished (1 = optimal within the limit)", obj >= 0 ? 1 : 0, "");
    if (obj >= 0) Emit("campaign: GLPK objective", obj, "");
    Emit("campaign: GLPK time / exact plan time", took / exact, "x");
    Emit("campaign: peak memory after GLPK", PeakMb(), "MB");
  }
#else
  (void)glpk_seconds;
  std::fprintf(stderr, "built without GLPK (libglpk-dev): no LP comparison\n");
#endif
  return proof.empty() && s.feasible ? 0 : 1;
}
