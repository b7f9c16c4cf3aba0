#include <gtest/gtest.h>

#include "registry/model.hpp"
#include "registry/registry.hpp"

namespace sl::registry {
namespace {

TEST(PartyStages, MoveOneStepForwardAtATime) {
  EXPECT_FALSE(CheckStageStep(std::nullopt, "activist"));  // recording a present stage
  EXPECT_FALSE(CheckStageStep(std::string("applicant"), "activist"));
  EXPECT_FALSE(CheckStageStep(std::string("probationary"), "full"));
  EXPECT_FALSE(CheckStageStep(std::string("full"), "left"));

  auto skip = CheckStageStep(std::string("activist"), "full");
  ASSERT_TRUE(skip);
  EXPECT_EQ(skip->key, "party_stage_skip");
  EXPECT_EQ(skip->args, (std::vector<std::string>{"入党积极分子", "正式党员", "发展对象"}));
  EXPECT_EQ(CheckStageStep(std::string("full"), "candidate")->key, "party_stage_backward");
  EXPECT_EQ(CheckStageStep(std::string("activist"), "activist")->key, "party_stage_backward");
  EXPECT_EQ(CheckStageStep(std::nullopt, "left")->key, "party_stage_none");
  EXPECT_EQ(CheckStageStep(std::nullopt, "mayor")->key, "field_choice");
}

TEST(PartyStages, OnlyProbationaryAndFullAreMembers) {
  EXPECT_TRUE(IsPartyMemberStage("full"));
  EXPECT_TRUE(IsPartyMemberStage("probationary"));
  EXPECT_FALSE(IsPartyMemberStage("candidate"));
  EXPECT_FALSE(IsPartyMemberStage("activist"));
}

TEST(Choices, AcceptIdsAndLabelsInEveryLanguage) {
  EXPECT_EQ(ChoiceId(PartyStages(), "正式党员"), "full");
  EXPECT_EQ(ChoiceId(PartyStages(), "正式黨員"), "full");
  EXPECT_EQ(ChoiceId(PartyStages(), "Full member"), "full");
  EXPECT_EQ(ChoiceId(PartyStages(), "full"), "full");
  EXPECT_EQ(ChoiceId(ChamberPosts(), "会长"), "president");
  EXPECT_EQ(ChoiceId(Industries(), "制造业"), "manufacturing");
  EXPECT_EQ(ChoiceId(Tags(), "致富能手"), "wealth_creator");
  EXPECT_EQ(ChoiceId(Tags(), "能人"), std::nullopt);
  EXPECT_EQ(ChoiceLabel(DuesStatuses(), "unpaid"), "未缴");
  // Every choice has all three labels.
  for (const auto* list : {&Genders(), &PostKinds(), &Tags(), &PartyStages(), &OrganizationKinds(),
                           &MemberPosts(), &Industries(), &ChamberPosts(), &DuesStatuses()})
    for (const auto& c : *list) {
      EXPECT_FALSE(c.zh_cn.empty()) << c.id;
      EXPECT_FALSE(c.zh_tw.empty()) << c.id;
      EXPECT_FALSE(c.en.empty()) << c.id;
    }
}

TEST(PersonJson, NeverCarriesTheFullIdCardAndMasksPhonesOnRequest) {
  Person p;
  p.name = "曾进龙";
  p.phone = "13800001234";
  p.id_card_masked = "431127********1234";
  EXPECT_EQ(ToJson(p, true)["phone"], "13800001234");
  EXPECT_EQ(ToJson(p, false)["phone"], "138****1234");
  EXPECT_EQ(ToJson(p, false)["id_card_masked"], "431127********1234");
  EXPECT_FALSE(ToJson(p, true).contains("id_card"));
}

// A list of enterprises is written as text: the same text as the record's tree.
TEST(EnterpriseJson, TextIsWhatTheTreeWouldWrite) {
  Enterprise e;
  e.id = 7;
  e.name = "湖南\"亿百\"农业";
  e.uscc = "91431127MA4L8XYZ3K";
  e.industry = "agriculture";
  e.registered_capital_fen = 10000000000;
  e.region = RegionRef{3, "431127103224", "朋佳村", "43/4311/431127/431127103/431127103224/"};
  e.created_at = e.updated_at = "2026-12-07T00:00:00Z";
  for (int variant = 0; variant < 2; ++variant) {
    std::string text;
    AppendJson(text, e);
    EXPECT_EQ(text, ToJson(e).dump());
    e.legal_representative = Ref{12, "曾进龙"};
    e.founded_on = "2019-05-01";
  }
}

}  // namespace
}  // namespace sl::registry
