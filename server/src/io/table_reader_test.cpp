#include "io/table_reader.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "io/xlsx_writer.hpp"

namespace sl::io {
namespace {

using Rows = std::vector<std::pair<int64_t, std::vector<std::string>>>;

std::string FixturePath(const std::string& name) {
  const char* dir = std::getenv("SL_SOURCE_DIR");
  return std::string(dir != nullptr ? dir : ".") + "/tests/fixtures/io/" + name;
}

std::string Fixture(const std::string& name) {
  std::ifstream in(FixturePath(name), std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Rows ReadAll(TableReader& t) {
  Rows rows;
  TableRow row;
  for (;;) {
    auto more = t.Next(row);
    EXPECT_TRUE(more.ok()) << more.error().key;
    if (!more.ok() || !*more) break;
    rows.emplace_back(row.number, row.cells);
  }
  return rows;
}

const Rows kCsvRows = {{1, {"序号", "姓名", "村（社区）", "备注"}},
                       {2, {"1", "张三", "楠市村", "含,逗号"}},
                       {3, {"2", "欧阳䶮", "新田村", "生僻字𠀀"}},
                       {4, {"3", "李四", "多\r\n行", "€"}}};

TEST(TableReader, CsvInEveryEncodingFromBytesAndFiles) {
  const std::vector<std::pair<std::string, std::string>> cases = {{"gb18030.csv", "GB18030"},
                                                                  {"utf8.csv", "UTF-8"},
                                                                  {"utf8_bom.csv", "UTF-8"},
                                                                  {"utf16le.txt", "UTF-16LE"}};
  for (const auto& [name, encoding] : cases) {
    auto from_bytes = OpenTableBytes(Fixture(name), name);
    ASSERT_TRUE(from_bytes.ok()) << name;
    EXPECT_EQ((*from_bytes)->format(), TableFormat::kCsv);
    EXPECT_EQ(ReadAll(**from_bytes), kCsvRows) << name;
    EXPECT_EQ((*from_bytes)->encoding(), encoding) << name;
    auto from_file = OpenTableFile(FixturePath(name));
    ASSERT_TRUE(from_file.ok()) << name;
    EXPECT_EQ(ReadAll(**from_file), kCsvRows) << name;
    EXPECT_EQ((*from_file)->encoding(), encoding) << name;
  }
}

TEST(TableReader, XlsxByContentNotByName) {
  // An xlsx named .csv is still an xlsx.
  auto t = OpenTableBytes(Fixture("wps_prefixed.xlsx"), "台账.csv");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ((*t)->format(), TableFormat::kXlsx);
  EXPECT_EQ((*t)->sheet(), "台账");
  const Rows rows = ReadAll(**t);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[2], (Rows::value_type{4, {"", "跳过一行", "7"}}));
}

TEST(TableReader, FirstVisibleSheetOrOneByName) {
  auto first = OpenTableFile(FixturePath("sheet_order.xlsx"));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ((*first)->sheet(), "台账");
  EXPECT_EQ(ReadAll(**first), (Rows{{1, {"台账数据"}}}));
  TableOptions options;
  options.sheet = "备注";
  auto named = OpenTableFile(FixturePath("sheet_order.xlsx"), options);
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(ReadAll(**named), (Rows{{1, {"备注页"}}}));
  options.sheet = "没有这页";
  EXPECT_EQ(OpenTableFile(FixturePath("sheet_order.xlsx"), options).error().key,
            "xlsx_sheet_not_found");
}

TEST(TableReader, BlankRowsAreSkippedUnlessAsked) {
  auto skipping = OpenTableBytes(Fixture("excel_rich_text.xlsx"), "a.xlsx");
  ASSERT_TRUE(skipping.ok());
  const Rows rows = ReadAll(**skipping);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows.back().first, 5);
  TableOptions keep;
  keep.skip_blank_rows = false;
  auto keeping = OpenTableBytes(Fixture("excel_rich_text.xlsx"), "a.xlsx", keep);
  ASSERT_TRUE(keeping.ok());
  EXPECT_EQ(ReadAll(**keeping).size(), 6u);

  auto csv = OpenTableBytes("a,b,,\n\n,,\nc\n", "x.csv");
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(ReadAll(**csv), (Rows{{1, {"a", "b"}}, {4, {"c"}}}));
}

TEST(TableReader, WriterOutputReadsBackAsATable) {
  auto bytes = WriteXlsxToString([](XlsxWriter& book) -> Status {
    SL_TRY(book.AddInstructionsSheet("说明", {"模板"}));
    SL_ASSIGN_OR_RETURN(XlsxSheetWriter * sheet, book.AddSheet("人员"));
    SL_TRY(sheet->WriteHeader({"姓名", "出生日期"}));
    SL_TRY(sheet->AddDropDown(0, 1, 100, std::vector<std::string>(100, "很长的选项内容")));
    return sheet->WriteRow({XlsxCell::Text("张三"), XlsxCell::Date(1990, 1, 1)});
  });
  ASSERT_TRUE(bytes.ok());
  TableOptions options;
  options.sheet = "人员";
  auto t = OpenTableBytes(std::move(*bytes), "export.xlsx", options);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(ReadAll(**t), (Rows{{1, {"姓名", "出生日期"}}, {2, {"张三", "1990-01-01"}}}));
}

TEST(TableReader, FormatDetection) {
  EXPECT_EQ(*DetectTableFormat("PK\x03\x04rest", "a.csv"), TableFormat::kXlsx);
  EXPECT_EQ(*DetectTableFormat("a,b\n", "a.csv"), TableFormat::kCsv);
  EXPECT_EQ(*DetectTableFormat("a\tb\n", "导出.xls"), TableFormat::kCsv);  // text saved as .xls
  EXPECT_EQ(*DetectTableFormat("", "empty.csv"), TableFormat::kCsv);
  EXPECT_EQ(DetectTableFormat("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "old.xls").error().key,
            "table_xls_unsupported");
  EXPECT_EQ(DetectTableFormat("<html><table>", "report.xls").error().key,
            "table_format_unsupported");
  EXPECT_EQ(DetectTableFormat("\xEF\xBB\xBF <?xml", "x.xls").error().key,
            "table_format_unsupported");
  EXPECT_EQ(DetectTableFormat("a,b", "renamed.xlsx").error().key, "xlsx_not_zip");
  EXPECT_EQ(DetectTableFormat(std::string("PK\x03\x04", 4) + std::string(26, '\0') +
                                  "mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
                              "a.ods")
                .error()
                .key,
            "table_format_unsupported");
}

TEST(TableReader, ErrorsComeThrough) {
  EXPECT_EQ(OpenTableFile(FixturePath("nope.csv")).error().key, "io_open_failed");
  EXPECT_EQ(OpenTableBytes(Fixture("truncated.xlsx"), "t.xlsx").error().key, "xlsx_not_zip");
  auto bad = OpenTableBytes(Fixture("bad_xml.xlsx"), "b.xlsx");
  ASSERT_TRUE(bad.ok());
  TableRow row;
  ASSERT_TRUE(*(*bad)->Next(row));
  EXPECT_EQ((*bad)->Next(row).error().key, "xlsx_malformed_xml");
  auto quote = OpenTableBytes("a,\"b\nc\n", "q.csv");
  ASSERT_TRUE(quote.ok());
  EXPECT_EQ((*quote)->Next(row).error().key, "csv_unterminated_quote");
  // Not GB18030 either. The decoder's error wins over whatever the CSV reader
  // makes of the text cut short; it comes at the latest at the end.
  auto garbage = OpenTableBytes("a,b\n\xFF\xFF\xFF\n", "g.csv");
  std::string key;
  if (!garbage.ok()) {
    key = garbage.error().key;
  } else {
    for (;;) {
      auto more = (*garbage)->Next(row);
      if (!more.ok()) key = more.error().key;
      if (!more.ok() || !*more) break;
    }
  }
  EXPECT_EQ(key, "encoding_invalid");
}

}  // namespace
}  // namespace sl::io
