// The store kit on both databases: a record written with InsertRecord and
// UpdateRecord, read back through a RowMap, listed a page at a time under a
// scope, and soft-deleted with its audit row.

#include <gtest/gtest.h>

#include "audit/audit.hpp"
#include "regions/import.hpp"
#include "store/checks.hpp"
#include "store/query.hpp"
#include "store/write.hpp"
#include "testing/testing.hpp"

namespace sl::store {
namespace {

constexpr const char* kPengjia = "431127103224";

struct Project {
  int64_t id = 0;
  std::string kind, name;
  RegionRef region;
  std::optional<std::string> stage;
  std::optional<int64_t> intended_investment_fen;
  std::string started_on, created_at, updated_at;
  int64_t version = 0;
};

const RecordQuery<Project>& Projects() {
  static const RecordQuery<Project> k{
      "project j JOIN region r ON r.id = j.region_id",
      RowMap<Project>("j.id, j.kind, j.name, j.stage, j.intended_investment_fen", &Project::id,
                      &Project::kind, &Project::name, &Project::stage,
                      &Project::intended_investment_fen)
          .Add("j.region_id, r.code, r.name, j.region_path, j.started_on", &Project::region,
               &Project::started_on)
          .Stamps("j")};
  return k;
}

TEST(RowMap, ColumnsMustMatchTheirMembers) {
  EXPECT_THROW(RowMap<Project>("j.id, j.kind", &Project::id), std::logic_error);
  // A region takes four columns; commas inside parentheses do not count.
  EXPECT_NO_THROW(RowMap<Project>("j.region_id, r.code, r.name, j.region_path", &Project::region));
  EXPECT_NO_THROW(
      RowMap<Project>("COALESCE(j.stage, ''), j.name", &Project::stage, &Project::name));
  EXPECT_EQ(Projects().map.columns(),
            "j.id, j.kind, j.name, j.stage, j.intended_investment_fen, j.region_id, r.code, "
            "r.name, j.region_path, j.started_on, j.created_at, j.updated_at, j.version");
}

class StoreKitTest : public testing::RegionsTest {
 protected:
  // 朋佳村, where the tests' projects are.
  Result<RegionRef> Pengjia(db::Tx& tx) {
    Fields errors;
    SL_ASSIGN_OR_RETURN(auto region,
                        CheckRegion(tx, everyone_, std::string(kPengjia), "region", errors));
    if (!region) return Error::NotFound("region_not_found", {kPengjia});
    return *region;
  }

