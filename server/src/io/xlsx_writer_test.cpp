#include "io/xlsx_writer.hpp"

#include <gtest/gtest.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "io/xlsx_reader.hpp"
#include "io/zip_archive.hpp"

#if defined(__SANITIZE_ADDRESS__)
// From <sanitizer/allocator_interface.h>, which g++ does not ship.
extern "C" size_t __sanitizer_get_current_allocated_bytes();
#endif

namespace sl::io {
namespace {

using Cells = std::vector<std::string>;

std::vector<XlsxRow> ReadSheet(XlsxReader& reader, size_t sheet) {
  std::vector<XlsxRow> rows;
  auto st = reader.ForEachRow(sheet, [&](const XlsxRow& r) {
    rows.push_back(r);
    return OkStatus();
  });
  EXPECT_TRUE(st.ok()) << st.error().key;
  return rows;
}

// The text of one zip member (small ones, for looking at what was written).
std::string Member(std::string_view xlsx, const std::string& name) {
  auto zip = ZipArchive::OpenMemory(xlsx);
  if (!zip.ok() || !(*zip)->Open(name, 64 << 20).ok()) return {};
  std::string out;
  char buf[4096];
  for (;;) {
    auto n = (*zip)->Read(buf, sizeof buf);
    if (!n.ok() || *n == 0) break;
    out.append(buf, *n);
  }
  return out;
}

class TempFile {
 public:
  explicit TempFile(const std::string& suffix) {
    path_ = (std::filesystem::temp_directory_path() / ("sl-io-test-" + std::to_string(::getpid()) +
                                                       "-" + std::to_string(++counter_) + suffix))
                .string();
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::string path_;
};

// Live heap bytes: what "constant memory" is about (RSS under ASan also
// counts its quarantine of freed blocks).
size_t LiveHeapBytes() {
#if defined(__SANITIZE_ADDRESS__)
  return __sanitizer_get_current_allocated_bytes();
#else
  return mallinfo2().uordblks;
#endif
}

long ProcStatusKb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::strlen(field));
  return -1;
}

void ResetPeakRss() {
  std::ofstream("/proc/self/clear_refs") << "5";  // resets VmHWM (Linux 4.0+)
}

std::vector<XlsxCell> SampleRow() {
  return {XlsxCell::Integer(42),
          XlsxCell::Text("张三"),
          XlsxCell::Number(1234.56),
          XlsxCell::Date(2024, 1, 15),
          XlsxCell::DateTime(2023, 12, 31, 8, 30, 5),
          XlsxCell(),
          XlsxCell::Text("  前后空格 "),
          XlsxCell::Text("第一行\n第二行"),
          XlsxCell::Text("=SUM(A1:A2)"),
          XlsxCell::Text("ctrl\x01char"),
          XlsxCell::Number(-0.5),
          XlsxCell::Integer(-9007199254740992),
          XlsxCell::FromIsoDate("2000-02-29"),
          XlsxCell::FromIsoDate("2001-02-29"),
          XlsxCell::Text("")};
}

const Cells kSampleRowRead = {"42",
                              "张三",
                              "1234.56",
                              "2024-01-15",
                              "2023-12-31 08:30:05",
                              "",
                              "  前后空格 ",
                              "第一行\n第二行",
                              "=SUM(A1:A2)",
                              "ctrl\x01char",
                              "-0.5",
                              "-9007199254740992",
                              "2000-02-29",
                              "2001-02-29"};

void RoundTrip(bool constant_memory) {
  XlsxWriterOptions options;
  options.constant_memory = constant_memory;
  auto bytes = WriteXlsxToString(
      [](XlsxWriter& book) -> Status {
        SL_ASSIGN_OR_RETURN(XlsxSheetWriter * sheet, book.AddSheet("人员"));
        SL_TRY(sheet->SetColumnWidths({8, 12, 12, 12, 20}));
        SL_TRY(sheet->WriteHeader({"编号", "姓名", "金额", "日期", "时间"}));
        SL_TRY(sheet->WriteRow(SampleRow()));
        SL_TRY(sheet->WriteRow({}));  // an empty row: Excel stores nothing
        SL_TRY(sheet->WriteRow({XlsxCell(), XlsxCell::Text("尾")}));
        SL_ASSIGN_OR_RETURN(XlsxSheetWriter * second, book.AddSheet("Second"));
        return second->WriteRow({XlsxCell::Text("x")});
      },
      options);
  ASSERT_TRUE(bytes.ok()) << bytes.error().detail;
  auto reader = XlsxReader::OpenMemory(*bytes);
  ASSERT_TRUE(reader.ok()) << reader.error().key;
  ASSERT_EQ((*reader)->sheets().size(), 2u);
  EXPECT_EQ((*reader)->sheets()[0].name, "人员");
  const auto rows = ReadSheet(**reader, 0);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].cells, (Cells{"编号", "姓名", "金额", "日期", "时间"}));
  EXPECT_EQ(rows[1].number, 2);
  EXPECT_EQ(rows[1].cells, kSampleRowRead);
  EXPECT_EQ(rows[2].number, 4);
  EXPECT_EQ(rows[2].cells, (Cells{"", "尾"}));
  EXPECT_EQ(ReadSheet(**reader, 1).at(0).cells, (Cells{"x"}));
  // Constant-memory mode writes inline strings, the other a shared table.
  EXPECT_EQ(Member(*bytes, "xl/sharedStrings.xml").empty(), constant_memory);
}

