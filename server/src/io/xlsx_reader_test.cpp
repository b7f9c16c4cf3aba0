#include "io/xlsx_reader.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "io/zip_archive.hpp"
#include "testing/expect.hpp"

namespace sl::io {
namespace {

using sl::testing::ExpectAll;
using sl::testing::ExpectEach;

using Cells = std::vector<std::string>;

std::string Fixture(const std::string& name) {
  const char* dir = std::getenv("SL_SOURCE_DIR");
  return std::string(dir != nullptr ? dir : ".") + "/tests/fixtures/io/" + name;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::unique_ptr<XlsxReader> Open(const std::string& name) {
  auto r = XlsxReader::OpenFile(Fixture(name));
  EXPECT_TRUE(r.ok()) << name << ": " << (r.ok() ? "" : r.error().key);
  return r.ok() ? std::move(r).value() : nullptr;
}

// All rows of a sheet, or the error that stopped the reading.
std::vector<XlsxRow> ReadAll(XlsxReader& reader, size_t sheet, std::string* error = nullptr) {
  std::vector<XlsxRow> rows;
  auto st = reader.ForEachRow(sheet, [&](const XlsxRow& r) {
    rows.push_back(r);
    return OkStatus();
  });
  if (!st.ok() && error != nullptr) *error = st.error().key;
  EXPECT_TRUE(st.ok() || error != nullptr) << st.error().key;
  return rows;
}

// The key of the first error opening and reading every sheet of a fixture.
std::string FirstError(const std::string& name, const XlsxLimits& limits = {}) {
  const std::string bytes = Slurp(Fixture(name));  // must outlive the reader
  auto r = XlsxReader::OpenMemory(bytes, limits);
  if (!r.ok()) return r.error().key;
  for (size_t i = 0; i < (*r)->sheets().size(); ++i) {
    std::string error;
    ReadAll(**r, i, &error);
    if (!error.empty()) return error;
  }
  return "";
}

TEST(XlsxReader, ExcelSharedStringsRichTextAndPhoneticRuns) {
  auto reader = Open("excel_rich_text.xlsx");
  ASSERT_TRUE(reader);
  ASSERT_EQ(reader->sheets().size(), 1u);
  EXPECT_EQ(reader->sheets()[0].name, "Sheet1");
  const auto rows = ReadAll(*reader, 0);
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[0].number, 1);
  EXPECT_EQ(rows[0].cells, (Cells{"姓名", "<tag> & 引号\""}));
  // Runs joined, phonetic runs skipped, spaces kept; numbers in shortest form.
  EXPECT_EQ(rows[1].cells,
            (Cells{"张三 ", "42", "1.5", "-0.25", "1e+20", "0.1", "1.2345678901234567e+19"}));
  EXPECT_EQ(rows[2].cells, (Cells{"  前后空格  ", "TRUE", "FALSE", "#N/A", "姓名x"}));
  // Row 4 is not stored; cells without a value are empty; _x000D_ decoded.
  EXPECT_EQ(rows[3].number, 5);
  EXPECT_EQ(rows[3].cells, (Cells{"第一行\r\n第二行", "", "", "", "literal _x0041_ kept"}));
  // An empty <row/> and a row of empty strings are rows with no cells.
  EXPECT_EQ(rows[4].number, 6);
  EXPECT_TRUE(rows[4].cells.empty());
  EXPECT_EQ(rows[5].number, 7);
  EXPECT_TRUE(rows[5].cells.empty());
}

TEST(XlsxReader, WpsPrefixesInlineStringsAndMissingReferences) {
  auto reader = Open("wps_prefixed.xlsx");
  ASSERT_TRUE(reader);
  ASSERT_EQ(reader->sheets().size(), 1u);
  EXPECT_EQ(reader->sheets()[0].name, "台账");
  const auto rows = ReadAll(*reader, 0);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].number, 1);
  EXPECT_EQ(rows[0].cells, (Cells{"序号", "村名", "金额（元）"}));
  EXPECT_EQ(rows[1].number, 2);
  EXPECT_EQ(rows[1].cells, (Cells{"1", "楠市村", "1234.5"}));
  // A cell without r follows the previous one; a row without r the previous row.
  EXPECT_EQ(rows[2].number, 4);
  EXPECT_EQ(rows[2].cells, (Cells{"", "跳过一行", "7"}));
  EXPECT_EQ(rows[3].number, 5);
  EXPECT_EQ(rows[3].cells, (Cells{"", "公式文字"}));
}

