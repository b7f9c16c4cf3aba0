// Generates a province's projects, land-transfer contracts and collective
// income for the projects-and-land benchmark (bench/land-bench.sh, issue 14),
// straight into a database with the db layer's bulk insert (a reused
// prepared statement on SQLite, COPY on PostgreSQL).
//
//   bench_land_gen URL PROVINCE EXPECT_JSON
//
// URL is a database made by `shuanglun init` whose regions include PROVINCE
// (`shuanglun regions import FOLDER --under 43`). For Hunan (2,008 towns,
// 29,534 villages):
// - every town: 50 projects (the six kinds in turn, at the town or one of its
//   villages, started 2018-2023, 1-4 stage steps, one in 17 terminated),
//   each with 5 indicator values of 2022 (area_mu, investment_actual_fen,
//   output_value_fen, jobs, visitors; about a third expected, the rest
//   actual): 100,400 projects, 502,000 values;
// - every village: its collective (organization kind 'collective'), one
//   person who takes the land (the transferee), 20 contracts with the
//   collective as transferor: yearly rent for 5 years from a day of 2021 or
//   2022, the schedule land::Schedule makes (as the product does), the rent
//   received for each payment due by 2022-12-31 except some (one contract in
//   five has its latest payment unpaid, one in seven half paid), and 2 income
//   entries of 2022 (a dividend and a service, subsidy or other income):
//   590,680 contracts, 2,953,400 payments, 767,884 receipts.
//
// Everything is a pure function of the region list. No search-index rows and
// no audit rows: the routes measured read neither. EXPECT_JSON receives what
// the routes must answer: the overdue contracts on 2022-12-31 of the village
// 431127103224 and the county 431127 (total, the first page of 20, its
// overdue sum), and the projects' and the collectives' income figures of
// 2022 for the town 431127103, the county 431127 and the province.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/date.hpp"
#include "core/decimal.hpp"
#include "core/json.hpp"
#include "core/messages.hpp"
#include "db/db.hpp"
#include "land/land.hpp"
#include "projects/projects.hpp"
#include "store/write.hpp"

