// Generates a province's year of events for the events benchmark
// (bench/events-bench.sh), straight into a database with the db layer's bulk
// insert (a reused prepared statement on SQLite, COPY on PostgreSQL).
//
//   bench_events_gen URL PROVINCE EXPECT_JSON
//
// URL is a database made by `shuanglun init` whose regions include PROVINCE
// (`shuanglun regions import FOLDER --under 43`). Every town gets 200 people
// (in its villages, round robin) and, for each month of 2022, 10 events: the
// seven built-in kinds in turn, at the town or one of its villages; each
// event has 21 people on its roll (19 present, 1 absent, 1 excused), and the
// welfare courses 0-4 unregistered children. For Hunan (2,008 towns): 241k
// events and 5.06M attendance rows.
//
// Everything is a pure function of the region list. No search-index rows and
// no audit rows: the figures read neither. EXPECT_JSON receives what
// /api/v1/stats/events must answer for the province, one county and one town.

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/messages.hpp"
#include "db/db.hpp"
#include "db/scope.hpp"
#include "text/text.hpp"

namespace {

using sl::db::Params;
using sl::db::Value;

constexpr const char* kStamp = "2022-01-01T00:00:00Z";
constexpr int kPeoplePerTown = 200, kEventsPerMonth = 10, kRoll = 21;
const char* const kKinds[7] = {"party_committee", "chamber_symposium", "villager_representatives",
                               "farmer_training", "party_training",    "study_trip",
                               "welfare_course"};
const char* const kGroups[7] = {"meeting",  "meeting", "meeting", "training",
                                "training", "trip",    "activity"};

struct Place {
  int64_t id = 0;
  std::string code, path;
};

struct Figures {
  int64_t events = 0, attendances = 0, unregistered = 0;
  std::set<int64_t> people;
  void Add(const Figures& o) {
    events += o.events;
    attendances += o.attendances;
    unregistered += o.unregistered;
    people.insert(o.people.begin(), o.people.end());
  }
  sl::Json ToJson() const {
    return {{"events", events},
            {"attendances", attendances},
            {"people", static_cast<int64_t>(people.size())},
            {"unregistered", unregistered}};
  }
};

int Fail(const sl::Error& e) {
  std::cerr << "bench_events_gen: " << sl::Say(e.message, sl::Lang::kEn) << " " << e.detail << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: bench_events_gen URL PROVINCE EXPECT_JSON\n";
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
      "SELECT id, code, path, level FROM region WHERE code LIKE ? AND level IN "
      "('town', 'village') ORDER BY path",
      {province + "%"});
  if (!rows.ok()) return Fail(rows.error());
  std::vector<Place> towns;
  std::map<std::string, std::vector<Place>> villages;  // town path -> villages
  for (const auto& r : *rows) {
    Place p{r.Int(0), r.Str(1), r.Str(2)};
    if (r.Str(3) == "town") {
      towns.push_back(p);
    } else if (!towns.empty() && p.path.rfind(towns.back().path, 0) == 0) {
      villages[towns.back().path].push_back(p);
    }
  }
  auto max_id = [&](const char* table) -> int64_t {
    auto row = t.QueryOne(std::string("SELECT COALESCE(MAX(id), 0) FROM ") + table);
    return row.ok() && *row ? (*row)->Int(0) : 0;
  };
  int64_t person_id = max_id("person"), event_id = max_id("event"),
          attendance_id = max_id("event_attendance");
  const std::vector<std::string> person_cols = {
      "id",          "name",     "region_id",  "region_path", "notes",
      "search_text", "sort_key", "created_at", "updated_at",  "version"};
  const std::vector<std::string> event_cols = {
      "id",          "kind",      "kind_group", "title",      "region_id", "region_path",
      "starts_at",   "starts_on", "place",      "agenda",     "decisions", "unregistered_count",
      "search_text", "sort_key",  "created_at", "updated_at", "version"};
  const std::vector<std::string> attendance_cols = {
      "id",     "event_id",    "person_id", "role", "status",
      "source", "region_path", "starts_on", "kind", "updated_at"};
  std::vector<Params> people, events, attendance;
  auto flush = [&]() -> sl::Status {
    if (!people.empty()) SL_TRY(t.BulkInsert("person", person_cols, people));
    if (!events.empty()) SL_TRY(t.BulkInsert("event", event_cols, events));
    if (!attendance.empty()) SL_TRY(t.BulkInsert("event_attendance", attendance_cols, attendance));
    people.clear();
    events.clear();
    attendance.clear();
    return sl::OkStatus();
  };
  const std::string title_text = sl::text::SearchText("镇党委会");
  const std::string title_key = sl::text::SortKey("镇党委会");
  std::map<std::string, Figures> by_town;
  int64_t total_rows = 0;
  for (const Place& town : towns) {
    const auto& vs = villages[town.path];
    std::vector<int64_t> ids;
    for (int i = 0; i < kPeoplePerTown; ++i) {
      const Place& home = vs.empty() ? town : vs[static_cast<size_t>(i) % vs.size()];
      const std::string name = "村民" + std::to_string(person_id + 1);
      people.push_back({++person_id, name, home.id, home.path, std::string(),
                        sl::text::SearchText(name), sl::text::SortKey(name), kStamp, kStamp,
                        int64_t{1}});
      ids.push_back(person_id);
    }
    Figures& f = by_town[town.code];
    for (int month = 1; month <= 12; ++month) {
      for (int k = 0; k < kEventsPerMonth; ++k) {
        const int n = (month - 1) * kEventsPerMonth + k;
        const int kind = n % 7;
        const Place& at =
            (vs.empty() || k % 2 == 0) ? town : vs[static_cast<size_t>(n) % vs.size()];
        char day[16];
        std::snprintf(day, sizeof day, "2022-%02d-%02d", month, 1 + (k * 3) % 28);
        const int64_t unregistered = kind == 6 ? n % 5 : 0;
        events.push_back({++event_id, std::string(kKinds[kind]), std::string(kGroups[kind]),
                          std::string("镇党委会"), at.id, at.path, std::string(day) + "T09:00",
                          std::string(day), std::string("会议室"), std::string(), std::string(),
                          unregistered, title_text, title_key, kStamp, kStamp, int64_t{1}});
        ++f.events;
        f.unregistered += unregistered;
        for (int j = 0; j < kRoll; ++j) {
          // 13 is prime to 200: 21 different people.
          const int64_t person = ids[static_cast<size_t>(n * 7 + j * 13) % ids.size()];
          const char* status = j == 9 ? "absent" : j == 19 ? "excused" : "present";
          attendance.push_back({++attendance_id, event_id, person,
                                std::string(j == 0 ? "host" : "participant"), std::string(status),
                                std::string("roll"), at.path, std::string(day),
                                std::string(kKinds[kind]), kStamp});
          if (j != 9 && j != 19) {
            ++f.attendances;
            f.people.insert(person);
          }
          ++total_rows;
        }
      }
    }
    if (attendance.size() >= 50000) {
      if (auto st = flush(); !st.ok()) return Fail(st.error());
    }
  }
  if (auto st = flush(); !st.ok()) return Fail(st.error());
  if (auto st = t.Commit(); !st.ok()) return Fail(st.error());

  // What the figures must say: the province, the county of the demo town, the town.
  Figures all, county;
  const std::string sample_town = by_town.count("431127103") ? "431127103" : towns.front().code;
  const std::string sample_county = sample_town.substr(0, 6);
  for (const auto& [code, f] : by_town) {
    all.Add(f);
    if (code.rfind(sample_county, 0) == 0) county.Add(f);
  }
  sl::Json expect = {{"province", all.ToJson()},
                     {"county", county.ToJson()},
                     {"county_code", sample_county},
                     {"town", by_town[sample_town].ToJson()},
                     {"town_code", sample_town},
                     {"towns", static_cast<int64_t>(towns.size())},
                     {"rows", static_cast<int64_t>(total_rows)}};
  std::ofstream(argv[3]) << expect.dump() << "\n";
  const double s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("bench_events_gen: %zu towns, %lld events, %lld attendance rows in %.1f s\n",
              towns.size(), static_cast<long long>(all.events), static_cast<long long>(total_rows),
              s);
  return 0;
}