TEST(XlsxReader, DateStylesBuiltInCustomAndChinese) {
  auto reader = Open("dates.xlsx");
  ASSERT_TRUE(reader);
  EXPECT_FALSE(reader->date1904());
  const auto rows = ReadAll(*reader, 0);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].cells, (Cells{"2024-01-15", "2024-01-15", "2024-01-15 12:00:00", "3.5", "45306",
                                  "2024-01-15 18:00:00", "2024-01-15 09:30:00", "12:00:00",
                                  "2024-01-15", "2024-01-15", "18:00:00", "45306", "12"}));
  // 1900 quirks: serial 60 is Excel's 1900-02-29; out of range stays a
  // number; t="d"; an unknown style is plain; seconds round up to midnight.
  EXPECT_EQ(rows[1].cells,
            (Cells{"1900-01-01", "1900-02-28", "1900-03-01", "9999-12-31", "-1", "3000000",
                   "2024-01-15", "2024-01-15 08:05:09", "5", "2024-01-16"}));
}

TEST(XlsxReader, The1904DateSystem) {
  auto reader = Open("date1904.xlsx");
  ASSERT_TRUE(reader);
  EXPECT_TRUE(reader->date1904());
  const auto rows = ReadAll(*reader, 0);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells,
            (Cells{"1904-01-01", "2024-01-15", "06:00:00", "2024-01-15 12:00:00", "43844"}));
}

TEST(XlsxReader, SheetsByOrderNameAndVisibility) {
  auto reader = Open("sheet_order.xlsx");
  ASSERT_TRUE(reader);
  const auto& s = reader->sheets();
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].name, "lists");
  EXPECT_FALSE(s[0].visible);
  EXPECT_EQ(s[0].part, "xl/worksheets/sheet3.xml");  // absolute target
  EXPECT_EQ(s[1].name, "台账");
  EXPECT_EQ(s[2].name, "Chart1");
  EXPECT_FALSE(s[2].is_worksheet);
  EXPECT_EQ(s[3].part, "xl/worksheets/sheet2.xml");  // "./worksheets/../worksheets/"
  auto first = reader->FirstVisibleSheet();
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, 1u);
  EXPECT_EQ(ReadAll(*reader, 1).at(0).cells, (Cells{"台账数据"}));
  auto notes = reader->FindSheet("备注");
  ASSERT_TRUE(notes.ok());
  EXPECT_EQ(ReadAll(*reader, *notes).at(0).cells, (Cells{"备注页"}));
  auto lists = reader->FindSheet("LISTS");  // Excel ignores case in sheet names
  ASSERT_TRUE(lists.ok());
  EXPECT_EQ(*lists, 0u);
  EXPECT_EQ(ReadAll(*reader, 0).at(0).cells, (Cells{"隐藏的下拉选项"}));
  EXPECT_TRUE(ReadAll(*reader, 2).empty());  // a chart sheet has no cells
  EXPECT_EQ(reader->FindSheet("没有").error().key, "xlsx_sheet_not_found");
  EXPECT_EQ(reader->OpenSheet(9).error().key, "xlsx_sheet_not_found");
}

TEST(XlsxReader, Zip64Archives) {
  // Every entry has ZIP64 sizes and offsets, which Debian's minizip ignores.
  auto reader = Open("zip64.xlsx");
  ASSERT_TRUE(reader);
  const auto rows = ReadAll(*reader, 0);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].cells, (Cells{"A-001", "3"}));
  const std::string bytes = Slurp(Fixture("zip64.xlsx"));
  auto from_memory = XlsxReader::OpenMemory(bytes);
  ASSERT_TRUE(from_memory.ok()) << from_memory.error().key;
  EXPECT_EQ(ReadAll(**from_memory, 0).at(1).cells, (Cells{"A-001", "3"}));
}

TEST(XlsxReader, DamagedZip64MembersAreAnError) {
  // The ZIP64 entries go through our own inflate: damage in them is caught.
  std::string bytes = Slurp(Fixture("zip64.xlsx"));
  const size_t name = bytes.find("xl/worksheets/sheet1.xml");
  ASSERT_NE(name, std::string::npos);
  for (size_t i = name + 60; i < name + 90; ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0x5A);
  auto reader = XlsxReader::OpenMemory(bytes);
  ASSERT_TRUE(reader.ok()) << reader.error().key;
  std::string error;
  ReadAll(**reader, 0, &error);
  EXPECT_TRUE(error == "xlsx_corrupt" || error == "xlsx_malformed_xml") << error;
}

