#include "io/table_reader.hpp"

#include <algorithm>
#include <fstream>
#include <optional>
#include <streambuf>

#include "io/csv.hpp"
#include "io/encoding.hpp"

namespace sl::io {

namespace {

bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  s = s.substr(s.size() - suffix.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != suffix[i]) return false;
  }
  return true;
}

void TrimTrailingEmpty(std::vector<std::string>& cells) {
  while (!cells.empty() && cells.back().empty()) cells.pop_back();
}

// An istream over bytes we own, without copying them.
class ViewBuf : public std::streambuf {
 public:
  explicit ViewBuf(std::string_view s) {
    char* p = const_cast<char*>(s.data());
    setg(p, p, p + s.size());
  }
};

class XlsxTable : public TableReader {
 public:
  XlsxTable(std::string bytes, bool skip_blank) : bytes_(std::move(bytes)), skip_(skip_blank) {}

  Status Open(const std::string* path, const TableOptions& options) {
    if (path != nullptr) {
      SL_ASSIGN_OR_RETURN(reader_, XlsxReader::OpenFile(*path, options.xlsx));
    } else {
      SL_ASSIGN_OR_RETURN(reader_, XlsxReader::OpenMemory(bytes_, options.xlsx));
    }
    size_t index = 0;
    if (options.sheet.empty()) {
      SL_ASSIGN_OR_RETURN(index, reader_->FirstVisibleSheet());
    } else {
      SL_ASSIGN_OR_RETURN(index, reader_->FindSheet(options.sheet));
    }
    sheet_ = reader_->sheets()[index].name;
    return reader_->OpenSheet(index);
  }

  Result<bool> Next(TableRow& row) override {
    for (;;) {
      SL_ASSIGN_OR_RETURN(bool more, reader_->Next(row_));
      if (!more) return false;
      if (skip_ && row_.cells.empty()) continue;
      row.number = row_.number;
      row.cells.swap(row_.cells);
      return true;
    }
  }
  TableFormat format() const override { return TableFormat::kXlsx; }
  std::string sheet() const override { return sheet_; }

 private:
  std::string bytes_;  // the upload; the reader points into it
  bool skip_;
  std::unique_ptr<XlsxReader> reader_;
  std::string sheet_;
  XlsxRow row_;
};

class CsvTable : public TableReader {
 public:
  CsvTable(std::string bytes, bool skip_blank) : bytes_(std::move(bytes)), skip_(skip_blank) {}

  Status Open(const std::string* path, const TableOptions& options) {
    std::optional<TextEncoding> encoding;
    if (path != nullptr) {
      auto file = std::make_unique<std::ifstream>(*path, std::ios::binary);
      if (!*file) return Error::BadRequest("io_open_failed", {*path});
      source_ = std::move(file);
    } else {
      // The whole upload is here: judge its encoding on all of it.
      encoding = DetectEncoding(bytes_);
      view_ = std::make_unique<ViewBuf>(bytes_);
      source_ = std::make_unique<std::istream>(view_.get());
    }
    decoded_ = std::make_unique<DecodingIstream>(*source_, encoding);
    char delimiter = options.csv_delimiter;
    if (delimiter == 0) {
      std::string_view head = decoded_->decoder().Peek();
      head = head.substr(0, head.find('\n'));
      const auto tabs = std::count(head.begin(), head.end(), '\t');
      const auto commas = std::count(head.begin(), head.end(), ',');
      delimiter = tabs > commas ? '\t' : ',';
    }
    if (auto& err = decoded_->decoder().error()) return *err;
    csv_ = std::make_unique<CsvReader>(*decoded_, delimiter);
    csv_->set_max_record_bytes(options.csv_max_record_bytes);
    return OkStatus();
  }

