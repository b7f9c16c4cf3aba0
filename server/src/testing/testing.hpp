#pragma once
// GoogleTest helpers shared by the modules' tests.

#include <gtest/gtest.h>

#include <string>

#include "core/caller.hpp"
#include "core/result.hpp"
#include "testing/test_database.hpp"

namespace sl::testing {

inline std::string Describe(const Error& e) {
  std::string s = e.key + (e.detail.empty() ? "" : " (" + e.detail + ")");
  for (const auto& [field, text] : e.fields) s += " " + field + "=" + text.key;
  return s;
}

// Imports the region tree under `under` (a code: "431127" for Lanshan county)
// from the repository's extract in data/regions.
Status ImportTestRegions(db::Database& db, const std::string& under);

// A fixture parameterized by backend ("sqlite", "postgres") with a fresh,
// migrated database in db_.
class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    test_db_ = std::make_unique<TestDatabase>(GetParam());
    if (!test_db_->skip_reason().empty()) GTEST_SKIP() << test_db_->skip_reason();
    ASSERT_NE(test_db_->db(), nullptr) << test_db_->error();
    db_ = test_db_->db();
  }
  void TearDown() override { test_db_.reset(); }

  std::unique_ptr<TestDatabase> test_db_;
  db::Database* db_ = nullptr;
};

// A BackendTest whose database holds the region tree under `Regions()`
// (Lanshan's 楠市镇 unless a test asks for more), and a caller who may see and
// change everything.
class RegionsTest : public BackendTest {
 protected:
  virtual const char* Regions() const { return "431127103"; }
  void SetUp() override;

  Caller everyone_;
};

}  // namespace sl::testing

#define SL_ASSERT_OK(expr)                                                   \
  do {                                                                       \
    auto sl_ok_r_ = (expr);                                                  \
    ASSERT_TRUE(sl_ok_r_.ok()) << ::sl::testing::Describe(sl_ok_r_.error()); \
  } while (0)

#define SL_ASSERT_OK_AND_ASSIGN(lhs, expr) \
  SL_ASSERT_OK_AND_ASSIGN_IMPL_(SL_CONCAT_(sl_assign_r_, __COUNTER__), lhs, expr)
#define SL_ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, expr)            \
  auto tmp = (expr);                                             \
  ASSERT_TRUE(tmp.ok()) << ::sl::testing::Describe(tmp.error()); \
  lhs = std::move(tmp).value()

#define SL_BACKENDS(suite)                                                           \
  INSTANTIATE_TEST_SUITE_P(Backends, suite, ::testing::Values("sqlite", "postgres"), \
                           [](const auto& info) { return info.param; })