  // A project of that name under the region, indexed by its name.
  Result<int64_t> AddProject(db::Tx& tx, const RegionRef& region, const std::string& name,
                             std::optional<int64_t> investment = std::nullopt) {
    Values values = {{"kind", std::string("industry")},
                     {"name", name},
                     {"region_id", region.id},
                     {"region_path", region.path},
                     {"stage", OrNull(std::optional<std::string>())},
                     {"intended_investment_fen", OrNull(investment)},
                     {"started_on", std::string("2022-01-01")}};
    for (auto& v : NameColumns(name)) values.push_back(std::move(v));
    SL_ASSIGN_OR_RETURN(int64_t id, InsertRecord(tx, "project", values));
    SL_TRY(IndexName(tx, SearchKind::kProject, id, {}, {}, name));
    return id;
  }
};

TEST_P(StoreKitTest, WritesReadsListsAndSoftDeletes) {
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
  SL_ASSERT_OK_AND_ASSIGN(RegionRef region, Pengjia(*tx));
  std::vector<int64_t> ids;
  for (const char* name : {"愚公岩旅游区", "小籽花生种植", "红星学园"}) {
    SL_ASSERT_OK_AND_ASSIGN(int64_t id, AddProject(*tx, region, name, 5000000'00));
    ids.push_back(id);
  }
  SL_ASSERT_OK(UpdateRecord(*tx, "project", ids[0], {{"stage", std::string("building")}}));

  Where one;
  one.And("j.id = ?", {ids[0]});
  SL_ASSERT_OK_AND_ASSIGN(Project p, Projects().Get(*tx, one, "project_not_found"));
  EXPECT_EQ(p.name, "愚公岩旅游区");
  EXPECT_EQ(p.region.code, kPengjia);
  EXPECT_EQ(p.stage, "building");
  EXPECT_EQ(p.intended_investment_fen, 5000000'00);
  EXPECT_EQ(p.version, 2);  // the update counted

  // A page of two under the village, sorted by pinyin; a search by initials.
  Where all;
  all.And("j.deleted_at IS NULL");
  SL_ASSERT_OK(all.UnderRegion(*tx, kPengjia, "j.region_path"));
  SL_ASSERT_OK_AND_ASSIGN(auto page, Projects().List(*tx, all, "j.sort_key, j.id", Page{1, 2}));
  EXPECT_EQ(page.total, 3);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].name, "红星学园");  // hong < xiao < yu
  Where search = all;
  search.Search("ygy", SearchKind::kProject, "j");
  SL_ASSERT_OK_AND_ASSIGN(auto found, Projects().All(*tx, search, "j.id"));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, ids[0]);

  // Soft-deleted: gone from the list, its deletion in the audit log.
  SL_ASSERT_OK(SoftDelete(*tx, everyone_, "project", "project", ids[1],
                          Json{{"name", "小籽花生种植"}}, region.path));
  SL_ASSERT_OK_AND_ASSIGN(auto left, Projects().All(*tx, all, "j.id"));
  EXPECT_EQ(left.size(), 2u);
  SL_ASSERT_OK(tx->Commit());  // the audit rows go out at commit
  SL_ASSERT_OK_AND_ASSIGN(auto read, db_->Begin(db::Mode::kRead));
  SL_ASSERT_OK_AND_ASSIGN(auto audited, read->QueryOne("SELECT action FROM audit WHERE entity = ? "
                                                       "AND entity_id = ?",
                                                       {std::string("project"), ids[1]}));
  ASSERT_TRUE(audited.has_value());
  EXPECT_EQ(audited->Str(0), "delete");
}

// A list read by keys (its own table first, then the page's rows) gives the
// same pages, in the same order, with the same totals as one read whole.
TEST_P(StoreKitTest, AListReadByKeysGivesTheSamePages) {
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
  SL_ASSERT_OK_AND_ASSIGN(RegionRef region, Pengjia(*tx));
  const std::vector<std::string> names = {"愚公岩旅游区", "小籽花生种植", "红星学园",  "油茶基地",
                                          "乐和书屋",     "乐和超市",     "张家塘水库"};
  std::vector<int64_t> ids;
  for (const auto& name : names) {
    SL_ASSERT_OK_AND_ASSIGN(int64_t id, AddProject(*tx, region, name));
    ids.push_back(id);
  }
  SL_ASSERT_OK(
      SoftDelete(*tx, everyone_, "project", "project", ids[3], Json::object(), region.path));
  RecordQuery<Project> keyed = Projects();
  keyed.keys = Keys{"project j", "j.id"};
  Where all;
  all.And("j.deleted_at IS NULL");
  SL_ASSERT_OK(all.UnderRegion(*tx, kPengjia, "j.region_path"));
  Where search = all;
  search.Search("lh", SearchKind::kProject, "j");  // 乐和书屋, 乐和超市
  const auto ids_of = [](const Paged<Project>& page) {
    std::vector<int64_t> out;
    for (const auto& p : page.items) out.push_back(p.id);
    return out;
  };
  for (const Where* w : {&all, &search}) {
    for (int64_t size = 1; size <= 7; ++size) {
      for (int64_t number = 1; number <= 8 / size + 1; ++number) {
        const Page page{number, size};
        SL_ASSERT_OK_AND_ASSIGN(auto whole, Projects().List(*tx, *w, "j.sort_key, j.id", page));
        SL_ASSERT_OK_AND_ASSIGN(auto by_keys, keyed.List(*tx, *w, "j.sort_key, j.id", page));
        EXPECT_EQ(ids_of(by_keys), ids_of(whole)) << size << " " << number;
        EXPECT_EQ(by_keys.total, whole.total) << size << " " << number;
        for (const auto& p : by_keys.items) EXPECT_EQ(p.region.code, kPengjia);
      }
    }
  }
  SL_ASSERT_OK_AND_ASSIGN(auto first, keyed.List(*tx, all, "j.sort_key, j.id", Page{1, 4}));
  EXPECT_EQ(first.total, 6);
  ASSERT_EQ(first.items.size(), 4u);
  EXPECT_EQ(first.items[0].name, "红星学园");  // hong < le < xiao < yu < zhang
  EXPECT_EQ(first.items[1].name, "乐和超市");  // chao < shu
}

// A broad search (walking the list's order and testing each record's
// search_text, counting by testing its first rows) gives the same pages and
// totals as the index, whether its walk and count finish or fall back.
TEST_P(StoreKitTest, ABroadSearchGivesWhatTheIndexGives) {
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
  SL_ASSERT_OK_AND_ASSIGN(RegionRef region, Pengjia(*tx));
  // Surnames cluster in the pinyin order; given names scatter.
  const char* surnames[] = {"张", "李", "王", "曾", "欧阳"};
  const char* given[] = {"佳丽", "志", "zh", "长林", "小", "A座", "海"};
  std::vector<int64_t> ids;
  for (size_t i = 0; i < 70; ++i) {
    const std::string name =
        std::string(surnames[(i * 7) % 5]) + given[i % 7] + (i % 3 ? "" : given[(i / 3) % 7]);
    SL_ASSERT_OK_AND_ASSIGN(int64_t id, AddProject(*tx, region, name));
    ids.push_back(id);
    if (i % 4 == 0) SL_ASSERT_OK(UpdateRecord(*tx, "project", id, {{"kind", std::string("x")}}));
    if (i % 9 == 0) {
      SL_ASSERT_OK(
          SoftDelete(*tx, everyone_, "project", "project", id, Json::object(), region.path));
    }
  }
  RecordQuery<Project> keyed = Projects();
  keyed.keys = Keys{"project j", "j.id"};
  const auto ids_of = [](const Paged<Project>& page) {
    std::vector<int64_t> out;
    for (const auto& p : page.items) out.push_back(p.id);
    return out;
  };
  const BroadSearchLimits server = BroadSearch();
  // The index alone; broad with room to finish; broad with walks and counts
  // that fall back at once or part way.
  const BroadSearchLimits tried[] = {{1, 1000, 1000}, {1, 1, 1}, {1, 5, 30}, {1, 30, 5}};
  for (const char* q : {"z", "l", "zh", "张", "x", "h", "cl", "a", "ouy", "q"}) {
    Where search;
    search.And("j.deleted_at IS NULL");
    SL_ASSERT_OK(search.UnderRegion(*tx, kPengjia, "j.region_path"));
    search.Search(q, SearchKind::kProject, "j");
    search.And("j.kind = ?", {std::string("industry")});  // a parameter after the search's
    for (const char* order : {"j.sort_key, j.id", "j.sort_key DESC, j.id DESC"}) {
      for (int64_t size : {1, 3, 7, 20}) {
        for (int64_t number = 1; number <= 60 / size + 1; number += (size == 1 ? 7 : 1)) {
          const Page page{number, size};
          BroadSearch() = {1 << 30, 0, 0};
          SL_ASSERT_OK_AND_ASSIGN(auto indexed, Projects().List(*tx, search, order, page));
          for (const BroadSearchLimits& limits : tried) {
            BroadSearch() = limits;
            for (const RecordQuery<Project>* query :
                 {&Projects(), static_cast<const RecordQuery<Project>*>(&keyed)}) {
              SL_ASSERT_OK_AND_ASSIGN(auto broad, query->List(*tx, search, order, page));
              EXPECT_EQ(ids_of(broad), ids_of(indexed))
                  << q << " " << order << " " << size << " " << number << " " << limits.walk_rows;
              EXPECT_EQ(broad.total, indexed.total)
                  << q << " " << order << " " << size << " " << number << " " << limits.scan_rows;
            }
          }
        }
      }
    }
  }
  BroadSearch() = server;
  // The searches found something and left something out.
  Where z;
  z.And("j.deleted_at IS NULL");
  z.Search("z", SearchKind::kProject, "j");
  SL_ASSERT_OK_AND_ASSIGN(auto found, Projects().List(*tx, z, "j.sort_key, j.id", Page{1, 100}));
  EXPECT_GT(found.total, 10);
  EXPECT_LT(found.total, 55);
}

TEST_P(StoreKitTest, ChecksSayWhatIsWrongPerField) {
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  Fields errors;
  std::optional<std::string> name = "  ", date = "2022/3/10", bad_date = "3 月", stage = "在建";
  CheckText(name, "name", errors, 10, Need::kNotEmpty);
  CheckDate(date, "date", errors);
  CheckDate(bad_date, "bad_date", errors);
  CheckChoice(stage, {{"building", "在建", "在建", "Building"}}, "stage", errors);
  SL_ASSERT_OK_AND_ASSIGN(auto region,
                          CheckRegion(*tx, everyone_, std::string("999999"), "region", errors));
  EXPECT_FALSE(region.has_value());
  EXPECT_EQ(errors.at("name").key, "field_required");
  EXPECT_EQ(date, "2022-03-10");
  EXPECT_EQ(errors.at("bad_date").key, "field_date");
  EXPECT_EQ(stage, "building");
  EXPECT_EQ(errors.at("region").key, "field_region_unknown");
  EXPECT_EQ(Finish(errors).error().code, ErrorCode::kInvalid);
}

SL_BACKENDS(StoreKitTest);

}  // namespace
}  // namespace sl::store
