#pragma once
// A streaming .xlsx reader: minizip for the zip container, expat (SAX) for the
// XML. A worksheet is read row by row, so memory stays flat whatever the row
// count; only the shared-string table is held whole, as the format requires.
//
// Cell values come out as text, the way an importer wants them:
//   shared / inline / formula strings  as stored (_xHHHH_ escapes decoded)
//   booleans                           "TRUE" / "FALSE"
//   errors                             the error text ("#N/A")
//   numbers                            shortest round-trip form, integers without ".0"
//   numbers styled as dates            "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" with a time
//                                      part, "HH:MM:SS" for a pure time (< 1 day)
// Malformed or hostile input (not a zip, missing parts, broken XML, zip bombs,
// absurd sizes) is an error Result, never a crash or unbounded memory.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace sl::io {

// Caps against hostile or absurd files. The shared-string table is the one
// thing held in memory: at most max_shared_string_bytes of text plus 8 bytes
// per string (about 640 MB with the defaults, for ~16M distinct texts).
// Importers may lower these to what their uploads need.
struct XlsxLimits {
  uint64_t max_part_bytes = uint64_t{1} << 30;             // uncompressed, per zip member
  uint64_t max_shared_strings = 16'000'000;                // entries of sharedStrings.xml
  uint64_t max_shared_string_bytes = uint64_t{512} << 20;  // their text, in total
  size_t max_cell_bytes = 256 * 1024;                      // Excel: 32767 characters
  size_t max_row_bytes = 16 * 1024 * 1024;
  size_t max_sheets = 4096;
  size_t max_zip_entries = 100000;
  // A member may expand at most this many times its compressed size, past
  // the floor (0: no cap). A zip bomb expands a thousandfold; xlsx XML about
  // tenfold.
  uint64_t max_expansion_ratio = 0;
  uint64_t expansion_floor = uint64_t{4} << 20;
};

// The caps for a file uploaded to the server: roughly ten times what the
// largest honest upload needs, so that a hostile file of any shape costs tens
// of megabytes (docs/api.md, "Spreadsheets").
XlsxLimits UploadLimits();

struct XlsxSheetInfo {
  std::string name;
  std::string part;          // zip member, e.g. "xl/worksheets/sheet1.xml"
  bool visible = true;       // state is neither "hidden" nor "veryHidden"
  bool is_worksheet = true;  // false for chart sheets, dialog and macro sheets
};

struct XlsxRow {
  int64_t number = 0;              // 1-based, as Excel shows it
  std::vector<std::string> cells;  // index 0 is column A; no trailing empty cells
};

class XlsxReader {
 public:
  // Reads the workbook's structure (sheets, styles, date system); the shared
  // strings are loaded when the first sheet is opened.
  static Result<std::unique_ptr<XlsxReader>> OpenFile(const std::string& path,
                                                      const XlsxLimits& limits = {});
  // `bytes` must outlive the reader.
  static Result<std::unique_ptr<XlsxReader>> OpenMemory(std::string_view bytes,
                                                        const XlsxLimits& limits = {});
  ~XlsxReader();
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  // Sheets in workbook order (the order of the tabs).
  const std::vector<XlsxSheetInfo>& sheets() const;
  bool date1904() const;
  // The first visible worksheet; an error if there is none.
  Result<size_t> FirstVisibleSheet() const;
  // By name: exact first, then ignoring ASCII case (Excel's own rule).
  Result<size_t> FindSheet(std::string_view name) const;

  // Starts reading a sheet; ends the one being read before.
  Status OpenSheet(size_t index);
  // The next row of the open sheet that has a <row> element (rows Excel does
  // not store are skipped; the row number tells). False at the end.
  Result<bool> Next(XlsxRow& row);
  // OpenSheet + Next until the end or until `fn` fails.
  Status ForEachRow(size_t index, const std::function<Status(const XlsxRow&)>& fn);

  struct Impl;

 private:
  explicit XlsxReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Helpers exposed for tests.
// "C7" -> column 2 (0-based) and row 7; row 0 when the reference has no digits.
Result<std::pair<int, int64_t>> ParseCellRef(std::string_view ref);
// Whether a number format shows a date or time (built-in id or format code).
bool IsDateFormat(int num_fmt_id, std::string_view format_code);
// An Excel serial day number as ISO text; nullopt-like empty string when out of range.
std::string ExcelSerialToIso(double serial, bool date1904);
// Shortest round-trip text of a double; integers without ".0".
std::string FormatNumber(double v);

}  // namespace sl::io
