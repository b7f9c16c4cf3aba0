#pragma once
// A streaming RFC 4180 CSV reader: quoted fields with "" escapes, embedded
// newlines, LF or CRLF line ends, a UTF-8 byte-order mark skipped. Input that is
// not well formed (a quote inside an unquoted field, an unterminated quote) is
// an error naming the line, never a crash.

#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace sl::io {

class CsvReader {
 public:
  explicit CsvReader(std::istream& in) : in_(in) {}
  // Another separator: '\t' for Excel's "Unicode text", ';' for some locales.
  CsvReader(std::istream& in, char delimiter) : in_(in), delimiter_(delimiter) {}

  // Caps the bytes of one record (an unterminated quote would otherwise read
  // the rest of the input into one field); unlimited by default.
  void set_max_record_bytes(size_t n) { max_record_bytes_ = n; }

  // Reads the next record into `fields`. Returns false at the end of input;
  // an error for malformed input.
  Result<bool> Next(std::vector<std::string>& fields);
  // The 1-based line on which the last record returned started.
  int64_t line() const { return record_line_; }

 private:
  int Get();
  int Peek();
  std::istream& in_;
  char delimiter_ = ',';
  size_t max_record_bytes_ = 0;
  std::string pending_;  // bytes read ahead while looking for a BOM
  int64_t line_ = 1;
  int64_t record_line_ = 0;
  bool started_ = false;
};

// Reads a whole CSV held in memory; convenient for tests and small files.
Result<std::vector<std::vector<std::string>>> ParseCsv(std::string_view text);

}  // namespace sl::io
