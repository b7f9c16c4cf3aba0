#include "io/csv.hpp"

#include <sstream>

namespace sl::io {

int CsvReader::Get() {
  int c;
  if (!pending_.empty()) {
    c = static_cast<unsigned char>(pending_.front());
    pending_.erase(0, 1);
  } else {
    c = in_.get();
  }
  if (c == '\n') ++line_;
  return c;
}

int CsvReader::Peek() {
  return pending_.empty() ? in_.peek() : static_cast<unsigned char>(pending_.front());
}

Result<bool> CsvReader::Next(std::vector<std::string>& fields) {
  fields.clear();
  if (!started_) {
    started_ = true;
    if (in_.peek() == 0xEF) {  // UTF-8 byte-order mark
      char bom[3];
      in_.read(bom, 3);
      const auto got = static_cast<size_t>(in_.gcount());
      if (std::string_view(bom, got) != "\xEF\xBB\xBF") {
        // Not a BOM: keep the bytes (no seeking back: pipes cannot).
        in_.clear();
        pending_.assign(bom, got);
      }
    }
  }
  int c = Get();
  if (c == EOF) return false;
  record_line_ = line_ - (c == '\n' ? 1 : 0);
  std::string field;
  size_t record_bytes = 0;
  bool quoted = false;      // inside quotes
  bool was_quoted = false;  // this field was quoted (only a separator may follow)
  for (;; c = Get()) {
    if (max_record_bytes_ != 0 && ++record_bytes > max_record_bytes_)
      return Error::BadRequest("csv_record_too_large", {std::to_string(record_line_)});
    if (quoted) {
      if (c == EOF)
        return Error::BadRequest("csv_unterminated_quote", {std::to_string(record_line_)});
      if (c == '"') {
        if (Peek() == '"') {
          Get();
          field.push_back('"');
        } else {
          quoted = false;
        }
      } else {
        field.push_back(static_cast<char>(c));
      }
      continue;
    }
    if (c == delimiter_) {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '\n' || c == EOF) {
      fields.push_back(std::move(field));
      return true;
    } else if (c == '\r') {
      if (Peek() == '\n') continue;
      fields.push_back(std::move(field));
      return true;
    } else if (c == '"') {
      if (!field.empty() || was_quoted)
        return Error::BadRequest("csv_stray_quote", {std::to_string(line_)});
      quoted = was_quoted = true;
    } else {
      if (was_quoted) return Error::BadRequest("csv_stray_quote", {std::to_string(line_)});
      field.push_back(static_cast<char>(c));
    }
  }
}

Result<std::vector<std::vector<std::string>>> ParseCsv(std::string_view text) {
  std::istringstream in{std::string(text)};
  CsvReader reader(in);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> fields;
  for (;;) {
    SL_ASSIGN_OR_RETURN(bool more, reader.Next(fields));
    if (!more) break;
    rows.push_back(fields);
  }
  return rows;
}

}  // namespace sl::io