  Result<bool> Next(TableRow& row) override {
    for (;;) {
      auto more = csv_->Next(row.cells);
      // A decoding error ends the decoded stream early: it explains whatever
      // the CSV reader made of that end.
      if (auto& err = decoded_->decoder().error()) return *err;
      if (!more.ok()) return std::move(more).error();
      if (!*more) return false;
      ++record_;
      TrimTrailingEmpty(row.cells);
      if (skip_ && row.cells.empty()) continue;
      row.number = record_;
      return true;
    }
  }
  TableFormat format() const override { return TableFormat::kCsv; }
  std::string encoding() const override {
    return std::string(EncodingName(decoded_->decoder().encoding()));
  }

 private:
  std::string bytes_;
  bool skip_;
  std::unique_ptr<ViewBuf> view_;
  std::unique_ptr<std::istream> source_;
  std::unique_ptr<DecodingIstream> decoded_;
  std::unique_ptr<CsvReader> csv_;
  int64_t record_ = 0;
};

Result<std::unique_ptr<TableReader>> Open(TableFormat format, std::string bytes,
                                          const std::string* path, const TableOptions& options) {
  if (format == TableFormat::kXlsx) {
    auto t = std::make_unique<XlsxTable>(std::move(bytes), options.skip_blank_rows);
    SL_TRY(t->Open(path, options));
    return std::unique_ptr<TableReader>(std::move(t));
  }
  auto t = std::make_unique<CsvTable>(std::move(bytes), options.skip_blank_rows);
  SL_TRY(t->Open(path, options));
  return std::unique_ptr<TableReader>(std::move(t));
}

}  // namespace

Result<TableFormat> DetectTableFormat(std::string_view head, std::string_view filename) {
  const std::string name(filename);
  if (head.substr(0, 4) == "PK\x03\x04" || head.substr(0, 4) == "PK\x05\x06") {
    // An OpenDocument spreadsheet is a zip too; its first member says so.
    if (head.find("mimetypeapplication/vnd.oasis.opendocument") != std::string_view::npos)
      return Error::BadRequest("table_format_unsupported", {name});
    return TableFormat::kXlsx;
  }
  if (head.substr(0, 8) == "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
    return Error::BadRequest("table_xls_unsupported", {name});
  if (EndsWithIgnoreCase(filename, ".xlsx") || EndsWithIgnoreCase(filename, ".xlsm"))
    return Error::BadRequest("xlsx_not_zip");
  const bool text_name = EndsWithIgnoreCase(filename, ".csv") ||
                         EndsWithIgnoreCase(filename, ".txt") ||
                         EndsWithIgnoreCase(filename, ".tsv");
  if (!text_name) {
    // Web systems often export an HTML table or SpreadsheetML as ".xls".
    std::string_view h = head;
    if (h.substr(0, 3) == "\xEF\xBB\xBF") h.remove_prefix(3);
    const size_t p = h.find_first_not_of(" \t\r\n");
    if (p != std::string_view::npos && h[p] == '<')
      return Error::BadRequest("table_format_unsupported", {name});
  }
  return TableFormat::kCsv;
}

Result<std::unique_ptr<TableReader>> OpenTableFile(const std::string& path,
                                                   const TableOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::BadRequest("io_open_failed", {path});
  char head[128];
  in.read(head, sizeof head);
  const auto n = static_cast<size_t>(in.gcount());
  const size_t slash = path.find_last_of('/');
  const std::string_view filename = slash == std::string::npos
                                        ? std::string_view(path)
                                        : std::string_view(path).substr(slash + 1);
  SL_ASSIGN_OR_RETURN(TableFormat format, DetectTableFormat(std::string_view(head, n), filename));
  return Open(format, {}, &path, options);
}

Result<std::unique_ptr<TableReader>> OpenTableBytes(std::string bytes, std::string_view filename,
                                                    const TableOptions& options) {
  SL_ASSIGN_OR_RETURN(TableFormat format,
                      DetectTableFormat(std::string_view(bytes).substr(0, 128), filename));
  return Open(format, std::move(bytes), nullptr, options);
}

}  // namespace sl::io