TEST(XlsxWriter, RoundTripInConstantMemoryMode) { RoundTrip(true); }
TEST(XlsxWriter, RoundTripWithSharedStrings) { RoundTrip(false); }

TEST(XlsxWriter, HeaderIsBoldFilledAndFrozen) {
  auto bytes = WriteXlsxToString([](XlsxWriter& book) -> Status {
    SL_ASSIGN_OR_RETURN(XlsxSheetWriter * sheet, book.AddSheet("Data"));
    SL_TRY(sheet->WriteHeader({"a", "b"}));
    EXPECT_FALSE(sheet->WriteHeader({"again"}).ok());
    return sheet->SetColumnWidth(0, 1, 30);
  });
  ASSERT_TRUE(bytes.ok());
  const std::string ws = Member(*bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(
      ws.find("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"),
      std::string::npos)
      << ws;
  EXPECT_NE(ws.find("width=\"30.7109375\""), std::string::npos) << ws;
  const std::string styles = Member(*bytes, "xl/styles.xml");
  EXPECT_NE(styles.find("<b/>"), std::string::npos);
  EXPECT_NE(styles.find("FFD9E1F2"), std::string::npos);
}

TEST(XlsxWriter, AParagraphLongerThanACellGoesOnOverTheNextRows) {
  std::string sentences;
  while (sentences.size() < 70000) sentences += "楠市镇将林地450亩流转给企业。";
  std::string letters(40000, 'a');
  letters += "张";
  auto bytes = WriteXlsxToString([&](XlsxWriter& book) -> Status {
    return book.AddInstructionsSheet("简报正文", {"标题", sentences, letters, "完"});
  });
  ASSERT_TRUE(bytes.ok()) << bytes.error().detail;
  auto reader = XlsxReader::OpenMemory(*bytes);
  ASSERT_TRUE(reader.ok());
  const auto rows = ReadSheet(**reader, 0);
  std::vector<std::string> cells;
  for (const auto& row : rows) cells.push_back(row.cells.at(0));
  ASSERT_EQ(cells.size(), 7u);  // 3 pieces of sentences, 2 of letters
  EXPECT_EQ(cells[1] + cells[2] + cells[3], sentences);
  for (size_t i = 1; i <= 3; ++i) {
    EXPECT_LE(cells[i].size(), 32000u);
    EXPECT_EQ(cells[i].substr(cells[i].size() - 3), "。");  // cut after a sentence
  }
  EXPECT_EQ(cells[4] + cells[5], letters);
  EXPECT_EQ(cells[6], "完");
  EXPECT_EQ(SplitForCells(""), (std::vector<std::string>{""}));
}

TEST(XlsxWriter, DropDownsInlineOrOnAHiddenListsSheet) {
  std::vector<std::string> villages;
  for (int i = 0; i < 60; ++i) villages.push_back("第" + std::to_string(i + 1) + "村民委员会");
  auto bytes = WriteXlsxToString([&](XlsxWriter& book) -> Status {
    SL_TRY(book.AddInstructionsSheet(
        "填写说明",
        {"人员导入模板", "每行一人。带下拉框的列请从列表中选择。", "日期写成 2024-01-15。"}));
    SL_ASSIGN_OR_RETURN(XlsxSheetWriter * sheet, book.AddSheet("人员"));
    SL_TRY(sheet->WriteHeader({"姓名", "性别", "村"}));
    SL_TRY(sheet->AddDropDown(1, 1, 1000, {"男", "女"}, "请从列表中选择"));
    SL_TRY(sheet->AddDropDown(2, 1, 1000, villages));
    SL_TRY(sheet->AddDropDown(0, 1, 5, {"含,逗号", "b"}));  // commas cannot go inline
    EXPECT_FALSE(sheet->AddDropDown(0, 1, 5, {}).ok());
    return sheet->WriteRow({XlsxCell::Text("张三"), XlsxCell::Text("男")});
  });
  ASSERT_TRUE(bytes.ok()) << bytes.error().detail;
  auto reader = XlsxReader::OpenMemory(*bytes);
  ASSERT_TRUE(reader.ok());
  const auto& sheets = (*reader)->sheets();
  ASSERT_EQ(sheets.size(), 3u);
  EXPECT_EQ(sheets[0].name, "填写说明");
  EXPECT_EQ(sheets[2].name, "lists");
  EXPECT_FALSE(sheets[2].visible);
  const auto lists = ReadSheet(**reader, 2);
  ASSERT_EQ(lists.size(), 60u);
  EXPECT_EQ(lists[0].cells, (Cells{"第1村民委员会", "含,逗号"}));
  EXPECT_EQ(lists[59].cells, (Cells{"第60村民委员会"}));
  EXPECT_EQ(ReadSheet(**reader, 0).at(1).cells, (Cells{"每行一人。带下拉框的列请从列表中选择。"}));
  const std::string ws = Member(*bytes, "xl/worksheets/sheet2.xml");
  EXPECT_NE(ws.find("<formula1>\"男,女\"</formula1>"), std::string::npos) << ws;
  EXPECT_NE(ws.find("<formula1>lists!$A$1:$A$60</formula1>"), std::string::npos) << ws;
  EXPECT_NE(ws.find("<formula1>lists!$B$1:$B$2</formula1>"), std::string::npos) << ws;
  EXPECT_NE(ws.find("请从列表中选择"), std::string::npos);
}

TEST(XlsxWriter, ErrorCellsGetARedFillAndAComment) {
  auto bytes = WriteXlsxToString([](XlsxWriter& book) -> Status {
    SL_ASSIGN_OR_RETURN(XlsxSheetWriter * sheet, book.AddSheet("错误"));
    SL_TRY(sheet->WriteHeader({"身份证号", "出生日期"}));
    XlsxCell id = XlsxCell::Text("43112719900101123X");
    id.MarkError("校验码不符");
    XlsxCell date = XlsxCell::Date(1990, 1, 1);
    date.MarkError();
    return sheet->WriteRow({id, date, XlsxCell().MarkError("必填")});
  });
  ASSERT_TRUE(bytes.ok()) << bytes.error().detail;
  EXPECT_NE(Member(*bytes, "xl/styles.xml").find("FFFFC7CE"), std::string::npos);
  const std::string comments = Member(*bytes, "xl/comments1.xml");
  EXPECT_NE(comments.find("校验码不符"), std::string::npos) << comments;
  EXPECT_NE(comments.find("必填"), std::string::npos);
  auto reader = XlsxReader::OpenMemory(*bytes);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(ReadSheet(**reader, 0).at(1).cells, (Cells{"43112719900101123X", "1990-01-01"}));
}

TEST(XlsxWriter, BadInputIsAnError) {
  auto st = WriteXlsxToString([](XlsxWriter& book) -> Status {
    EXPECT_EQ(book.AddSheet("a/b").error().key, "xlsx_sheet_name");
    EXPECT_EQ(book.AddSheet("").error().key, "xlsx_sheet_name");
    EXPECT_EQ(book.AddSheet("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二")
                  .error()
                  .key,
              "xlsx_sheet_name");
    SL_ASSIGN_OR_RETURN(XlsxSheetWriter * sheet, book.AddSheet("Data"));
    EXPECT_EQ(book.AddSheet("DATA").error().key, "xlsx_sheet_name");
    EXPECT_EQ(sheet->WriteRow({XlsxCell::Date(2023, 2, 29)}).error().key, "xlsx_write_failed");
    EXPECT_EQ(sheet->WriteRow({XlsxCell::Number(std::nan(""))}).error().key, "xlsx_write_failed");
    EXPECT_EQ(sheet->WriteRow({XlsxCell::Text(std::string(40000, 'x'))}).error().key,
              "xlsx_write_failed");
    // Bytes that are not UTF-8 become U+FFFD instead of a file Excel refuses.
    return sheet->WriteRow({XlsxCell::Text("bad \xff\xfe bytes")});
  });
  ASSERT_TRUE(st.ok());
  auto reader = XlsxReader::OpenMemory(*st);
  ASSERT_TRUE(reader.ok());
  const auto rows = ReadSheet(**reader, 0);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.back().cells, (Cells{"bad \xEF\xBF\xBD\xEF\xBF\xBD bytes"}));
  auto book = XlsxWriter::Create("/nonexistent-dir/x.xlsx");  // fails only on Close
  ASSERT_TRUE(book.ok());
  EXPECT_EQ((*book)->Close().error().key, "xlsx_write_failed");
}

