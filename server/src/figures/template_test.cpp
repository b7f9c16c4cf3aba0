#include <gtest/gtest.h>

#include <map>

#include "figures/brief.hpp"

namespace sl::figures {
namespace {

// Values a test names: a figure, a word, or a figure that is zero.
Resolver Values(std::map<std::string, std::string> figures,
                std::map<std::string, std::string> words = {}) {
  return [figures, words](std::string_view name, std::string_view unit) -> std::optional<Resolved> {
    if (auto w = words.find(std::string(name)); w != words.end())
      return Resolved{w->second, false, true};
    auto f = figures.find(std::string(name));
    if (f == figures.end()) return std::nullopt;
    if (f->second == "0") return Resolved{"0", true, false};
    return Resolved{f->second + std::string(unit), true, true};
  };
}

TEST(BriefTemplate, FillsInFiguresAndWords) {
  const Rendered r = RenderTemplate("{region}商会共有会员{m}，党员{p|名}。",
                                    Values({{"m", "31人"}, {"p", "13"}}, {{"region", "楠市镇"}}));
  EXPECT_EQ(r.text, "楠市镇商会共有会员31人，党员13名。");
  EXPECT_EQ(r.figures, 2);
}

TEST(BriefTemplate, DropsAClauseWhoseFigureIsMissingOrZero) {
  const auto resolve = Values({{"a", "3个"}, {"zero", "0"}});
  EXPECT_EQ(RenderTemplate("引回项目{a}[，意向投资{missing}]。", resolve).text, "引回项目3个。");
  EXPECT_EQ(RenderTemplate("引回项目{a}[，意向投资{zero}]。", resolve).text, "引回项目3个。");
  EXPECT_EQ(RenderTemplate("[考察{missing}，][引回项目{a}]。", resolve).text, "引回项目3个。");
  const Rendered none = RenderTemplate("[考察{missing}。]", resolve);
  EXPECT_EQ(none.text, "");
  EXPECT_EQ(none.figures, 0);
}

TEST(BriefTemplate, TidiesThePunctuationADroppedClauseLeaves) {
  const auto resolve = Values({{"a", "57次"}});
  EXPECT_EQ(
      RenderTemplate("走访{a}。[诉求{missing}，办结{missing}][，满意率{missing}]。", resolve).text,
      "走访57次。");
  EXPECT_EQ(RenderTemplate("走访{a}[、{missing}]。", resolve).text, "走访57次。");
}

TEST(BriefTemplate, UnknownPlaceholdersAndBrokenMarkupDoNotCrash) {
  const auto resolve = Values({{"a", "1次"}});
  EXPECT_EQ(RenderTemplate("{nothing}会议{a}", resolve).text, "会议1次");
  EXPECT_EQ(RenderTemplate("会议{a", resolve).text, "会议{a");
  EXPECT_EQ(RenderTemplate("会议[{a}", resolve).text, "会议1次");
  EXPECT_EQ(RenderTemplate("", resolve).text, "");
}

TEST(BriefTemplate, ChecksBracketsAndBraces) {
  EXPECT_EQ(CheckTemplate("会员{chamber.members}[，党员{x|名}]。"), "");
  EXPECT_EQ(CheckTemplate("会员{chamber.members"), "template_braces");
  EXPECT_EQ(CheckTemplate("会员}"), "template_braces");
  EXPECT_EQ(CheckTemplate("{a{b}}"), "template_braces");
  EXPECT_EQ(CheckTemplate("[a[b]]"), "template_clauses");
  EXPECT_EQ(CheckTemplate("[a"), "template_clauses");
  EXPECT_EQ(CheckTemplate("{a[b]}"), "template_clauses");
}

}  // namespace
}  // namespace sl::figures