TEST(XlsxReader, WhatLibreOfficeWrites) {
  auto reader = Open("libreoffice.xlsx");
  ASSERT_TRUE(reader);
  ASSERT_EQ(reader->sheets().size(), 2u);
  EXPECT_EQ(reader->sheets()[0].name, "登记表");
  const auto rows = ReadAll(*reader, 0);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].cells, (Cells{"姓名", "出生日期", "登记时间", "金额", "人数", "党员", "备注"}));
  // Calc writes booleans as plain 1/0 and "yyyy\-mm\-dd" with escapes.
  EXPECT_EQ(rows[1].cells,
            (Cells{"李四", "1980-05-06", "2023-12-31 08:30:00", "1234.56", "3", "1", "含,逗号"}));
  EXPECT_EQ(rows[2].cells, (Cells{"王五", "", "", "-0.5", "1e-07", "0", "两段\n文字"}));
  EXPECT_EQ(ReadAll(*reader, 1).at(0).cells, (Cells{"第二页的内容"}));
}

TEST(XlsxReader, OpensFromMemoryLikeFromAFile) {
  const std::string bytes = Slurp(Fixture("excel_rich_text.xlsx"));
  auto reader = XlsxReader::OpenMemory(bytes);
  ASSERT_TRUE(reader.ok());
  const auto rows = ReadAll(**reader, 0);
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[1].cells.at(0), "张三 ");
  // A sheet can be read again, and the pull API stops cleanly.
  ASSERT_TRUE((*reader)->OpenSheet(0).ok());
  XlsxRow row;
  ASSERT_TRUE(*(*reader)->Next(row));
  EXPECT_EQ(row.cells.at(0), "姓名");
}

TEST(XlsxReader, BrokenInputIsAnError) {
  ExpectEach([](const std::string& file) { return FirstError(file); },
             {{"truncated.xlsx", "xlsx_not_zip"},
              {"not_a_zip.xlsx", "xlsx_not_zip"},
              {"no_workbook.xlsx", "xlsx_missing_part"},
              {"bad_xml.xlsx", "xlsx_malformed_xml"},
              {"bad_ref.xlsx", "xlsx_bad_cell_ref"},
              {"bad_shared_index.xlsx", "xlsx_bad_shared_string"},
              {"doctype.xlsx", "xlsx_malformed_xml"},
              {"huge_declared.xlsx", "xlsx_part_too_large"},
              {"corrupt_data.xlsx", "xlsx_corrupt"}});
  EXPECT_EQ(XlsxReader::OpenFile(Fixture("no_such_file.xlsx")).error().key, "io_open_failed");
  EXPECT_EQ(XlsxReader::OpenMemory("").error().key, "xlsx_not_zip");
}

TEST(XlsxReader, RowsBeforeBrokenXmlArriveThenTheError) {
  auto reader = Open("bad_xml.xlsx");
  ASSERT_TRUE(reader);
  ASSERT_TRUE(reader->OpenSheet(0).ok());
  XlsxRow row;
  auto first = reader->Next(row);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(row.cells, (Cells{"1"}));
  auto second = reader->Next(row);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().key, "xlsx_malformed_xml");
  EXPECT_EQ(second.error().message.args.at(0), "xl/worksheets/sheet1.xml");
  EXPECT_FALSE(reader->Next(row).ok());  // the error stays
}

TEST(XlsxReader, ColumnXfdIsTheLastAllowed) {
  auto reader = Open("too_many_columns.xlsx");
  ASSERT_TRUE(reader);
  ASSERT_TRUE(reader->OpenSheet(0).ok());
  XlsxRow row;
  ASSERT_TRUE(*reader->Next(row));
  ASSERT_EQ(row.cells.size(), 16384u);
  EXPECT_EQ(row.cells.back(), "1");
  auto next = reader->Next(row);
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.error().key, "xlsx_too_many_columns");
  EXPECT_EQ(next.error().message.args, (std::vector<std::string>{"Sheet1", "2"}));
}

TEST(XlsxReader, LimitsCapStringsAndParts) {
  XlsxLimits few;
  few.max_shared_strings = 3;
  EXPECT_EQ(FirstError("excel_rich_text.xlsx", few), "xlsx_too_many_strings");
  XlsxLimits small;
  small.max_part_bytes = 500;
  EXPECT_EQ(FirstError("dates.xlsx", small), "xlsx_part_too_large");
  XlsxLimits short_cells;
  short_cells.max_cell_bytes = 4;
  EXPECT_EQ(FirstError("wps_prefixed.xlsx", short_cells), "xlsx_cell_too_long");
  EXPECT_EQ(FirstError("excel_rich_text.xlsx", short_cells), "xlsx_string_too_long");
}

