#include "core/messages.hpp"

#include <gtest/gtest.h>

#include "core/result.hpp"

namespace sl {
namespace {

TEST(Messages, EveryEntrySpeaksAllThreeLanguages) {
  const auto entries = CatalogEntries();
  ASSERT_GT(entries.size(), 20u);
  for (const auto& e : entries) {
    EXPECT_FALSE(e.zh_cn.empty()) << e.key;
    EXPECT_FALSE(e.zh_tw.empty()) << e.key;
    EXPECT_FALSE(e.en.empty()) << e.key;
    // Placeholders agree between the languages.
    for (int i = 0; i < 4; ++i) {
      const std::string m = "{" + std::to_string(i) + "}";
      const bool cn = e.zh_cn.find(m) != std::string_view::npos;
      EXPECT_EQ(cn, e.zh_tw.find(m) != std::string_view::npos) << e.key << " " << m;
      EXPECT_EQ(cn, e.en.find(m) != std::string_view::npos) << e.key << " " << m;
    }
  }
}

TEST(Messages, SayFillsArgumentsInTheCallersLanguage) {
  const Text t{"too_many_attempts", {"60"}};
  EXPECT_EQ(Say(t, Lang::kZhCN), "尝试次数过多，请 60 秒后再试");
  EXPECT_EQ(Say(t, Lang::kZhTW), "嘗試次數過多，請 60 秒後再試");
  EXPECT_EQ(Say(t, Lang::kEn), "Too many attempts; try again in 60 seconds");
  EXPECT_EQ(Say(Text{"no_such_key", {}}, Lang::kEn), "no_such_key");
}

TEST(Messages, AcceptLanguagePicksTheFirstKnownTag) {
  EXPECT_EQ(LangFromAcceptLanguage(""), Lang::kZhCN);
  EXPECT_EQ(LangFromAcceptLanguage("en-US,en;q=0.9"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("zh-TW,zh;q=0.9"), Lang::kZhTW);
  EXPECT_EQ(LangFromAcceptLanguage("zh-Hant-HK"), Lang::kZhTW);
  EXPECT_EQ(LangFromAcceptLanguage("zh-CN"), Lang::kZhCN);
  EXPECT_EQ(LangFromAcceptLanguage("fr-FR, en;q=0.5"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("fr-FR"), Lang::kZhCN);
  EXPECT_EQ(LangFromAcceptLanguage(",,;;  ,"), Lang::kZhCN);
}

TEST(Messages, ErrorKeysUsedByTheServerAreInTheCatalog) {
  for (const char* key :
       {"invalid_json", "expected_object", "payload_too_large", "bad_query", "not_found",
        "unauthenticated", "bad_credentials", "csrf_missing", "forbidden", "out_of_scope",
        "username_taken", "field_required", "field_unknown", "region_not_found", "internal"})
    EXPECT_TRUE(HasMessage(key)) << key;
}

}  // namespace
}  // namespace sl
