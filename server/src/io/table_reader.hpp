#pragma once
// One way for importers to read "a table" whatever the user uploaded: an .xlsx
// workbook or a CSV/text file in UTF-8, UTF-16 or GB18030. The format is told
// by the content (a zip starts with "PK\x03\x04"), the file name only breaks
// ties; rows are streamed in both cases.
//
// Rows are normalized the same way for both formats: cells are text (see
// xlsx_reader.hpp for how typed xlsx cells are written), trailing empty cells
// are dropped, and blank rows are skipped unless asked for.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "io/xlsx_reader.hpp"

namespace sl::io {

enum class TableFormat { kXlsx, kCsv };

struct TableRow {
  // The row as a spreadsheet shows it: the xlsx row number; for CSV the
  // 1-based record number (what Excel shows when it opens the file).
  int64_t number = 0;
  std::vector<std::string> cells;
};

struct TableOptions {
  std::string sheet;  // xlsx: by name; empty for the first visible worksheet
  bool skip_blank_rows = true;
  // CSV separator; 0 picks ',' or, when the first line has more tabs than
  // commas, '\t' (Excel's "Unicode text" export).
  char csv_delimiter = 0;
  size_t csv_max_record_bytes = 16 * 1024 * 1024;
  XlsxLimits xlsx;
};

class TableReader {
 public:
  virtual ~TableReader() = default;
  // The next row; false at the end.
  virtual Result<bool> Next(TableRow& row) = 0;
  virtual TableFormat format() const = 0;
  // xlsx: the sheet being read. CSV: empty.
  virtual std::string sheet() const { return {}; }
  // CSV: the detected encoding ("UTF-8", "GB18030", "UTF-16LE"). xlsx: empty.
  virtual std::string encoding() const { return {}; }
};

// Reads a file on disk.
Result<std::unique_ptr<TableReader>> OpenTableFile(const std::string& path,
                                                   const TableOptions& options = {});
// Reads an upload held in memory; `filename` (the client's) is used for
// messages and to break ties.
Result<std::unique_ptr<TableReader>> OpenTableBytes(std::string bytes, std::string_view filename,
                                                    const TableOptions& options = {});

// The format of content starting with `head` (its first bytes, 8 are enough),
// named `filename`. Old .xls (OLE2), encrypted .xlsx (also OLE2) and HTML or
// XML files saved as ".xls" are errors that tell the user what to do.
Result<TableFormat> DetectTableFormat(std::string_view head, std::string_view filename);

}  // namespace sl::io
