#include "store/search_index.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "audit/audit.hpp"
#include "regions/import.hpp"
#include "registry/registry.hpp"
#include "registry/validators.hpp"
#include "testing/testing.hpp"

namespace sl::registry {
namespace {

constexpr const char* kPengjia = "431127103224";

class StoreTest : public testing::RegionsTest {
 protected:
  // The names a people search answers, in list order.
  std::vector<std::string> People(const std::string& q) {
    std::vector<std::string> names;
    auto tx = db_->Begin(db::Mode::kRead);
    EXPECT_TRUE(tx.ok());
    if (!tx.ok()) return names;
    PersonFilter filter;
    filter.q = q;
    auto found = ListPeople(**tx, everyone_, filter, Page{});
    EXPECT_TRUE(found.ok()) << testing::Describe(found.error());
    if (!found.ok()) return names;
    for (const auto& item : found->items) names.push_back(item.name);
    EXPECT_EQ(found->total, static_cast<int64_t>(names.size()));
    return names;
  }

  int64_t AddPerson(const std::string& name) {
    auto tx = db_->Begin(db::Mode::kWrite);
    EXPECT_TRUE(tx.ok());
    PersonInput in;
    in.name = name;
    in.region = kPengjia;
    auto created = CreatePerson(**tx, everyone_, in);
    EXPECT_TRUE(created.ok()) << testing::Describe(created.error());
    EXPECT_TRUE((*tx)->Commit().ok());
    return created.ok() ? created->id : 0;
  }
};

using V = std::vector<std::string>;

TEST_P(StoreTest, FindsByNamePinyinAndInitialsInPinyinOrder) {
  AddPerson("张佳丽");
  AddPerson("曾进龙");
  AddPerson("張家樂");
  EXPECT_EQ(People("zjl"), (V{"曾进龙", "張家樂", "张佳丽"}));  // zeng before zhang
  EXPECT_EQ(People("张佳"), (V{"张佳丽"}));
  EXPECT_EQ(People("張家"), (V{"張家樂"}));
  EXPECT_EQ(People("jiali"), (V{"张佳丽"}));
  EXPECT_EQ(People("ceng jin long"), (V{"曾进龙"}));  // 曾 read as ceng too
  EXPECT_EQ(People("佳"), (V{"张佳丽"}));
  EXPECT_EQ(People("zjlx"), V{});
  EXPECT_EQ(People("%"), V{});
  // 长 is E9 95 BF: a byte-wise "+1" upper bound would not be UTF-8.
  AddPerson("欧阳曾长");
  EXPECT_EQ(People("曾长"), (V{"欧阳曾长"}));
  EXPECT_EQ(People("長"), (V{"欧阳曾长"}));
  EXPECT_EQ(People("  ").size(), 4u);  // nothing to search: everyone
}

TEST_P(StoreTest, ACreatedPersonIsWhatIsStored) {
  // CreatePerson answers (and audits) the record it wrote without reading it
  // back; the reading must agree, in every field.
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
  PersonInput in;
  in.name = "曾进龙";
  in.region = kPengjia;
  in.phone = "139 7462 0038";
  in.id_card = MakeIdCard("431127", "19820311", "038");
  in.tags = std::vector<std::string>{"致富能手", "returnee"};
  in.stage = "正式党员";
  in.stage_since = "2001-7-1";
  in.notes = "";
  SL_ASSERT_OK_AND_ASSIGN(Person created, CreatePerson(*tx, everyone_, in));
  SL_ASSERT_OK_AND_ASSIGN(Person read, GetPerson(*tx, everyone_.view, created.id));
  EXPECT_EQ(ToJson(created, true), ToJson(read, true));
  EXPECT_EQ(created.gender, "female");  // sequence 038: even
  EXPECT_EQ(created.tags.size(), 2u);
  PersonInput bare;
  bare.name = "阿强";
  bare.region = kPengjia;
  bare.gender = "";
  SL_ASSERT_OK_AND_ASSIGN(Person plain, CreatePerson(*tx, everyone_, bare));
  SL_ASSERT_OK_AND_ASSIGN(Person plain_read, GetPerson(*tx, everyone_.view, plain.id));
  EXPECT_EQ(ToJson(plain, true), ToJson(plain_read, true));
}

TEST_P(StoreTest, ACreatedEnterpriseIsWhatIsStored) {
  // CreateEnterprises answers (and audits) the records it wrote without
  // reading them back; the reading must agree, in every field. A code on
  // file, or twice in the batch, is refused and nothing of it is written.
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
  PersonInput rep;
  rep.name = "曾进龙";
  rep.region = kPengjia;
  SL_ASSERT_OK_AND_ASSIGN(Person person, CreatePerson(*tx, everyone_, rep));
  EnterpriseInput full;
  full.name = " 蓝山县朋佳农业有限公司 ";
  full.uscc = MakeUscc("91", "431127", "MA4PLE01");
  full.industry = "农、林、牧、渔业";
  full.region = kPengjia;
  full.founded_on = "2016-4-12";
  full.registered_capital_fen = 5000000;
  full.legal_representative = person.id;
  EnterpriseInput bare;
  bare.name = "朋佳商店";
  bare.uscc = MakeUscc("92", "431127", "MA4PLE02");
  bare.industry = "wholesale_retail";
  bare.region = kPengjia;
  EnterpriseInput twice = bare;
  twice.name = "朋佳商店二";
  SL_ASSERT_OK_AND_ASSIGN(auto created, CreateEnterprises(*tx, everyone_, {full, bare, twice}));
  ASSERT_EQ(created.size(), 3u);
  for (size_t i = 0; i < 2; ++i) {
    ASSERT_TRUE(created[i].ok()) << testing::Describe(created[i].error());
    SL_ASSERT_OK_AND_ASSIGN(Enterprise read, GetEnterprise(*tx, everyone_.view, created[i]->id));
    EXPECT_EQ(ToJson(*created[i]), ToJson(read));
  }
  EXPECT_EQ(created[0]->name, "蓝山县朋佳农业有限公司");
  EXPECT_EQ(created[0]->founded_on, "2016-04-12");
  EXPECT_EQ(created[0]->industry, "agriculture");
  ASSERT_FALSE(created[2].ok());
  EXPECT_EQ(created[2].error().fields.at("uscc").key, "enterprise_uscc_taken");
  SL_ASSERT_OK_AND_ASSIGN(auto again, CreateEnterprises(*tx, everyone_, {bare}));
  ASSERT_FALSE(again[0].ok());
  SL_ASSERT_OK_AND_ASSIGN(auto rows, tx->Query("SELECT COUNT(*) FROM enterprise", {}));
  EXPECT_EQ(rows[0].Int(0), 2);
}

TEST_P(StoreTest, ASearchCountsUpToTheCapAndSaysSo) {
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
  std::vector<PersonInput> inputs;
  for (int64_t i = 0; i <= store::kCountCap; ++i) {
    PersonInput in;
    in.name = "宽搜" + std::to_string(i);
    in.region = kPengjia;
    inputs.push_back(in);
  }
  SL_ASSERT_OK_AND_ASSIGN(auto created, CreatePeople(*tx, everyone_, inputs));
  for (const auto& c : created) ASSERT_TRUE(c.ok());
  PersonFilter f;
  f.q = "宽搜";  // every one of them: counted up to the cap
  SL_ASSERT_OK_AND_ASSIGN(auto broad, ListPeople(*tx, everyone_, f, Page{}));
  EXPECT_EQ(broad.total, store::kCountCap);
  EXPECT_TRUE(broad.capped);
  ASSERT_EQ(broad.items.size(), 20u);
  EXPECT_EQ(broad.items[0].name, "宽搜0");  // the page is the list's first, as without a cap
  f.q = "宽搜1000";                         // 1000 and 10000
  SL_ASSERT_OK_AND_ASSIGN(auto narrow, ListPeople(*tx, everyone_, f, Page{}));
  EXPECT_EQ(narrow.total, 2);
  EXPECT_FALSE(narrow.capped);
  f.q.clear();  // not a search: counted in full
  SL_ASSERT_OK_AND_ASSIGN(auto all, ListPeople(*tx, everyone_, f, Page{}));
  EXPECT_EQ(all.total, store::kCountCap + 1);
  EXPECT_FALSE(all.capped);
  // The last page, not full, tells the total by itself; a page past the end
  // still counts.
  SL_ASSERT_OK_AND_ASSIGN(auto last, ListPeople(*tx, everyone_, f, Page{51, 200}));
  EXPECT_EQ(last.items.size(), 1u);
  EXPECT_EQ(last.total, store::kCountCap + 1);
  SL_ASSERT_OK_AND_ASSIGN(auto past, ListPeople(*tx, everyone_, f, Page{60, 200}));
  EXPECT_TRUE(past.items.empty());
  EXPECT_EQ(past.total, store::kCountCap + 1);
  f.q = "宽搜";
  SL_ASSERT_OK_AND_ASSIGN(auto searched_last, ListPeople(*tx, everyone_, f, Page{51, 200}));
  EXPECT_EQ(searched_last.items.size(), 1u);
  EXPECT_EQ(searched_last.total, store::kCountCap);
  EXPECT_TRUE(searched_last.capped);
}

TEST_P(StoreTest, FollowsRenamesAndIgnoresDeletedPeople) {
  const int64_t id = AddPerson("张佳丽");
  {
    SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
    PersonInput in;
    in.name = "李佳";
    SL_ASSERT_OK(UpdatePerson(*tx, everyone_, id, in));
    SL_ASSERT_OK(tx->Commit());
  }
  EXPECT_EQ(People("zjl"), V{});
  EXPECT_EQ(People("lj"), (V{"李佳"}));
  EXPECT_EQ(People("佳"), (V{"李佳"}));  // the token both names share stays
  {
    SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
    SL_ASSERT_OK(DeletePerson(*tx, everyone_, id));
    SL_ASSERT_OK(tx->Commit());
  }
  EXPECT_EQ(People("lj"), V{});
}

TEST_P(StoreTest, EnterprisesByNameAndCreditCode) {
  const std::string uscc = MakeUscc("91", "431127", "MA4PLE00");
  {
    SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
    EnterpriseInput in;
    in.name = "蓝山县楠市镇朋佳村农业专业合作社有限公司";
    in.uscc = uscc;
    in.industry = "agriculture";
    in.region = kPengjia;
    SL_ASSERT_OK(CreateEnterprise(*tx, everyone_, in));
    SL_ASSERT_OK(tx->Commit());
  }
  SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kRead));
  // Longer than the index keeps: looked up by its start, confirmed in full.
  for (const std::string& q :
       V{"合作社", "hzs", "nongyezhuanyehezuoshe", uscc.substr(6, 8),
         "lanshanxiannanshizhenpengjiacunnongye", "蓝山县楠市镇朋佳村农业专业"}) {
    EnterpriseFilter f;
    f.q = q;
    SL_ASSERT_OK_AND_ASSIGN(auto found, ListEnterprises(*tx, everyone_, f, Page{}));
    EXPECT_EQ(found.total, 1) << q;
  }
  for (const std::string& q :
       V{"lanshanxiannanshizhenpengjiacunnongyx", "蓝山县楠市镇朋佳村农业专业社"}) {
    EnterpriseFilter f;
    f.q = q;
    SL_ASSERT_OK_AND_ASSIGN(auto found, ListEnterprises(*tx, everyone_, f, Page{}));
    EXPECT_EQ(found.total, 0) << q;
  }
}

TEST_P(StoreTest, RebuildIndexesRowsWrittenAroundTheStores) {
  AddPerson("张佳丽");
  {
    // A row written by hand (an old database, a bulk load): no index rows.
    SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
    SL_ASSERT_OK(tx->Exec(
        "INSERT INTO person (name, region_id, region_path, notes, search_text, sort_key, "
        "created_at, updated_at, version) SELECT ?, id, path, '', '', '', '', '', 1 FROM region "
        "WHERE code = ?",
        {std::string("朱嘉林"), std::string(kPengjia)}));
    SL_ASSERT_OK(tx->Commit());
  }
  EXPECT_EQ(People("zjl"), (V{"张佳丽"}));
  {
    SL_ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin(db::Mode::kWrite));
    int64_t records = 0;
    SL_ASSERT_OK(store::RebuildSearchIndex(*tx, &records));
    EXPECT_EQ(records, 2);
    SL_ASSERT_OK(tx->Commit());
  }
  EXPECT_EQ(People("zjl"), (V{"张佳丽", "朱嘉林"}));  // sort keys recomputed too
}

SL_BACKENDS(StoreTest);

}  // namespace
}  // namespace sl::registry
