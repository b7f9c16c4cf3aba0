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

TEST(InList, BindsEveryValueAndNamesEveryAncestor) {
  const std::vector<std::string> above = PathAndAncestors("43/4311/431127/");
  EXPECT_EQ(above, (std::vector<std::string>{"43/", "43/4311/", "43/4311/431127/"}));
  Params params{int64_t{7}};
  EXPECT_EQ(InList(above.begin(), above.end(), params), "(?, ?, ?)");
  ASSERT_EQ(params.size(), 4u);
  EXPECT_EQ(std::get<std::string>(params[3]), "43/4311/431127/");
  EXPECT_TRUE(PathAndAncestors("").empty());
}

TEST(ScopeCondition, PairingAccessWidensOnlyWhereAsked) {
  Scope village = Scope::Subtree("43/4311/431127/431127103/431127103224/");
  Params plain;
  const std::string without =
      PairedCondition(village, "p.region_path", "p.id", "person", "2022-10-20", plain);
  EXPECT_EQ(without, ScopeCondition(village, "p.region_path", plain = {}));
  village.paired_to = 42;
  Params params;
  const std::string with =
      PairedCondition(village, "p.region_path", "p.id", "person", "2022-10-20", params);
  EXPECT_NE(with.find(" OR p.id IN (SELECT g.target_id FROM pairing g"), std::string::npos);
  ASSERT_EQ(params.size(), 5u);
  EXPECT_EQ(std::get<int64_t>(params[2]), 42);
  EXPECT_EQ(std::get<std::string>(params[3]), "2022-10-20");
  Params firm;
  EXPECT_NE(PairedCondition(village, "e.region_path", "e.id", "enterprise", "2022-10-20", firm)
                .find("SELECT m.enterprise_id FROM chamber_membership m"),
            std::string::npos);
  // Everything stays everything; paths alone decide Contains.
  Scope all = Scope::Everything();
  all.paired_to = 42;
  Params none;
  EXPECT_EQ(PairedCondition(all, "p.region_path", "p.id", "person", "2022-10-20", none), "(1=1)");
  EXPECT_FALSE(village.Contains("43/4311/431127/431127103/431127103228/"));
}

}  // namespace
}  // namespace sl::db
