#include "regions/regions.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "regions/import.hpp"
#include "testing/expect.hpp"
#include "testing/testing.hpp"

namespace sl::regions {
namespace {

using sl::testing::ExpectAll;
using sl::testing::ExpectEach;

TEST(RegionRules, LevelsParentsAndPathsFollowTheCode) {
  ExpectEach(LevelOfCode, {{"43", "province"},
                           {"4311", "city"},
                           {"431127", "county"},
                           {"431127103", "town"},
                           {"431127103224", "village"},
                           {"4311271", ""},
                           {"43112a", ""},
                           {"", ""}});
  ExpectEach(ParentCode, {{"431127103224", "431127103"}, {"431127103", "431127"}, {"43", ""}});
  ExpectEach(PathOfCode,
             {{"431127103224", "43/4311/431127/431127103/431127103224/"}, {"43", "43/"}});
  EXPECT_EQ(LevelOfCode("431127103224-03"), "group");
  EXPECT_EQ(LevelOfCode("431127103-03"), "");
  EXPECT_EQ(LevelOfCode("431127103224-"), "");
  EXPECT_EQ(ParentCode("431127103224-03"), "431127103224");
  EXPECT_EQ(PathOfCode("431127103224-03"),
            "43/4311/431127/431127103/431127103224/431127103224-03/");
}

TEST(RegionRules, EverydayNamesDropTheCommitteeSuffix) {
  ExpectEach(EverydayName, {{"朋佳村委会", "朋佳村"},
                            {"镇东社区居委会", "镇东社区"},
                            {"某某村民委员会", "某某村"},
                            {"东门社区居民委员会", "东门社区"},
                            {"东门居民委员会", "东门居委会"},
                            {"楠市镇", "楠市镇"},
                            {"村委会", "村委会"}});
}

class RegionStoreTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ImportOptions options;
    options.under = "431127";
    SL_ASSERT_OK_AND_ASSIGN(stats_, ImportFolder(*db_, testing::SourceDir() + "/data/regions",
                                                 options, audit::System("test")));
  }
  ImportStats stats_;
};

const Scope kTown = Scope::Subtree("43/4311/431127/431127103/");
const Scope kVillage = Scope::Subtree("43/4311/431127/431127103/431127103224/");

TEST_P(RegionStoreTest, ImportsTheLanshanExtractAndAgainChangesNothing) {
  // 湖南省, 永州市, 蓝山县, its 19 towns and its villages.
  EXPECT_EQ(stats_.inserted, stats_.rows);
  EXPECT_GT(stats_.rows, 200);
  SL_ASSERT_OK_AND_ASSIGN(
      auto again, ImportFolder(*db_, testing::SourceDir() + "/data/regions", {}, audit::System()));
  EXPECT_EQ(again.rows, stats_.rows);
  EXPECT_EQ(again.inserted, 0);
  EXPECT_EQ(again.updated, stats_.rows);
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  SL_ASSERT_OK_AND_ASSIGN(auto count, tx->QueryOne("SELECT COUNT(*) FROM region"));
  EXPECT_EQ(count->Int(0), stats_.rows);
}

TEST_P(RegionStoreTest, ChildrenAreScopedAndInPinyinOrder) {
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  SL_ASSERT_OK_AND_ASSIGN(auto villages, Children(*tx, kTown, "431127103"));
  ASSERT_EQ(villages.size(), 18u);
  std::vector<std::string> names;
  for (const auto& v : villages) names.push_back(v.name);
  auto pos = [&](const char* n) {
    return std::find(names.begin(), names.end(), n) - names.begin();
  };
  EXPECT_LT(pos("甘溪村"), pos("朋佳村"));
  EXPECT_LT(pos("朋佳村"), pos("上下村"));
  EXPECT_LT(pos("上下村"), pos("镇东社区"));
  SL_ASSERT_OK_AND_ASSIGN(auto own, Children(*tx, kVillage, "431127103"));
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].code, "431127103224");
  SL_ASSERT_OK_AND_ASSIGN(auto none, Children(*tx, Scope::Nothing(), "431127103"));
  EXPECT_TRUE(none.empty());
}

