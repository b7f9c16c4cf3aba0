#include "io/encoding.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include "io/csv.hpp"

namespace sl::io {
namespace {

using Rows = std::vector<std::vector<std::string>>;

std::string Fixture(const std::string& name) {
  const char* dir = std::getenv("SL_SOURCE_DIR");
  std::ifstream in(std::string(dir != nullptr ? dir : ".") + "/tests/fixtures/io/" + name,
                   std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

const std::string kText =
    "序号,姓名,村（社区）,备注\r\n"
    "1,张三,楠市村,\"含,逗号\"\r\n"
    "2,欧阳䶮,新田村,生僻字𠀀\r\n"
    "3,李四,\"多\r\n行\",€\r\n";

const Rows kRows = {{"序号", "姓名", "村（社区）", "备注"},
                    {"1", "张三", "楠市村", "含,逗号"},
                    {"2", "欧阳䶮", "新田村", "生僻字𠀀"},
                    {"3", "李四", "多\r\n行", "€"}};

// Decodes through the streaming path (detection as for a file on disk).
std::string StreamDecode(const std::string& bytes, TextEncoding* enc = nullptr,
                         std::string* error = nullptr) {
  std::istringstream src(bytes);
  DecodingIstream in(src);
  std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (enc != nullptr) *enc = in.decoder().encoding();
  if (error != nullptr && in.decoder().error()) *error = in.decoder().error()->key;
  EXPECT_TRUE(error != nullptr || !in.decoder().error());
  return out;
}

Rows ParseDecoded(const std::string& bytes) {
  std::istringstream src(bytes);
  DecodingIstream in(src);
  CsvReader reader(in, bytes.substr(0, 2) == "\xFF\xFE" ? '\t' : ',');
  Rows rows;
  std::vector<std::string> f;
  for (;;) {
    auto more = reader.Next(f);
    EXPECT_TRUE(more.ok());
    if (!more.ok() || !*more) break;
    rows.push_back(f);
  }
  EXPECT_FALSE(in.decoder().error());
  return rows;
}

TEST(Encoding, Gb18030FixtureWasMadeByIconv) {
  const std::string gb = Fixture("gb18030.csv");
  ASSERT_FALSE(gb.empty());
  EXPECT_FALSE(IsValidUtf8(gb));
  TextEncoding enc;
  auto text = DetectAndDecode(gb, &enc);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(enc, TextEncoding::kGb18030);
  EXPECT_EQ(*text, kText);  // 䶮 and 𠀀 are four-byte GB18030 sequences
  EXPECT_EQ(StreamDecode(gb, &enc), kText);
  EXPECT_EQ(enc, TextEncoding::kGb18030);
  EXPECT_EQ(ParseDecoded(gb), kRows);
}

TEST(Encoding, Utf8WithAndWithoutBom) {
  for (const char* name : {"utf8.csv", "utf8_bom.csv"}) {
    const std::string bytes = Fixture(name);
    TextEncoding enc;
    auto text = DetectAndDecode(bytes, &enc);
    ASSERT_TRUE(text.ok()) << name;
    EXPECT_EQ(enc, TextEncoding::kUtf8);
    EXPECT_EQ(*text, kText) << name;  // the BOM is dropped
    EXPECT_EQ(StreamDecode(bytes), kText) << name;
    EXPECT_EQ(ParseDecoded(bytes), kRows) << name;
  }
}

TEST(Encoding, Utf16WithBom) {
  const std::string le = Fixture("utf16le.txt");
  TextEncoding enc;
  auto text = DetectAndDecode(le, &enc);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(enc, TextEncoding::kUtf16Le);
  EXPECT_EQ(StreamDecode(le), *text);
  EXPECT_EQ(ParseDecoded(le), kRows);
  // Big-endian, made here.
  std::string be = "\xFE\xFF";
  for (char16_t c : std::u16string(u"名字,𠀀\n")) {
    be.push_back(static_cast<char>(c >> 8));
    be.push_back(static_cast<char>(c & 0xFF));
  }
  auto be_text = DetectAndDecode(be, &enc);
  ASSERT_TRUE(be_text.ok());
  EXPECT_EQ(enc, TextEncoding::kUtf16Be);
  EXPECT_EQ(*be_text, "名字,𠀀\n");
  EXPECT_EQ(StreamDecode(be), "名字,𠀀\n");
}

TEST(Encoding, AsciiIsUtf8AndPassesThrough) {
  TextEncoding enc;
  EXPECT_EQ(*DetectAndDecode("a,b\n1,2\n", &enc), "a,b\n1,2\n");
  EXPECT_EQ(enc, TextEncoding::kUtf8);
  EXPECT_EQ(StreamDecode("a,b\n1,2\n", &enc), "a,b\n1,2\n");
  EXPECT_EQ(*DetectAndDecode(""), "");
  EXPECT_EQ(StreamDecode(""), "");
}

TEST(Encoding, StreamingLooksPastALongAsciiPrefix) {
  // 200 KiB of ASCII, then GBK: the decision waits for the first non-ASCII
  // bytes, and 64 KiB chunks split multi-byte characters anywhere.
  std::string utf8(200 * 1024, 'a');
  utf8 += "\n";
  std::string gb = utf8;
  for (int i = 0; i < 5000; ++i) {
    utf8 += "楠市镇,";
    gb += "\xE9\xAA\xCA\xD0\xD5\xF2,";  // the same in GBK
  }
  TextEncoding enc;
  EXPECT_EQ(StreamDecode(gb, &enc), utf8);
  EXPECT_EQ(enc, TextEncoding::kGb18030);
  EXPECT_EQ(*DetectAndDecode(gb), utf8);
  EXPECT_EQ(StreamDecode(utf8, &enc), utf8);
  EXPECT_EQ(enc, TextEncoding::kUtf8);
}

TEST(Encoding, InvalidTextIsAnErrorWithTheLine) {
  // 0xFF never occurs in GB18030.
  auto r = DetectAndDecode("a,b\n\xFF\xFE\xFF,c\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "encoding_invalid");
  EXPECT_EQ(r.error().message.args, (std::vector<std::string>{"2", "GB18030"}));
  std::string error;
  StreamDecode("a,b\n\xFF\xFE\xFF,c\n", nullptr, &error);
  EXPECT_EQ(error, "encoding_invalid");
  // With a UTF-8 BOM the rest must be UTF-8.
  r = DetectAndDecode("\xEF\xBB\xBFok\nok\n\xC3(\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.args, (std::vector<std::string>{"3", "UTF-8"}));
  error.clear();
  const std::string out = StreamDecode("\xEF\xBB\xBFok\nok\n\xC3(\n", nullptr, &error);
  EXPECT_EQ(error, "encoding_invalid");
  EXPECT_EQ(out, "ok\nok\n");  // what was good before the error
  // Truncated UTF-16.
  EXPECT_FALSE(DetectAndDecode("\xFF\xFE"
                               "a\0b")
                   .ok());
  EXPECT_FALSE(DetectAndDecode(std::string("\xFF\xFE"
                                           "a\0b",
                                           5))
                   .ok());
}

TEST(Encoding, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("中文𠀀"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE4\xB8"));
  EXPECT_TRUE(IsValidUtf8("\xE4\xB8", true));
  EXPECT_FALSE(IsValidUtf8("\xE4(", true));
}

TEST(Csv, ReadsFromAStreamThatCannotSeek) {
  // A first character starting with 0xEF that is not a BOM (U+FF21, "Ａ")
  // must survive on a stream that cannot seek back.
  const std::string text = "\xEF\xBC\xA1,b\n";
  std::istringstream src(text);
  DecodingIstream in(src);
  CsvReader reader(in);
  std::vector<std::string> f;
  ASSERT_TRUE(*reader.Next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"\xEF\xBC\xA1", "b"}));
}

TEST(Csv, TabsAndARecordLimit) {
  std::istringstream tsv("a\tb,c\n");
  CsvReader reader(tsv, '\t');
  std::vector<std::string> f;
  ASSERT_TRUE(*reader.Next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"a", "b,c"}));
  std::istringstream open_quote("\"never closed" + std::string(1000, 'x'));
  CsvReader capped(open_quote);
  capped.set_max_record_bytes(100);
  auto r = capped.Next(f);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "csv_record_too_large");
}

}  // namespace
}  // namespace sl::io
