#include "text/utf8.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sl::text {
namespace {

std::u32string Decode(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out += DecodeUtf8(s, i);
  return out;
}

TEST(Utf8, CharactersCountAsExcelCountsThem) {
  EXPECT_EQ(CharCount(""), 0u);
  EXPECT_EQ(CharCount("a楠"), 2u);
  EXPECT_EQ(CharCount("\xF0\xA0\x80\x80"), 2u);  // U+20000, a surrogate pair in Excel
  EXPECT_EQ(Truncate("楠市镇", 2), "楠市");
  EXPECT_EQ(Truncate("a\xF0\xA0\x80\x80", 2), "a");  // never half a character
  EXPECT_EQ(Truncate("abc", 9), "abc");
}

TEST(Utf8, DecodesEveryLength) {
  EXPECT_EQ(Decode("a楠\xC3\xA9\xF0\x9F\x98\x80"), (std::u32string{U'a', U'楠', 0xE9, 0x1F600}));
}

TEST(Utf8, ReplacesWhatIsNotUtf8) {
  // A stray continuation byte, an overlong form, a surrogate, a truncated tail.
  EXPECT_EQ(Decode("\x80"), U"\uFFFD");
  EXPECT_EQ(Decode("\xC0\xAF"), U"\uFFFD\uFFFD");
  EXPECT_EQ(Decode("\xED\xA0\x80"), U"\uFFFD\uFFFD\uFFFD");
  // The maximal invalid prefix is one replacement: E6 A5 then a letter.
  EXPECT_EQ(Decode("\xE6\xA5x"), U"\uFFFDx");
  EXPECT_EQ(Decode("x\xF0\x9F"), U"x\uFFFD");
}

TEST(Utf8, EncodesWhatItDecodes) {
  for (char32_t c : {char32_t{0x41}, char32_t{0xE9}, char32_t{0x6960}, char32_t{0x1F600}}) {
    const std::string s = EncodeUtf8(c);
    size_t i = 0;
    EXPECT_EQ(DecodeUtf8(s, i), c);
    EXPECT_EQ(i, s.size());
  }
}

TEST(Utf8, ValidPrefixTellsATruncatedTailFromAnError) {
  bool truncated = false;
  EXPECT_EQ(Utf8ValidPrefix("楠市", truncated), 6u);
  EXPECT_FALSE(truncated);
  EXPECT_EQ(Utf8ValidPrefix("楠\xE5\xB8", truncated), 3u);
  EXPECT_TRUE(truncated);
  EXPECT_EQ(Utf8ValidPrefix("楠\xFF市", truncated), 3u);
  EXPECT_FALSE(truncated);
}

}  // namespace
}  // namespace sl::text
