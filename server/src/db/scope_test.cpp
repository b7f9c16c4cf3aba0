#include "db/scope.hpp"

#include <gtest/gtest.h>

namespace sl::db {
namespace {

TEST(ScopeCondition, SubtreesAreRangesOnThePath) {
  EXPECT_EQ(PrefixUpperBound("43/4311/"), "43/43110");
  EXPECT_LT(std::string("43/4311/431127/"), PrefixUpperBound("43/4311/"));
  EXPECT_GT(std::string("43/43110"), std::string("43/4311/zzz"));

  Params params;
  EXPECT_EQ(ScopeCondition(Scope::Everything(), "r.path", params), "(1=1)");
  EXPECT_EQ(ScopeCondition(Scope::Nothing(), "r.path", params), "(1=0)");
  EXPECT_TRUE(params.empty());

  Scope two{false, {"43/4311/431127/431127103/", "43/4311/431127/431127102/"}};
  const std::string sql = ScopeCondition(two, "r.path", params);
  EXPECT_EQ(sql, "((r.path >= ? AND r.path < ?) OR (r.path >= ? AND r.path < ?))");
  ASSERT_EQ(params.size(), 4u);
  EXPECT_EQ(std::get<std::string>(params[0]), "43/4311/431127/431127103/");
  EXPECT_EQ(std::get<std::string>(params[1]), "43/4311/431127/4311271030");
}

}  // namespace
}  // namespace sl::db