// SL_IO_ROWS=1000000 measures a bigger file (the figures are printed).
TEST(XlsxWriter, TwoHundredThousandRowsStreamInFlatMemory) {
  const char* env = std::getenv("SL_IO_ROWS");
  const int kRows = env != nullptr ? std::max(20000, std::atoi(env)) : 200000;
  TempFile file(".xlsx");
  auto row_of = [](int i) {
    return std::vector<XlsxCell>{
        XlsxCell::Integer(i),
        XlsxCell::Text("姓名" + std::to_string(i)),
        XlsxCell::Text("430000199001011234"),
        XlsxCell::Number(i * 0.25),
        XlsxCell::Date(2000 + i % 25, 1 + i % 12, 1 + i % 28),
        XlsxCell::Text(i % 2 ? "男" : "女"),
        i % 10 ? XlsxCell::Text("楠市镇楠市村第" + std::to_string(i % 30) + "组") : XlsxCell(),
        XlsxCell::Integer(i % 97)};
  };

  ResetPeakRss();
  size_t heap_at_10k = 0, heap_max = 0;
  auto t0 = std::chrono::steady_clock::now();
  {
    auto book = XlsxWriter::Create(file.path());
    ASSERT_TRUE(book.ok());
    auto sheet = (*book)->AddSheet("人员");
    ASSERT_TRUE(sheet.ok());
    ASSERT_TRUE(
        (*sheet)
            ->WriteHeader({"序号", "姓名", "身份证号", "金额", "日期", "性别", "地址", "组"})
            .ok());
    for (int i = 0; i < kRows; ++i) {
      ASSERT_TRUE((*sheet)->WriteRow(row_of(i)).ok());
      if (i == 10000) heap_at_10k = LiveHeapBytes();
      if (i > 10000 && i % 10000 == 0) heap_max = std::max(heap_max, LiveHeapBytes());
    }
    ASSERT_TRUE((*book)->Close().ok());
  }
  const double write_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const long write_peak_kb = ProcStatusKb("VmHWM:");
  std::printf(
      "[ write ] %d rows x 8 columns: %.2f s, %.0f rows/s, peak RSS %ld KiB, "
      "live heap +%zd KiB from row 10k to the end, file %ju KiB\n",
      kRows, write_s, kRows / write_s, write_peak_kb,
      (static_cast<ssize_t>(heap_max) - static_cast<ssize_t>(heap_at_10k)) / 1024,
      static_cast<uintmax_t>(std::filesystem::file_size(file.path()) / 1024));
  EXPECT_LT(heap_max, heap_at_10k + (4 << 20));

  ResetPeakRss();
  t0 = std::chrono::steady_clock::now();
  auto reader = XlsxReader::OpenFile(file.path());
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE((*reader)->OpenSheet(0).ok());
  XlsxRow row;
  ASSERT_TRUE(*(*reader)->Next(row));
  int n = 0;
  heap_max = 0;
  for (;; ++n) {
    auto more = (*reader)->Next(row);
    ASSERT_TRUE(more.ok()) << more.error().key;
    if (!*more) break;
    if (n == 10000) heap_at_10k = LiveHeapBytes();
    if (n > 10000 && n % 10000 == 0) heap_max = std::max(heap_max, LiveHeapBytes());
    if (n % 9973 == 0) {
      // Check a sample of rows against what was written.
      const auto w = row_of(n);
      ASSERT_EQ(row.number, n + 2);
      ASSERT_EQ(row.cells.at(0), std::to_string(n));
      ASSERT_EQ(row.cells.at(1), w[1].text());
      ASSERT_EQ(row.cells.at(3), FormatNumber(n * 0.25));
      char date[16];
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", w[4].date()[0], w[4].date()[1],
                    w[4].date()[2]);
      ASSERT_EQ(row.cells.at(4), date);
      ASSERT_EQ(row.cells.at(6), w[6].text());
    }
  }
  const double read_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "[ read  ] %d rows x 8 columns: %.2f s, %.0f rows/s, peak RSS %ld KiB, "
      "live heap +%zd KiB from row 10k to the end\n",
      n, read_s, n / read_s, ProcStatusKb("VmHWM:"),
      (static_cast<ssize_t>(heap_max) - static_cast<ssize_t>(heap_at_10k)) / 1024);
  EXPECT_EQ(n, kRows);
  EXPECT_LT(heap_max, heap_at_10k + (1 << 20));
}

}  // namespace
}  // namespace sl::io