TEST_P(RegionStoreTest, GetIsScopedAndAncestorsRunFromTheRoot) {
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  SL_ASSERT_OK_AND_ASSIGN(Region pengjia, Get(*tx, kVillage, "431127103224"));
  EXPECT_EQ(pengjia.name, "朋佳村");
  EXPECT_EQ(pengjia.level, "village");
  SL_ASSERT_OK_AND_ASSIGN(auto ancestors, Ancestors(*tx, pengjia));
  ASSERT_EQ(ancestors.size(), 4u);
  EXPECT_EQ(ancestors[0].name, "湖南省");
  EXPECT_EQ(ancestors[3].name, "楠市镇");
  auto outside = Get(*tx, kVillage, "431127103228");
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().code, ErrorCode::kNotFound);
}

TEST_P(RegionStoreTest, SearchFoldsScriptsAndReadsPinyin) {
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  for (const char* q : {"楠市镇", "楠市鎮", "nanshizhen", "nsz", "NSZ", "nan shi zhen"}) {
    SL_ASSERT_OK_AND_ASSIGN(auto found, Search(*tx, Scope::Everything(), q, Page{}));
    ASSERT_FALSE(found.first.empty()) << q;
    EXPECT_EQ(found.first[0].code, "431127103") << q;
  }
  SL_ASSERT_OK_AND_ASSIGN(auto village, Search(*tx, kTown, "pjc", Page{}));
  ASSERT_EQ(village.second, 1);
  EXPECT_EQ(village.first[0].code, "431127103224");
  SL_ASSERT_OK_AND_ASSIGN(auto outside, Search(*tx, kVillage, "gxc", Page{}));
  EXPECT_EQ(outside.second, 0);
  SL_ASSERT_OK_AND_ASSIGN(auto wildcard, Search(*tx, Scope::Everything(), "%_", Page{}));
  EXPECT_EQ(wildcard.second, 0);
}

TEST_P(RegionStoreTest, RootsFollowTheScope) {
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  SL_ASSERT_OK_AND_ASSIGN(auto all, Roots(*tx, Scope::Everything()));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].code, "43");
  SL_ASSERT_OK_AND_ASSIGN(auto town, Roots(*tx, kTown));
  ASSERT_EQ(town.size(), 1u);
  EXPECT_EQ(town[0].code, "431127103");
  EXPECT_TRUE(town[0].has_children);
}

TEST_P(RegionStoreTest, BrokenFilesFailWholeAndWriteNothing) {
  const std::string dir = ::testing::TempDir() + "/sl-bad-regions-" + GetParam();
  std::filesystem::create_directories(dir);
  {
    std::ofstream f(dir + "/streets.csv");
    f << "code,name,areaCode\n431127999,\"新镇\",431127\n4311279,\"坏\",431127\n";
  }
  auto bad = ImportFolder(*db_, dir, {}, audit::System());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().key, "region_code_malformed");
  {
    std::ofstream f(dir + "/streets.csv");
    f << "code,name,areaCode\n431127999,\"新镇,431127\n";
  }
  EXPECT_EQ(ImportFolder(*db_, dir, {}, audit::System()).error().key, "region_file_malformed");
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  SL_ASSERT_OK_AND_ASSIGN(auto found, FindByCode(*tx, "431127999"));
  EXPECT_FALSE(found.has_value());
  EXPECT_EQ(ImportFolder(*db_, dir + "/nothing", {}, audit::System()).error().key,
            "region_files_missing");
  std::filesystem::remove_all(dir);
}

SL_BACKENDS(RegionStoreTest);

}  // namespace
}  // namespace sl::regions
