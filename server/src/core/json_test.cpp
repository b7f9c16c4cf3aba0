#include "core/json.hpp"

#include <gtest/gtest.h>

namespace sl {
namespace {

TEST(ParseJsonObject, AcceptsObjectsOnly) {
  EXPECT_TRUE(ParseJsonObject(R"({"a": 1})").ok());
  auto broken = ParseJsonObject(R"({"a": )");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, ErrorCode::kBadRequest);
  EXPECT_EQ(broken.error().key, "invalid_json");
  EXPECT_EQ(ParseJsonObject("[1]").error().key, "expected_object");
  EXPECT_EQ(ParseJsonObject("").error().key, "invalid_json");
  EXPECT_EQ(ParseJsonObject("\xff\xfe").error().key, "invalid_json");
}

TEST(FieldReader, CollectsOneMessagePerBadField) {
  auto j = *ParseJsonObject(
      R"({"name": 5, "roles": ["a", 1], "flag": "yes", "count": 1.5, "extra": true,
          "long": "一二三四五"})");
  FieldReader in(j);
  EXPECT_FALSE(in.Str("name", true));
  EXPECT_FALSE(in.StrList("roles", true));
  EXPECT_FALSE(in.Bool("flag", false));
  EXPECT_FALSE(in.Int("count", false));
  EXPECT_FALSE(in.Str("missing", true));
  EXPECT_FALSE(in.Str("long", false, 4));
  in.RejectUnknown();
  auto st = in.Finish();
  ASSERT_FALSE(st.ok());
  const auto& f = st.error().fields;
  EXPECT_EQ(st.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(f.at("name").key, "field_string");
  EXPECT_EQ(f.at("roles").key, "field_string");
  EXPECT_EQ(f.at("flag").key, "field_boolean");
  EXPECT_EQ(f.at("count").key, "field_integer");
  EXPECT_EQ(f.at("missing").key, "field_required");
  EXPECT_EQ(f.at("long").key, "field_too_long");
  EXPECT_EQ(f.at("long").args.at(0), "4");
  EXPECT_EQ(f.at("extra").key, "field_unknown");
}

TEST(FieldReader, ReadsGoodValuesAndBlankRequiredStrings) {
  auto j = *ParseJsonObject(R"({"s": "楠市镇", "n": 7, "b": false, "l": ["x"], "blank": "  ",
                               "cleared": null})");
  FieldReader in(j);
  EXPECT_EQ(in.Str("s", true), "楠市镇");
  EXPECT_EQ(in.Int("n", true), 7);
  EXPECT_EQ(in.Bool("b", true), false);
  EXPECT_EQ(in.StrList("l", true), std::vector<std::string>{"x"});
  EXPECT_EQ(in.NullableStr("cleared"), "");
  EXPECT_EQ(in.NullableStr("absent"), std::nullopt);
  EXPECT_FALSE(in.Str("blank", true));
  EXPECT_FALSE(in.Finish().ok());
  EXPECT_EQ(Utf8Length("楠市镇ab"), 5u);
}

TEST(AppendJsonString, WritesWhatTheTreeWould) {
  for (const std::string& s : {std::string(), std::string("楠市镇 \"朋佳\" 村"),
                               std::string("a\\b/c"), std::string("line\nbreak\ttab\r\b\f"),
                               std::string("\x01\x1f\x7f"), std::string("曾进龙")}) {
    std::string out = "x";
    AppendJsonString(out, s);
    EXPECT_EQ(out, "x" + Json(s).dump()) << s;
  }
}

}  // namespace
}  // namespace sl

namespace sl {
namespace {

struct Sample {
  int64_t id = 0;
  std::string name;
  std::optional<std::string> note;
  std::optional<int64_t> count;
  bool active = false;
};

template <class Fields>
void Describe(Fields& f, const Sample& s) {
  f("active", s.active)("count", s.count)("id", s.id)("name", s.name)("note", s.note);
}

TEST(JsonFields, TextIsWhatTheTreeWouldWrite) {
  for (const Sample& s :
       {Sample{}, Sample{-9223372036854775807 - 1, "楠市镇\n\"朋佳\"", "备注", 0, true},
        Sample{9223372036854775807, "", std::nullopt, 42, false}}) {
    JsonTreeFields tree;
    Describe(tree, s);
    std::string text;
    {
      JsonTextFields f(text);
      Describe(f, s);
    }
    EXPECT_EQ(text, tree.Take().dump()) << s.name;
  }
}

}  // namespace
}  // namespace sl
