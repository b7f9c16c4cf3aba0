// Migration 17 on both databases: a database at schema 16 with visits'
// follow-ups (one open, to an enterprise; one done, to a person; a visit
// without one) comes out with the follow-ups as requests — owned by the
// visitor, due on the follow-up's date, resolved on the day it was done, on
// the timeline and in the search index — and the contacts' follow-up fields
// blank.

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "db/db_test_support.hpp"
#include "store/search_index.hpp"

namespace sl::requests {
namespace {

using db::Mode;
using db::test_support::Describe;

constexpr int kBefore = 16;  // the schema the test starts from

class Migration17Test : public db::test_support::DbTest {
 protected:
  // Applies migrations 1..kBefore as db::Migrate does, without their data
  // steps (the database is empty until the test fills it).
  void MigrateTo16() {
    ASSERT_NE(db_, nullptr);
    {
      auto tx = Begin(Mode::kWrite);
      ASSERT_NE(tx, nullptr);
      ASSERT_OK(
          tx->ExecScript("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT "
                         "NULL, applied_at TEXT NOT NULL)"));
      ASSERT_OK(tx->Commit());
    }
    for (size_t i = 0; i < db::internal::kEmbeddedMigrationCount; ++i) {
      const auto& m = db::internal::kEmbeddedMigrations[i];
      if (m.version > kBefore) break;
      ASSERT_OK_AND_ASSIGN(std::string sql, db::internal::RenderMigration(m, db_->dialect()));
      auto tx = Begin(Mode::kWrite);
      ASSERT_NE(tx, nullptr);
      ASSERT_OK(tx->ExecScript(sql));
      ASSERT_OK(tx->Exec("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                         {int64_t{m.version}, std::string(m.name), "2022-01-01T00:00:00Z"}));
      ASSERT_OK(tx->Commit());
    }
    ASSERT_OK_AND_ASSIGN(int version, db::SchemaVersion(*db_));
    ASSERT_EQ(version, kBefore);
  }

  std::vector<db::Row> Rows(const std::string& sql, const db::Params& params = {}) {
    auto tx = Begin(Mode::kRead);
    if (!tx) return {};
    auto rows = tx->Query(sql, params);
    EXPECT_TRUE(rows.ok()) << Describe(rows.error());
    return rows.ok() ? std::move(rows).value() : std::vector<db::Row>();
  }
};

constexpr const char* kCounty = "43/4311/431127/";
constexpr const char* kTown = "43/4311/431127/431127103/";
constexpr const char* kVillage = "43/4311/431127/431127103/431127103224/";
constexpr const char* kStamp = "2022-03-01T02:00:00Z";

TEST_P(Migration17Test, FollowUpsBecomeRequests) {
  MigrateTo16();
  if (HasFatalFailure()) return;

  // A follow-up longer than a request's title keeps all of it as the detail.
  const std::string open_follow_up =
      "协调解决冷库生产用电增容问题，供电所已现场查看，需镇里出具用电负荷说明并与县供电公司对接，"
      "争取在旺季前完成线路改造，确保冷库按期投产";
  const std::string done_follow_up = "帮助申请创业担保贷款";
  int64_t user = 0, visitor = 0, villager = 0, firm = 0, village = 0;
  int64_t open_visit = 0, done_visit = 0, plain_visit = 0;
  {
    auto tx = Begin(Mode::kWrite);
    ASSERT_NE(tx, nullptr);
    int64_t town = 0;
    for (auto [code, name, level, parent, path] :
         {std::tuple{"431127", "蓝山县", "county", "4311", kCounty},
          std::tuple{"431127103", "楠市镇", "town", "431127", kTown},
          std::tuple{"431127103224", "朋佳村", "village", "431127103", kVillage}}) {
      ASSERT_OK_AND_ASSIGN(
          int64_t id, tx->InsertId("INSERT INTO region (code, name, official_name, level, "
                                   "parent_code, path, search_text, sort_key) VALUES (?, ?, ?, ?, "
                                   "?, ?, ?, ?) RETURNING id",
                                   {code, name, name, level, parent, path, name, code}));
      if (std::string_view(level) == "town") town = id;
      if (std::string_view(level) == "village") village = id;
    }
    ASSERT_OK_AND_ASSIGN(user, tx->InsertId("INSERT INTO app_user (username, display_name, "
                                            "password_hash, created_at, updated_at) VALUES (?, ?, "
                                            "?, ?, ?) RETURNING id",
                                            {"zhenzhang", "楠市镇镇长", "x", kStamp, kStamp}));
    const auto person = [&](const char* name, int64_t region, const char* path) {
      return tx->InsertId(
          "INSERT INTO person (name, region_id, region_path, search_text, sort_key, created_at, "
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {name, region, path, name, name, kStamp, kStamp});
    };
    ASSERT_OK_AND_ASSIGN(visitor, person("曾进龙", town, kTown));
    ASSERT_OK_AND_ASSIGN(villager, person("欧阳成曲", village, kVillage));
    ASSERT_OK_AND_ASSIGN(
        firm, tx->InsertId("INSERT INTO enterprise (name, uscc, industry, region_id, region_path, "
                           "search_text, sort_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, "
                           "?, ?, ?, ?) RETURNING id",
                           {"蓝山县朋佳中草药种植有限公司", "91431127MA4L000001", "agriculture",
                            village, kVillage, "x", "x", kStamp, kStamp}));
    const auto contact = [&](const char* kind, int64_t target, const std::string& follow_up,
                             db::Value due, db::Value done, const char* occurred,
                             const char* updated) {
      return tx->InsertId(
          "INSERT INTO contact (person_id, target_kind, target_id, region_path, occurred_on, "
          "kind, notes, follow_up, follow_up_due, follow_up_done_on, created_at, updated_at, "
          "created_by) VALUES (?, ?, ?, ?, ?, 'visit', '走访', ?, ?, ?, ?, ?, ?) RETURNING id",
          {visitor, kind, target, kVillage, occurred, follow_up, due, done,
           std::string(occurred) + "T02:00:00Z", updated, user});
    };
    ASSERT_OK_AND_ASSIGN(open_visit, contact("enterprise", firm, open_follow_up, "2022-03-31",
                                             db::Value(), "2022-03-07", "2022-03-07T02:00:00Z"));
    ASSERT_OK_AND_ASSIGN(done_visit, contact("person", villager, done_follow_up, "2022-04-15",
                                             "2022-04-08", "2022-03-10", "2022-04-08T03:00:00Z"));
    ASSERT_OK_AND_ASSIGN(plain_visit, contact("person", villager, "", db::Value(), db::Value(),
                                              "2022-03-11", "2022-03-11T02:00:00Z"));
    ASSERT_OK(tx->Commit());
  }

  ASSERT_OK(db::Migrate(*db_, store::SearchIndexMigrationSteps()));
  ASSERT_OK_AND_ASSIGN(int version, db::SchemaVersion(*db_));
  EXPECT_EQ(version, db::LatestSchemaVersion());

  const auto requests = Rows(
      "SELECT id, contact_id, region_id, region_path, requester_enterprise_id, "
      "requester_person_id, category, title, detail, source, raised_on, owner_person_id, due_on, "
      "status, is_open, resolved_on, created_by, search_text, sort_key FROM request ORDER BY "
      "contact_id");
  ASSERT_EQ(requests.size(), 2u) << "a request for each follow-up, none for the plain visit";
  const db::Row& open = requests[0];
  const db::Row& done = requests[1];

  // The open follow-up: the enterprise's request, accepted, due on its date.
  EXPECT_EQ(open.Int(1), open_visit);
  EXPECT_EQ(open.Int(2), village);
  EXPECT_EQ(open.Str(3), kVillage);
  EXPECT_EQ(open.Int(4), firm);
  EXPECT_TRUE(open.IsNull(5));
  EXPECT_EQ(open.Str(6), "other");
  EXPECT_EQ(open.Str(7), open_follow_up.substr(0, 60 * 3)) << "the first 60 characters";
  EXPECT_EQ(open.Str(8), open_follow_up);
  EXPECT_EQ(open.Str(9), "visit");
  EXPECT_EQ(open.Str(10), "2022-03-07");
  EXPECT_EQ(open.Int(11), visitor);
  EXPECT_EQ(open.Str(12), "2022-03-31");
  EXPECT_EQ(open.Str(13), "accepted");
  EXPECT_EQ(open.Int(14), 1);
  EXPECT_TRUE(open.IsNull(15));
  EXPECT_EQ(open.Int(16), user);

  // The follow-up done: the person's request, resolved on the day it was done.
  EXPECT_EQ(done.Int(1), done_visit);
  EXPECT_TRUE(done.IsNull(4));
  EXPECT_EQ(done.Int(5), villager);
  EXPECT_EQ(done.Str(6), "other");
  EXPECT_EQ(done.Str(7), done_follow_up);
  EXPECT_EQ(done.Str(8), done_follow_up);
  EXPECT_EQ(done.Str(9), "visit");
  EXPECT_EQ(done.Str(10), "2022-03-10");
  EXPECT_EQ(done.Int(11), visitor);
  EXPECT_EQ(done.Str(12), "2022-04-15");
  EXPECT_EQ(done.Str(13), "resolved");
  EXPECT_EQ(done.Int(14), 0);
  EXPECT_EQ(done.Str(15), "2022-04-08");

  // The timeline: created (as accepted) for both, then resolved for the one done.
  const auto steps = Rows(
      "SELECT request_id, action, from_status, to_status, user_id, due_on, at FROM "
      "request_action ORDER BY request_id, id");
  ASSERT_EQ(steps.size(), 3u);
  const int64_t open_id = open.Int(0), done_id = done.Int(0);
  std::vector<std::tuple<int64_t, std::string, std::string, std::string>> got;
  for (const auto& s : steps)
    got.emplace_back(s.Int(0), s.Str(1), s.IsNull(2) ? "-" : s.Str(2), s.Str(3));
  const auto first_is_open = open_id < done_id;
  std::vector<std::tuple<int64_t, std::string, std::string, std::string>> want = {
      {open_id, "create", "-", "accepted"},
      {done_id, "create", "-", "accepted"},
      {done_id, "resolve", "accepted", "resolved"}};
  if (!first_is_open) std::rotate(want.begin(), want.begin() + 1, want.end());
  EXPECT_EQ(got, want);
  for (const auto& s : steps) {
    EXPECT_EQ(s.Int(4), user) << s.Str(1);
    if (s.Str(1) == "create") {
      EXPECT_EQ(s.Str(5), s.Int(0) == open_id ? "2022-03-31" : "2022-04-15");
      EXPECT_EQ(s.Str(6), s.Int(0) == open_id ? "2022-03-07T02:00:00Z" : "2022-03-10T02:00:00Z");
    }
  }

  // The contacts keep their visit; their follow-up fields are blank.
  for (const auto& c : Rows("SELECT id, follow_up, follow_up_due, follow_up_done_on, notes FROM "
                            "contact ORDER BY id")) {
    EXPECT_EQ(c.Str(1), "") << c.Int(0);
    EXPECT_TRUE(c.IsNull(2)) << c.Int(0);
    EXPECT_TRUE(c.IsNull(3)) << c.Int(0);
    EXPECT_EQ(c.Str(4), "走访") << c.Int(0);
  }
  EXPECT_EQ(Rows("SELECT id FROM contact").size(), 3u);
  (void)plain_visit;

  // Searchable by title: search_text and sort_key filled in, index rows made.
  for (const db::Row* r : {&open, &done}) {
    EXPECT_NE(r->Str(17), "") << r->Int(0);
    EXPECT_NE(r->Str(18), "") << r->Int(0);
    EXPECT_EQ(r->Str(17), store::SearchTextOf(r->Str(7))) << r->Int(0);
    EXPECT_FALSE(Rows("SELECT token FROM search_token WHERE kind = ? AND record_id = ?",
                      {static_cast<int64_t>(store::SearchKind::kRequest), r->Int(0)})
                     .empty())
        << r->Int(0);
  }
  for (auto [q, want_id] :
       {std::pair{"冷库", open_id}, std::pair{"担保贷款", done_id}, std::pair{"lengku", open_id}}) {
    db::Params params;
    const std::string cond =
        store::SearchCondition(q, store::SearchKind::kRequest, "q.id", "q.search_text", params);
    ASSERT_FALSE(cond.empty()) << q;
    const auto found = Rows("SELECT q.id FROM request q WHERE " + cond, params);
    ASSERT_EQ(found.size(), 1u) << q;
    EXPECT_EQ(found[0].Int(0), want_id) << q;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, Migration17Test, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace sl::requests
