#pragma once
// A thin .xlsx writer on libxlsxwriter for exports and import templates. In
// constant-memory mode (the default) each row goes to a temp file as soon as
// the next one starts, so rows must be written in order and memory stays flat
// whatever the row count.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace sl::io {

class XlsxCell {
 public:
  enum class Kind { kEmpty, kString, kInteger, kNumber, kDate, kDateTime };

  XlsxCell() = default;  // empty
  static XlsxCell Text(std::string s);
  // Written as an Excel number: exact up to 2^53; use Text for ID numbers.
  static XlsxCell Integer(int64_t v);
  static XlsxCell Number(double v);
  // A real Excel date (a serial number with a date format), 1900..9999.
  static XlsxCell Date(int year, int month, int day);
  static XlsxCell DateTime(int year, int month, int day, int hour, int minute, int second);
  // "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS" as a date; anything else as text.
  static XlsxCell FromIsoDate(std::string_view iso);

  // Marks the cell as wrong: a red fill and, if `note` is not empty, a cell
  // comment saying why (import error reports).
  XlsxCell& MarkError(std::string note = {});

  Kind kind() const { return kind_; }
  const std::string& text() const { return text_; }
  int64_t integer() const { return integer_; }
  double number() const { return number_; }
  const int* date() const { return date_; }  // y, m, d, hh, mm, ss
  bool error() const { return error_; }
  const std::string& note() const { return note_; }

 private:
  Kind kind_ = Kind::kEmpty;
  std::string text_;
  int64_t integer_ = 0;
  double number_ = 0;
  int date_[6] = {0, 0, 0, 0, 0, 0};
  bool error_ = false;
  std::string note_;
};

struct XlsxWriterOptions {
  bool constant_memory = true;
  std::string tmpdir;  // libxlsxwriter's temp files; the system's by default
};

class XlsxWriter;

// One worksheet; owned by its XlsxWriter. Rows and columns are 0-based.
class XlsxSheetWriter {
 public:
  // The first row: bold on a filled background, frozen so it stays in view.
  Status WriteHeader(const std::vector<std::string>& titles);
  // Widths in characters (a CJK character counts about 2).
  Status SetColumnWidth(int first_col, int last_col, double width);
  Status SetColumnWidths(const std::vector<double>& widths);
  // Writes the next row.
  Status WriteRow(const std::vector<XlsxCell>& cells);
  // A drop-down of allowed values on rows [first_row, last_row] of `col`. The
  // list goes inline when it fits Excel's 255 characters, otherwise onto the
  // workbook's hidden "lists" sheet. `error_message` is shown on a wrong entry.
  Status AddDropDown(int col, int64_t first_row, int64_t last_row,
                     const std::vector<std::string>& values, std::string_view error_message = {});
  int64_t next_row() const { return next_row_; }
  const std::string& name() const { return name_; }

 private:
  friend class XlsxWriter;
  XlsxSheetWriter(XlsxWriter& book, void* ws, std::string name)
      : book_(book), ws_(ws), name_(std::move(name)) {}
  XlsxWriter& book_;
  void* ws_;
  std::string name_;
  int64_t next_row_ = 0;
};

class XlsxWriter {
 public:
  static Result<std::unique_ptr<XlsxWriter>> Create(const std::string& path,
                                                    const XlsxWriterOptions& options = {});
  // Without a successful Close() nothing is written.
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Names: at most 31 characters, none of []:*?/\, unique ignoring case.
  Result<XlsxSheetWriter*> AddSheet(std::string_view name);
  // A sheet of wrapped paragraphs (how to fill in a template; a brief's
  // text), one a row; the first is a bold title. One longer than a cell
  // holds goes on over the next rows (SplitForCells).
  Status AddInstructionsSheet(std::string_view name, const std::vector<std::string>& paragraphs);
  // Writes the file.
  Status Close();

 private:
  friend class XlsxSheetWriter;
  struct Impl;
  explicit XlsxWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A paragraph cut into pieces a cell holds (Excel: at most 32,767
// characters): after the last 。 that fits, else at a character's boundary.
std::vector<std::string> SplitForCells(std::string_view text);

// Builds a workbook in a temp file with `fill` and returns its bytes (HTTP
// downloads). The temp file is removed in every case.
Result<std::string> WriteXlsxToString(const std::function<Status(XlsxWriter&)>& fill,
                                      const XlsxWriterOptions& options = {});

}  // namespace sl::io
