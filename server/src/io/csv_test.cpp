#include "io/csv.hpp"

#include <gtest/gtest.h>

namespace sl::io {
namespace {

using Rows = std::vector<std::vector<std::string>>;

TEST(Csv, ReadsTheChinaDivisionFormat) {
  auto r = ParseCsv("code,name,cityCode\n431127,\"蓝山县\",4311\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (Rows{{"code", "name", "cityCode"}, {"431127", "蓝山县", "4311"}}));
}

TEST(Csv, QuotesCommasNewlinesAndCrlf) {
  auto r = ParseCsv(
      "\xEF\xBB\xBF"
      "a,\"b,\"\"c\"\"\r\nd\"\r\n,\r\nlast");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (Rows{{"a", "b,\"c\"\r\nd"}, {"", ""}, {"last"}}));
}

TEST(Csv, EmptyInputHasNoRows) {
  auto r = ParseCsv("");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST(Csv, BrokenInputIsAnErrorNamingTheLine) {
  auto unterminated = ParseCsv("a,b\n\"open,c\n");
  ASSERT_FALSE(unterminated.ok());
  EXPECT_EQ(unterminated.error().key, "csv_unterminated_quote");
  EXPECT_EQ(unterminated.error().message.args.at(0), "2");
  auto stray = ParseCsv("a,b\"c\n");
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(stray.error().key, "csv_stray_quote");
  EXPECT_FALSE(ParseCsv("\"a\"b\n").ok());
}

TEST(Csv, ReportsTheLineEachRecordStartsOn) {
  std::istringstream in("h\n\"x\ny\"\nz\n");
  CsvReader reader(in);
  std::vector<std::string> f;
  ASSERT_TRUE(*reader.Next(f));
  EXPECT_EQ(reader.line(), 1);
  ASSERT_TRUE(*reader.Next(f));
  EXPECT_EQ(reader.line(), 2);
  ASSERT_TRUE(*reader.Next(f));
  EXPECT_EQ(reader.line(), 4);
  EXPECT_EQ(f.at(0), "z");
  EXPECT_FALSE(*reader.Next(f));
}

}  // namespace
}  // namespace sl::io
