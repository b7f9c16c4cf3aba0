#include "audit/audit.hpp"

#include <gtest/gtest.h>

#include "testing/testing.hpp"

namespace sl::audit {
namespace {

class AuditTest : public testing::BackendTest {};

const Scope kTown = Scope::Subtree("43/4311/431127/431127103/");

TEST_P(AuditTest, RecordsWhoWhatBeforeAndAfterAndChainsThem) {
  {
    SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
    SL_ASSERT_OK(Record(*tx, {7, "nanshi"}, "user", 42, "create", Json(), Json{{"name", "张三"}},
                        "43/4311/431127/431127103/"));
    SL_ASSERT_OK(Record(*tx, {7, "nanshi"}, "user", 42, "update", Json{{"name", "张三"}},
                        Json{{"name", "张三丰"}}, "43/4311/431127/431127103/"));
    SL_ASSERT_OK(Record(*tx, System(), "user", 43, "create", Json(), Json{{"name", "x"}}, ""));
    SL_ASSERT_OK(tx->Commit());
  }
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  SL_ASSERT_OK_AND_ASSIGN(Json list, List(*tx, kTown, "user", 42, Page{}));
  ASSERT_EQ(list["total"], 2);
  const Json& newest = list["items"][0];
  EXPECT_EQ(newest["action"], "update");
  EXPECT_EQ(newest["user"]["username"], "nanshi");
  EXPECT_EQ(newest["before"]["name"], "张三");
  EXPECT_EQ(newest["after"]["name"], "张三丰");
  EXPECT_TRUE(list["items"][1]["before"].is_null());
  // A row without a region is only for those who see everything.
  SL_ASSERT_OK_AND_ASSIGN(Json hidden, List(*tx, kTown, "user", 43, Page{}));
  EXPECT_EQ(hidden["total"], 0);
  SL_ASSERT_OK_AND_ASSIGN(Json shown, List(*tx, Scope::Everything(), "user", 43, Page{}));
  EXPECT_EQ(shown["total"], 1);
  SL_ASSERT_OK_AND_ASSIGN(
      Json outside, List(*tx, Scope::Subtree("43/4311/431127/431127102/"), "user", 42, Page{}));
  EXPECT_EQ(outside["total"], 0);
  SL_ASSERT_OK_AND_ASSIGN(Verified verified, VerifyChain(*tx));
  EXPECT_EQ(verified.rows, 3);
}

TEST_P(AuditTest, AWriteThatRollsBackLeavesNoAuditRow) {
  {
    SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
    SL_ASSERT_OK(Record(*tx, System(), "user", 1, "create", Json(), Json{{"a", 1}}, ""));
    // No commit: the transaction is dropped.
  }
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  SL_ASSERT_OK_AND_ASSIGN(Json list, List(*tx, Scope::Everything(), "user", 1, Page{}));
  EXPECT_EQ(list["total"], 0);
}

TEST_P(AuditTest, TheHeadFollowsTheChainAcrossTransactions) {
  // Within a transaction the head is kept in memory and written at commit.
  for (int round = 0; round < 2; ++round) {
    SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
    for (int i = 0; i < 3; ++i)
      SL_ASSERT_OK(Record(*tx, System(), "user", i, "create", Json(), Json{{"i", i}}, ""));
    SL_ASSERT_OK(tx->Commit());
  }
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  SL_ASSERT_OK_AND_ASSIGN(Verified verified, VerifyChain(*tx));
  EXPECT_EQ(verified.rows, 6);
  SL_ASSERT_OK_AND_ASSIGN(auto head, tx->QueryOne("SELECT hash FROM audit_head WHERE id = 1"));
  SL_ASSERT_OK_AND_ASSIGN(auto last, tx->QueryOne("SELECT hash FROM audit ORDER BY id DESC"));
  ASSERT_TRUE(head && last);
  EXPECT_EQ(head->Str(0), last->Str(0));
}

TEST_P(AuditTest, TamperingWithAnyStoredFieldOrTheEndIsFound) {
  // Each edit someone with the database file might make quietly.
  const struct {
    const char* what;
    const char* sql;
  } kTamperings[] = {
      {"a change's content", "UPDATE audit SET after_json = '{\"i\":9}' WHERE entity_id = 1"},
      {"who made it", "UPDATE audit SET username = 'someone' WHERE entity_id = 1"},
      {"where it was", "UPDATE audit SET region_path = '43/' WHERE entity_id = 1"},
      {"the newest rows", "DELETE FROM audit WHERE entity_id = 2"},
  };
  for (const auto& t : kTamperings) {
    {
      SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
      SL_ASSERT_OK(tx->Exec("DELETE FROM audit"));
      SL_ASSERT_OK(tx->Exec("UPDATE audit_head SET hash = '' WHERE id = 1"));
      for (int i = 0; i < 3; ++i)
        SL_ASSERT_OK(Record(*tx, {7, "nanshi"}, "user", i, "create", Json(), Json{{"i", i}},
                            "43/4311/431127/431127103/"));
      SL_ASSERT_OK(tx->Commit());
    }
    {
      SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
      SL_ASSERT_OK(VerifyChain(*tx));
    }
    {
      SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
      SL_ASSERT_OK(tx->Exec(t.sql));
      SL_ASSERT_OK(tx->Commit());
    }
    SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
    EXPECT_FALSE(VerifyChain(*tx).ok()) << t.what;
  }
}

TEST_P(AuditTest, AnAnchorProvesNothingBeforeItChangedEvenWhenTheChainIsRewritten) {
  const auto write = [&](const char* name) {
    SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
    for (int i = 0; i < 3; ++i)
      SL_ASSERT_OK(Record(*tx, System(), "user", i, "create", Json(), Json{{"name", name}}, ""));
    SL_ASSERT_OK(tx->Commit());
  };
  write("张三");
  Anchor anchor;
  {
    SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
    SL_ASSERT_OK_AND_ASSIGN(Verified v, VerifyChain(*tx));
    anchor = v.head;
    ASSERT_GT(anchor.id, 0);
    SL_ASSERT_OK(VerifyChain(*tx, &anchor));
  }
  write("李四");  // later writes keep the anchor true
  {
    SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
    SL_ASSERT_OK(VerifyChain(*tx, &anchor));
  }
  // Someone who can write the database rebuilds the whole log, consistently.
  {
    SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
    SL_ASSERT_OK(tx->Exec("DELETE FROM audit"));
    SL_ASSERT_OK(tx->Exec("UPDATE audit_head SET hash = '' WHERE id = 1"));
    SL_ASSERT_OK(tx->Commit());
  }
  write("王五");
  write("李四");
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  SL_ASSERT_OK(VerifyChain(*tx));  // the chain alone cannot tell
  EXPECT_FALSE(VerifyChain(*tx, &anchor).ok());
}

TEST(AuditEntities, NamedBySingular) {
  EXPECT_TRUE(KnownEntity("user"));
  EXPECT_TRUE(KnownEntity("enterprise"));
  EXPECT_FALSE(KnownEntity("users"));
  EXPECT_FALSE(KnownEntity(""));
}

SL_BACKENDS(AuditTest);

}  // namespace
}  // namespace sl::audit