namespace {

using sl::db::Params;
using sl::db::Value;

constexpr const char* kStamp = "2022-01-01T00:00:00Z";
constexpr const char* kYearFirst = "2022-01-01";
constexpr const char* kYearLast = "2022-12-31";
constexpr const char* kOverdueDate = "2022-12-31";  // the lists' ?date=
constexpr int kProjectsPerTown = 50, kContractsPerVillage = 20, kPageSize = 20;
const char* const kIndicators[5] = {"area_mu", "investment_actual_fen", "output_value_fen", "jobs",
                                    "visitors"};
const char* const kLandTypes[6] = {"farmland", "forest", "orchard", "grassland", "water", "other"};
const char* const kPurposes[6] = {"水稻种植", "中草药种植", "果园经营",
                                  "牧草种植", "水产养殖",   "乡村旅游"};
const char* const kStageOrder[4] = {"negotiating", "signed", "building", "producing"};

struct Place {
  int64_t id = 0;
  std::string code, name, path;
};

// The three scopes whose figures are checked, by code prefix.
struct Scopes {
  std::string town, county, province;
  // Which of town (0), county (1), province (2) a region code lies under.
  std::vector<int> Of(const std::string& code) const {
    std::vector<int> out;
    if (code.rfind(town, 0) == 0) out.push_back(0);
    if (code.rfind(county, 0) == 0) out.push_back(1);
    if (code.rfind(province, 0) == 0) out.push_back(2);
    return out;
  }
};

struct ProjectTally {
  std::map<std::string, int64_t> projects;                       // kind -> n
  std::map<std::string, std::map<std::string, int64_t>> stages;  // kind -> stage -> n
  std::map<std::pair<std::string, bool>, int64_t> values;        // (indicator, expected) -> sum
};

struct IncomeTally {
  std::map<std::string, int64_t> sources;  // source -> fen
  std::map<int64_t, bool> collectives;     // organizations with income in the year
};

struct Overdue {
  int64_t id;
  std::string starts_on;
  int64_t overdue_fen;
};

int Fail(const sl::Error& e) {
  std::cerr << "bench_land_gen: " << sl::Say(e.message, sl::Lang::kEn) << " " << e.detail << "\n";
  return 1;
}

std::pair<Value, Value> Names(const std::string& name) {
  auto cols = sl::store::NameColumns(name);
  return {cols.at(0).second, cols.at(1).second};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: bench_land_gen URL PROVINCE EXPECT_JSON\n";
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();
  auto db = sl::db::Database::Open(argv[1]);
  if (!db.ok()) return Fail(db.error());
  const std::string province = argv[2];
  auto tx = (*db)->Begin(sl::db::Mode::kWrite);
  if (!tx.ok()) return Fail(tx.error());
  auto& t = **tx;
  auto rows = t.Query(
      "SELECT id, code, name, path, level FROM region WHERE code LIKE ? AND level IN "
      "('town', 'village') ORDER BY path",
      {province + "%"});
  if (!rows.ok()) return Fail(rows.error());
  std::vector<Place> towns;
  std::map<std::string, std::vector<Place>> villages;  // town path -> villages
  size_t village_count = 0;
  for (const auto& r : *rows) {
    Place p{r.Int(0), r.Str(1), r.Str(2), r.Str(3)};
    if (r.Str(4) == "town") {
      towns.push_back(p);
    } else if (!towns.empty() && p.path.rfind(towns.back().path, 0) == 0) {
      villages[towns.back().path].push_back(p);
      ++village_count;
    }
  }
  if (towns.empty()) {
    std::cerr << "bench_land_gen: no towns under " << province << "\n";
    return 1;
  }
  std::map<std::string, int> scale;
  {
    auto ind = t.Query("SELECT code, scale FROM indicator");
    if (!ind.ok()) return Fail(ind.error());
    for (const auto& r : *ind) scale[r.Str(0)] = static_cast<int>(r.Int(1));
  }
  for (const char* code : kIndicators)
    if (!scale.count(code)) {
      std::cerr << "bench_land_gen: no indicator " << code << "\n";
      return 1;
    }

  auto max_id = [&](const char* table) -> int64_t {
    auto row = t.QueryOne(std::string("SELECT COALESCE(MAX(id), 0) FROM ") + table);
    return row.ok() && *row ? (*row)->Int(0) : 0;
  };
  const std::vector<std::string> id_tables = {"person",        "organization",     "project",
                                              "project_value", "land_contract",    "land_payment",
                                              "land_receipt",  "collective_income"};
  int64_t person_id = max_id("person"), org_id = max_id("organization"),
          project_id = max_id("project"), value_id = max_id("project_value"),
          contract_id = max_id("land_contract"), payment_id = max_id("land_payment"),
          receipt_id = max_id("land_receipt"), income_id = max_id("collective_income");

  const std::vector<std::string> person_cols = {
      "id",          "name",     "region_id",  "region_path", "notes",
      "search_text", "sort_key", "created_at", "updated_at",  "version"};
  const std::vector<std::string> org_cols = {"id",          "kind",        "name",     "region_id",
                                             "region_path", "search_text", "sort_key", "created_at",
                                             "updated_at",  "version"};
  const std::vector<std::string> project_cols = {
      "id",       "kind",       "name",        "region_id",  "region_path",
      "stage",    "stage_on",   "description", "started_on", "search_text",
      "sort_key", "created_at", "updated_at",  "version"};
  const std::vector<std::string> stage_cols = {"project_id", "stage", "on_date"};
  const std::vector<std::string> value_cols = {
      "id",    "project_id", "indicator",   "period_from", "period_to",  "expected",
      "value", "source",     "region_path", "created_at",  "updated_at", "version"};
  const std::vector<std::string> contract_cols = {"id",
                                                  "region_id",
                                                  "region_path",
                                                  "transferor_org_id",
                                                  "transferee_enterprise_id",
                                                  "transferee_person_id",
                                                  "land_type",
                                                  "area_hundredths",
                                                  "purpose",
                                                  "starts_on",
                                                  "ends_on",
                                                  "years",
                                                  "rent_fen_per_year",
                                                  "rent_fen_per_mu_year",
                                                  "increase_percent",
                                                  "increase_every",
                                                  "payment_frequency",
                                                  "jobs",
                                                  "note",
                                                  "search_text",
                                                  "sort_key",
                                                  "created_at",
                                                  "updated_at",
                                                  "version"};
  const std::vector<std::string> payment_cols = {
      "id", "contract_id", "n", "due_on", "amount_fen", "received_fen", "region_path", "deleted"};
  const std::vector<std::string> receipt_cols = {
      "id",   "contract_id",       "n",           "received_on", "amount_fen", "payer",
      "note", "collective_org_id", "region_path", "created_by",  "created_at"};
  const std::vector<std::string> income_cols = {
      "id",         "organization_id", "region_id", "region_path", "year",       "source",
      "amount_fen", "received_on",     "note",      "created_at",  "updated_at", "version"};

  std::vector<Params> people, orgs, projects, stages, values, contracts, payments, receipts, income;
  int64_t n_people = 0, n_orgs = 0, n_projects = 0, n_stages = 0, n_values = 0, n_contracts = 0,
          n_payments = 0, n_receipts = 0, n_income = 0;
  auto flush = [&]() -> sl::Status {
    // Parents before the rows that point to them.
    if (!people.empty()) SL_TRY(t.BulkInsert("person", person_cols, people));
    if (!orgs.empty()) SL_TRY(t.BulkInsert("organization", org_cols, orgs));
    if (!projects.empty()) SL_TRY(t.BulkInsert("project", project_cols, projects));
    if (!stages.empty()) SL_TRY(t.BulkInsert("project_stage", stage_cols, stages));
    if (!values.empty()) SL_TRY(t.BulkInsert("project_value", value_cols, values));
    if (!contracts.empty()) SL_TRY(t.BulkInsert("land_contract", contract_cols, contracts));
    if (!payments.empty()) SL_TRY(t.BulkInsert("land_payment", payment_cols, payments));
    if (!receipts.empty()) SL_TRY(t.BulkInsert("land_receipt", receipt_cols, receipts));
    if (!income.empty()) SL_TRY(t.BulkInsert("collective_income", income_cols, income));
    n_people += static_cast<int64_t>(people.size());
    n_orgs += static_cast<int64_t>(orgs.size());
    n_projects += static_cast<int64_t>(projects.size());
    n_stages += static_cast<int64_t>(stages.size());
    n_values += static_cast<int64_t>(values.size());
    n_contracts += static_cast<int64_t>(contracts.size());
    n_payments += static_cast<int64_t>(payments.size());
    n_receipts += static_cast<int64_t>(receipts.size());
    n_income += static_cast<int64_t>(income.size());
    for (auto* v :
         {&people, &orgs, &projects, &stages, &values, &contracts, &payments, &receipts, &income})
      v->clear();
    return sl::OkStatus();
  };

  // The scopes checked: the demo's town, its county, the province; the
  // village whose list is asked for (朋佳村), or the town's first.
  Scopes scopes;
  scopes.town = "431127103";
  if (std::none_of(towns.begin(), towns.end(),
                   [&](const Place& p) { return p.code == scopes.town; }))
    scopes.town = towns.front().code;
  scopes.county = scopes.town.substr(0, 6);
  scopes.province = province;
  std::string sample_village = "431127103224";
  if (sample_village.rfind(scopes.town, 0) != 0) sample_village.clear();
  ProjectTally project_tally[3];
  IncomeTally income_tally[3];
  std::vector<Overdue> overdue_village, overdue_county;
  const std::string date_before = sl::AddDays(kOverdueDate, -1);  // overdue_days=1

  for (size_t ti = 0; ti < towns.size(); ++ti) {
    const Place& town = towns[ti];
    const auto& vs = villages[town.path];
    const std::vector<int> town_scopes = scopes.Of(town.code);

    // Projects.
    for (int i = 0; i < kProjectsPerTown; ++i) {
      const auto& kind =
          sl::projects::Kinds()[static_cast<size_t>(i) % sl::projects::Kinds().size()];
      const Place& at = (vs.empty() || i % 2 == 0) ? town : vs[static_cast<size_t>(i) % vs.size()];
      // Started 2018-2022 (a few in 2023: not yet the year's).
      const int year = i % 25 == 24 ? 2023 : 2018 + (i + static_cast<int>(ti)) % 5;
      char start[16];
      std::snprintf(start, sizeof start, "%04d-%02d-%02d", year, 1 + (i * 5) % 12,
                    1 + (i * 7 + static_cast<int>(ti)) % 28);
      std::vector<std::pair<std::string, std::string>> steps;  // stage, on
      const int n_steps = 1 + (i + static_cast<int>(ti)) % 4;
      for (int s = 0; s < n_steps; ++s)
        steps.emplace_back(kStageOrder[s], sl::AddMonths(start, 5 * s));
      if (i % 17 == 16) {
        // Terminated: in 2021 (not the year's), or later.
        const std::string on = year <= 2020 ? "2021-06-30" : sl::AddMonths(start, 5 * n_steps);
        if (on > steps.back().second) steps.emplace_back("terminated", on);
      }
      const std::string name = std::string(kind.zh_cn) + "项目" + std::to_string(project_id + 1);
      auto [search, sort] = Names(name);
      ++project_id;
      projects.push_back({project_id, std::string(kind.id), name, at.id, at.path,
                          steps.back().first, steps.back().second, std::string("基准测试生成"),
                          std::string(start), search, sort, std::string(kStamp),
                          std::string(kStamp), int64_t{1}});
      for (const auto& [stage, on] : steps) stages.push_back({project_id, stage, on});
      // The stage on the year's last day; the project is the year's if it
      // started by then and was not terminated before the year.
      std::string stage_end, stage_end_on;
      for (const auto& [stage, on] : steps)
        if (on <= kYearLast && on >= stage_end_on) {
          stage_end = stage;
          stage_end_on = on;
        }
      const bool counted = std::string(start) <= kYearLast &&
                           !(stage_end == "terminated" && stage_end_on < kYearFirst);
      for (int k = 0; k < 5; ++k) {
        const bool expected = (i + k) % 3 == 0;
        // area in hundredths of a 亩; money in fen.
        const int64_t v = k == 0   ? 1000 + (i * 7919 + static_cast<int64_t>(ti) * 31) % 900000
                          : k == 1 ? 100000 + (i * 104729 + static_cast<int64_t>(ti)) % 90000000
                          : k == 2 ? 500000 + (i * 15485863 + static_cast<int64_t>(ti)) % 900000000
                          : k == 3 ? (i * 13 + static_cast<int64_t>(ti)) % 120
                                   : (i * 977 + static_cast<int64_t>(ti) * 3) % 50000;
        values.push_back({++value_id, project_id, std::string(kIndicators[k]),
                          std::string(kYearFirst), std::string(kYearLast),
                          int64_t{expected ? 1 : 0}, v, std::string("生成"), at.path,
                          std::string(kStamp), std::string(kStamp), int64_t{1}});
        if (!counted) continue;
        for (int s : scopes.Of(at.code)) project_tally[s].values[{kIndicators[k], expected}] += v;
      }
      if (counted)
        for (int s : scopes.Of(at.code)) {
          ++project_tally[s].projects[std::string(kind.id)];
          if (!stage_end.empty()) ++project_tally[s].stages[std::string(kind.id)][stage_end];
        }
    }

    // Villages: the collective, the transferee, the contracts, the income.
    for (size_t vi = 0; vi < vs.size(); ++vi) {
      const Place& v = vs[vi];
      const std::vector<int> v_scopes = scopes.Of(v.code);
      const int64_t salt = static_cast<int64_t>(ti * 131 + vi);
      const std::string org_name = v.name + "股份经济合作社";
      {
        auto [search, sort] = Names(org_name);
        orgs.push_back({++org_id, std::string("collective"), org_name, v.id, v.path, search, sort,
                        std::string(kStamp), std::string(kStamp), int64_t{1}});
      }
      const std::string person_name = "流转户" + std::to_string(person_id + 1);
      {
        auto [search, sort] = Names(person_name);
        people.push_back({++person_id, person_name, v.id, v.path, std::string(), search, sort,
                          std::string(kStamp), std::string(kStamp), int64_t{1}});
      }
      for (int j = 0; j < kContractsPerVillage; ++j) {
        const int64_t id = ++contract_id;
        const int type = (j + static_cast<int>(vi)) % 6;
        const int64_t area = 1000 + (j * 3731 + salt * 17) % 50000;  // 10-510 亩
        char start[16];
        std::snprintf(start, sizeof start, "%04d-%02d-%02d", 2021 + j % 2,
                      1 + static_cast<int>((j * 5 + salt) % 12),
                      1 + static_cast<int>((j * 7 + salt) % 28));
        const std::string ends_on = sl::AddDays(sl::AddMonths(start, 60), -1);
        const bool per_mu = j % 3 == 0;
        const int64_t per_year = 200000 + (j * 7477 + salt * 13) % 3000000;
        const int64_t per_mu_rent = 30000 + (j % 5) * 5000;  // 300-500 元 a 亩
        const int increase = j % 4 == 0 ? 5 : 0;
        sl::land::Terms terms;
        terms.starts_on = start;
        terms.ends_on = ends_on;
        terms.rent_fen_per_year = per_mu ? (per_mu_rent * area + 50) / 100 : per_year;
        terms.increase_percent = increase;
        terms.increase_every = increase ? 2 : 0;
        terms.periods_per_year = 1;
        const std::string purpose = kPurposes[type];
        auto [search, sort] = Names(person_name + " · " + purpose);
        contracts.push_back({id,
                             v.id,
                             v.path,
                             org_id,
                             Value(),
                             person_id,
                             std::string(kLandTypes[type]),
                             area,
                             purpose,
                             std::string(start),
                             ends_on,
                             int64_t{5},
                             per_mu ? Value() : Value(per_year),
                             per_mu ? Value(per_mu_rent) : Value(),
                             int64_t{increase},
                             increase ? Value(int64_t{2}) : Value(),
                             std::string("yearly"),
                             int64_t{(j * 3 + salt) % 40},
                             std::string(),
                             search,
                             sort,
                             std::string(kStamp),
                             std::string(kStamp),
                             int64_t{1}});
        const std::vector<sl::land::Due> schedule = sl::land::Schedule(terms);
        size_t due_by_year_end = 0;
        while (due_by_year_end < schedule.size() && schedule[due_by_year_end].due_on <= kYearLast)
          ++due_by_year_end;
        bool overdue = false;
        int64_t overdue_fen = 0;
        for (size_t k = 0; k < schedule.size(); ++k) {
          const auto& d = schedule[k];
          int64_t received = 0;
          if (k < due_by_year_end) {
            const bool latest = k + 1 == due_by_year_end;
            received = latest && j % 5 == 3   ? 0
                       : latest && j % 7 == 5 ? d.amount_fen / 2
                                              : d.amount_fen;
            if (received > 0) {
              std::string on = sl::AddDays(d.due_on, static_cast<int>((j * 11 + salt) % 30));
              if (on > kYearLast) on = kYearLast;
              receipts.push_back({++receipt_id, id, int64_t{d.n}, on, received, person_name,
                                  std::string(), org_id, v.path, Value(), std::string(kStamp)});
              if (on >= kYearFirst && on <= kYearLast)
                for (int s : v_scopes) {
                  income_tally[s].sources["rent"] += received;
                  income_tally[s].collectives[org_id] = true;
                }
            }
          }
          payments.push_back({++payment_id, id, int64_t{d.n}, d.due_on, d.amount_fen, received,
                              v.path, int64_t{0}});
          // As the list judges on ?date=2022-12-31: the filter (a payment due
          // by the day before, not paid in full) and the contract's overdue sum.
          if (d.due_on <= date_before && received < d.amount_fen) overdue = true;
          if (d.due_on < kOverdueDate && received < d.amount_fen)
            overdue_fen += d.amount_fen - received;
        }
        if (overdue) {
          if (v.code == sample_village) overdue_village.push_back({id, start, overdue_fen});
          if (v.code.rfind(scopes.county, 0) == 0)
            overdue_county.push_back({id, start, overdue_fen});
        }
      }
      // Two entries of 2022 by hand.
      const char* second = salt % 3 == 0 ? "service" : salt % 3 == 1 ? "subsidy" : "other";
      const std::pair<const char*, int64_t> entries[2] = {
          {"dividend", 1000000 + (salt * 7919) % 5000000},
          {second, 200000 + (salt * 104729) % 800000}};
      for (const auto& [source, amount] : entries) {
        income.push_back({++income_id, org_id, v.id, v.path, int64_t{2022}, std::string(source),
                          amount, std::string("2022-06-30"), std::string(), std::string(kStamp),
                          std::string(kStamp), int64_t{1}});
        for (int s : v_scopes) {
          income_tally[s].sources[source] += amount;
          income_tally[s].collectives[org_id] = true;
        }
      }
    }
    if (payments.size() + values.size() >= 100000) {
      if (auto st = flush(); !st.ok()) return Fail(st.error());
    }
  }
  if (auto st = flush(); !st.ok()) return Fail(st.error());
  if (auto st = t.Commit(); !st.ok()) return Fail(st.error());
  // PostgreSQL: the sequences after the ids written, so that the product's
  // own inserts go on from there.
  if ((*db)->dialect() == sl::db::Dialect::kPostgres) {
    auto seq = (*db)->Begin(sl::db::Mode::kWrite);
    if (!seq.ok()) return Fail(seq.error());
    for (const auto& table : id_tables) {
      auto st = (*seq)->Query("SELECT setval(pg_get_serial_sequence('" + table +
                              "', 'id'), (SELECT MAX(id) FROM " + table + "))");
      if (!st.ok()) return Fail(st.error());
    }
    if (auto st = (*seq)->Commit(); !st.ok()) return Fail(st.error());
  }

  // What the routes must answer.
  const auto page_of = [](std::vector<Overdue> list) {
    std::sort(list.begin(), list.end(), [](const Overdue& a, const Overdue& b) {
      return std::tie(a.starts_on, a.id) > std::tie(b.starts_on, b.id);
    });
    sl::Json ids = sl::Json::array();
    int64_t sum = 0;
    for (size_t i = 0; i < list.size() && i < static_cast<size_t>(kPageSize); ++i) {
      ids.push_back(list[i].id);
      sum += list[i].overdue_fen;
    }
    int64_t all = 0;
    for (const auto& o : list) all += o.overdue_fen;
    return sl::Json{{"total", static_cast<int64_t>(list.size())},
                    {"ids", ids},
                    {"page_overdue_fen", sum},
                    {"overdue_fen", all}};
  };
  const auto projects_json = [&](const ProjectTally& p) {
    sl::Json kinds = sl::Json::array();
    for (const auto& kind : sl::projects::Kinds()) {
      const std::string id(kind.id);
      auto n = p.projects.find(id);
      if (n == p.projects.end()) continue;
      sl::Json by_stage = sl::Json::object();
      if (auto st = p.stages.find(id); st != p.stages.end())
        for (const auto& [stage, count] : st->second) by_stage[stage] = count;
      kinds.push_back(
          {{"kind", std::string(kind.id)}, {"projects", n->second}, {"by_stage", by_stage}});
    }
    // The indicators in their sort order (as migration 0016 makes them:
    // kIndicators' order), actual before expected.
    sl::Json totals = sl::Json::array();
    for (const char* code : kIndicators)
      for (bool expected : {false, true})
        if (auto v = p.values.find({code, expected}); v != p.values.end())
          totals.push_back({{"indicator", std::string(code)},
                            {"value", sl::FormatDecimal(v->second, scale[code])},
                            {"expected", expected}});
    return sl::Json{{"kinds", kinds}, {"indicators", totals}};
  };
  const auto income_json = [](const IncomeTally& i) {
    sl::Json by_source = sl::Json::array();
    int64_t total = 0;
    for (const auto& s : sl::land::IncomeSources())
      if (auto it = i.sources.find(std::string(s.id)); it != i.sources.end() && it->second != 0) {
        by_source.push_back({{"source", std::string(s.id)}, {"amount_fen", it->second}});
        total += it->second;
      }
    return sl::Json{{"total_fen", total},
                    {"by_source", by_source},
                    {"collectives", static_cast<int64_t>(i.collectives.size())}};
  };
  const int64_t total_rows = n_people + n_orgs + n_projects + n_stages + n_values + n_contracts +
                             n_payments + n_receipts + n_income;
  sl::Json expect = {
      {"towns", static_cast<int64_t>(towns.size())},
      {"villages", static_cast<int64_t>(village_count)},
      {"town_code", scopes.town},
      {"county_code", scopes.county},
      {"village_code", sample_village},
      {"date", std::string(kOverdueDate)},
      {"rows",
       {{"person", n_people},
        {"organization", n_orgs},
        {"project", n_projects},
        {"project_stage", n_stages},
        {"project_value", n_values},
        {"land_contract", n_contracts},
        {"land_payment", n_payments},
        {"land_receipt", n_receipts},
        {"collective_income", n_income}}},
      {"total_rows", total_rows},
      {"overdue", {{"village", page_of(overdue_village)}, {"county", page_of(overdue_county)}}},
      {"projects",
       {{"town", projects_json(project_tally[0])},
        {"county", projects_json(project_tally[1])},
        {"province", projects_json(project_tally[2])}}},
      {"income",
       {{"town", income_json(income_tally[0])},
        {"county", income_json(income_tally[1])},
        {"province", income_json(income_tally[2])}}}};
  std::ofstream(argv[3]) << expect.dump() << "\n";
  const double s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf(
      "bench_land_gen: %zu towns, %zu villages: %lld projects, %lld values, %lld contracts, %lld "
      "payments, %lld receipts, %lld income entries; %lld rows in %.1f s\n",
      towns.size(), village_count, static_cast<long long>(n_projects),
      static_cast<long long>(n_values), static_cast<long long>(n_contracts),
      static_cast<long long>(n_payments), static_cast<long long>(n_receipts),
      static_cast<long long>(n_income), static_cast<long long>(total_rows), s);
  return 0;
}
