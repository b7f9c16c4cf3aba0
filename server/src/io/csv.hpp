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

  // Reads the next record into `fields`. Returns false at the end of input;
  // an error for malformed input.
  Result<bool> Next(std::vector<std::string>& fields);
  // The 1-based line on which the last record returned started.
  int64_t line() const { return record_line_; }

 private:
  int Get();
  std::istream& in_;
  int64_t line_ = 1;
  int64_t record_line_ = 0;
  bool started_ = false;
};

// Reads a whole CSV held in memory; convenient for tests and small files.
Result<std::vector<std::vector<std::string>>> ParseCsv(std::string_view text);

}  // namespace sl::io