TEST(XlsxReader, CellReferences) {
  EXPECT_EQ(*ParseCellRef("A1"), std::make_pair(0, int64_t{1}));
  EXPECT_EQ(*ParseCellRef("C7"), std::make_pair(2, int64_t{7}));
  EXPECT_EQ(*ParseCellRef("AA10"), std::make_pair(26, int64_t{10}));
  EXPECT_EQ(*ParseCellRef("XFD1048576"), std::make_pair(16383, int64_t{1048576}));
  EXPECT_EQ(ParseCellRef("XFE1")->first, 16384);  // parsed; the reader refuses it
  EXPECT_EQ(*ParseCellRef("b"), std::make_pair(1, int64_t{0}));
  for (const char* bad : {"", "1A", "ZZZZ1", "A0", "A1048577", "A-1", "A1x", "$A$1", "A 1"})
    EXPECT_FALSE(ParseCellRef(bad).ok()) << bad;
}

TEST(XlsxReader, DateFormats) {
  for (int id : {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, 31, 57, 58})
    EXPECT_TRUE(IsDateFormat(id, "")) << id;
  for (int id : {0, 1, 2, 9, 10, 11, 12, 13, 37, 44, 48, 49, 59, 164})
    EXPECT_FALSE(IsDateFormat(id, "")) << id;
  EXPECT_TRUE(IsDateFormat(164, "yyyy\"年\"m\"月\"d\"日\""));
  EXPECT_TRUE(IsDateFormat(164, "[$-804]yyyy/m/d;@"));
  EXPECT_TRUE(IsDateFormat(164, "YYYY-MM-DD"));
  EXPECT_TRUE(IsDateFormat(164, "yyyy\\-mm\\-dd"));
  EXPECT_TRUE(IsDateFormat(164, "[h]:mm:ss"));
  EXPECT_TRUE(IsDateFormat(164, "mm:ss"));
  EXPECT_FALSE(IsDateFormat(164, "General"));
  EXPECT_FALSE(IsDateFormat(164, "0.00\"天\""));
  EXPECT_FALSE(IsDateFormat(164, "[Red]#,##0.00_);\\(#,##0.00\\)"));
  EXPECT_FALSE(IsDateFormat(164, "#,##0\"人 (day)\""));
  EXPECT_FALSE(IsDateFormat(164, "0.00E+00"));
  EXPECT_FALSE(IsDateFormat(164, "@"));
  // A custom definition of a built-in id wins.
  EXPECT_FALSE(IsDateFormat(14, "0.00"));
}

TEST(XlsxReader, SerialsAndNumbers) {
  EXPECT_EQ(ExcelSerialToIso(45306, false), "2024-01-15");
  EXPECT_EQ(ExcelSerialToIso(45306.5, false), "2024-01-15 12:00:00");
  EXPECT_EQ(ExcelSerialToIso(43844, true), "2024-01-15");
  EXPECT_EQ(ExcelSerialToIso(0.25, false), "06:00:00");
  EXPECT_EQ(ExcelSerialToIso(-1, false), "");
  EXPECT_EQ(ExcelSerialToIso(1e300, false), "");
  EXPECT_EQ(FormatNumber(42), "42");
  EXPECT_EQ(FormatNumber(-0.0), "0");
  EXPECT_EQ(FormatNumber(0.1), "0.1");
  EXPECT_EQ(FormatNumber(1234.56), "1234.56");
  EXPECT_EQ(FormatNumber(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(FormatNumber(123456789012345.0), "123456789012345");
  EXPECT_EQ(FormatNumber(1e-7), "1e-07");
  EXPECT_EQ(FormatNumber(0.0001), "0.0001");
  EXPECT_EQ(FormatNumber(3000000), "3000000");
  EXPECT_EQ(FormatNumber(1e16), "1e+16");
}

TEST(ZipArchive, NamesAreCaseInsensitiveAndSlashNormalized) {
  EXPECT_EQ(ZipArchive::NormalizeName("/XL\\Worksheets/Sheet1.XML"), "xl/worksheets/sheet1.xml");
  auto zip = ZipArchive::OpenFile(Fixture("wps_prefixed.xlsx"));
  ASSERT_TRUE(zip.ok());
  EXPECT_TRUE((*zip)->Has("XL/Workbook.xml"));
  EXPECT_FALSE((*zip)->Has("xl/sharedStrings.xml"));
  ASSERT_TRUE((*zip)->Open("xl/workbook.xml", 1 << 20).ok());
  char buf[16];
  auto n = (*zip)->Read(buf, sizeof buf);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(std::string(buf, 5), "<?xml");
  EXPECT_EQ((*zip)->Open("xl/workbook.xml", 10).error().key, "xlsx_part_too_large");
  EXPECT_EQ((*zip)->Open("nope.xml", 10).error().key, "xlsx_missing_part");
}

}  // namespace
}  // namespace sl::io
