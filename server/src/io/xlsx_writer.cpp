#include "io/xlsx_writer.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include "core/json.hpp"

namespace sl::io {

namespace {

constexpr int kMaxColumns = 16384;
constexpr int64_t kMaxRows = 1048576;
constexpr size_t kInlineListLimit = 255;  // Excel's limit, in characters with the commas
constexpr const char* kListsSheet = "lists";

lxw_worksheet* W(void* p) { return static_cast<lxw_worksheet*>(p); }

Error WriteFailed(std::string what) {
  Error e = Error::Internal(what);
  e.key = "xlsx_write_failed";
  e.message = Text{"xlsx_write_failed", {std::move(what)}};
  return e;
}

Status Check(lxw_error err, std::string_view where) {
  if (err == LXW_NO_ERROR) return OkStatus();
  return WriteFailed(std::string(where) + ": " + lxw_strerror(err));
}

// Valid UTF-8, with anything else replaced by U+FFFD: libxlsxwriter copies
// bytes as they are, and one bad byte makes Excel refuse the whole file.
std::string ValidUtf8(std::string_view s) {
  std::string out;
  size_t i = 0;
  auto is_cont = [&](size_t k) {
    return k < s.size() && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80;
  };
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    if (c < 0x80) {
      len = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = is_cont(i + 1) ? 2 : 0;
    } else if (c >= 0xE0 && c <= 0xEF) {
      if (is_cont(i + 1) && is_cont(i + 2)) {
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        if (!(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0)) len = 3;
      }
    } else if (c >= 0xF0 && c <= 0xF4) {
      if (is_cont(i + 1) && is_cont(i + 2) && is_cont(i + 3)) {
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        if (!(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90)) len = 4;
      }
    }
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

bool IsValidUtf8(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return ValidUtf8(s) == s;
  return true;
}

bool ValidDate(const int* d) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d[0] < 1900 || d[0] > 9999 || d[1] < 1 || d[1] > 12 || d[2] < 1 || d[2] > kDays[d[1] - 1])
    return false;
  const bool leap = (d[0] % 4 == 0 && d[0] % 100 != 0) || d[0] % 400 == 0;
  if (d[1] == 2 && d[2] == 29 && !leap) return false;
  return d[3] >= 0 && d[3] < 24 && d[4] >= 0 && d[4] < 60 && d[5] >= 0 && d[5] < 60;
}

}  // namespace

XlsxCell XlsxCell::Text(std::string s) {
  XlsxCell c;
  c.kind_ = Kind::kString;
  c.text_ = std::move(s);
  return c;
}

XlsxCell XlsxCell::Integer(int64_t v) {
  XlsxCell c;
  c.kind_ = Kind::kInteger;
  c.integer_ = v;
  return c;
}

XlsxCell XlsxCell::Number(double v) {
  XlsxCell c;
  c.kind_ = Kind::kNumber;
  c.number_ = v;
  return c;
}

XlsxCell XlsxCell::Date(int year, int month, int day) {
  XlsxCell c;
  c.kind_ = Kind::kDate;
  c.date_[0] = year;
  c.date_[1] = month;
  c.date_[2] = day;
  return c;
}

XlsxCell XlsxCell::DateTime(int year, int month, int day, int hour, int minute, int second) {
  XlsxCell c = Date(year, month, day);
  c.kind_ = Kind::kDateTime;
  c.date_[3] = hour;
  c.date_[4] = minute;
  c.date_[5] = second;
  return c;
}

XlsxCell XlsxCell::FromIsoDate(std::string_view iso) {
  auto num = [&](size_t pos, size_t len, int& out) {
    if (pos + len > iso.size()) return false;
    out = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return false;
      out = out * 10 + (iso[i] - '0');
    }
    return true;
  };
  int y, m, d, hh, mi, ss;
  if ((iso.size() == 10 || iso.size() == 19) && num(0, 4, y) && iso[4] == '-' && num(5, 2, m) &&
      iso[7] == '-' && num(8, 2, d)) {
    if (iso.size() == 10) {
      XlsxCell c = Date(y, m, d);
      if (ValidDate(c.date_)) return c;
    } else if ((iso[10] == ' ' || iso[10] == 'T') && num(11, 2, hh) && iso[13] == ':' &&
               num(14, 2, mi) && iso[16] == ':' && num(17, 2, ss)) {
      XlsxCell c = DateTime(y, m, d, hh, mi, ss);
      if (ValidDate(c.date_)) return c;
    }
  }
  return Text(std::string(iso));
}

XlsxCell& XlsxCell::MarkError(std::string note) {
  error_ = true;
  note_ = std::move(note);
  return *this;
}

struct XlsxWriter::Impl {
  lxw_workbook* wb = nullptr;
  std::string path;
  std::vector<std::unique_ptr<XlsxSheetWriter>> sheets;
  // Formats by purpose; index 1 of each pair is the red "error" variant.
  lxw_format* header = nullptr;
  lxw_format* wrap = nullptr;
  lxw_format* title = nullptr;
  lxw_format* plain[2] = {nullptr, nullptr};
  lxw_format* date[2] = {nullptr, nullptr};
  lxw_format* datetime[2] = {nullptr, nullptr};
  // Lists too long for inline validation, written to the hidden sheet on Close.
  lxw_worksheet* lists = nullptr;
  std::string lists_name;
  std::vector<std::vector<std::string>> list_columns;

  lxw_format* Format(int kind, bool error) {
    if (kind == 0 && !error) return nullptr;
    lxw_format** slot = kind == 0 ? &plain[error] : kind == 1 ? &date[error] : &datetime[error];
    if (*slot == nullptr) {
      *slot = workbook_add_format(wb);
      if (kind == 1) format_set_num_format(*slot, "yyyy-mm-dd");
      if (kind == 2) format_set_num_format(*slot, "yyyy-mm-dd hh:mm:ss");
      if (error) {
        // Excel's own "bad" style: light red fill, dark red text.
        format_set_pattern(*slot, LXW_PATTERN_SOLID);
        format_set_bg_color(*slot, 0xFFC7CE);
        format_set_font_color(*slot, 0x9C0006);
      }
    }
    return *slot;
  }

  bool NameTaken(std::string_view name) const {
    auto lower = [](std::string_view s) {
      std::string out(s);
      for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      return out;
    };
    const std::string n = lower(name);
    for (const auto& s : sheets)
      if (lower(s->name()) == n) return true;
    return lists != nullptr && lower(lists_name) == n;
  }

  Result<lxw_worksheet*> NewSheet(std::string_view name) {
    const std::string n(name);
    if (name.empty() || !IsValidUtf8(name) || NameTaken(name))
      return Error::BadRequest("xlsx_sheet_name", {n});
    if (workbook_validate_sheet_name(wb, n.c_str()) != LXW_NO_ERROR)
      return Error::BadRequest("xlsx_sheet_name", {n});
    lxw_worksheet* ws = workbook_add_worksheet(wb, n.c_str());
    if (ws == nullptr) return WriteFailed("workbook_add_worksheet " + n);
    return ws;
  }

  // Puts a list on the hidden sheet (made on first use) and answers its range.
  Result<std::string> ListRange(const std::vector<std::string>& values) {
    if (lists == nullptr) {
      std::string name = kListsSheet;
      for (int i = 2; NameTaken(name); ++i) name = std::string(kListsSheet) + std::to_string(i);
      lists_name = name;
      SL_ASSIGN_OR_RETURN(lists, NewSheet(name));
      worksheet_hide(lists);
    }
    if (list_columns.size() >= static_cast<size_t>(kMaxColumns))
      return WriteFailed("too many drop-down lists");
    list_columns.push_back(values);
    char range[64];
    const auto col = static_cast<lxw_col_t>(list_columns.size() - 1);
    lxw_rowcol_to_range_abs(range, 0, col, static_cast<lxw_row_t>(values.size() - 1), col);
    char* quoted = lxw_quote_sheetname(lists_name.c_str());
    // Appended piece by piece: g++ 12 -O3 misreads `"=" + std::string(...)` (-Wrestrict).
    std::string formula = "=";
    formula += quoted != nullptr ? quoted : lists_name.c_str();
    formula += '!';
    formula += range;
    std::free(quoted);
    return formula;
  }

  Status WriteLists() {
    if (lists == nullptr) return OkStatus();
    size_t rows = 0;
    for (const auto& c : list_columns) rows = std::max(rows, c.size());
    // Row by row, as constant-memory mode requires.
    for (size_t r = 0; r < rows; ++r)
      for (size_t c = 0; c < list_columns.size(); ++c)
        if (r < list_columns[c].size())
          SL_TRY(Check(
              worksheet_write_string(lists, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                                     list_columns[c][r].c_str(), nullptr),
              "lists"));
    return OkStatus();
  }
};

XlsxWriter::XlsxWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

XlsxWriter::~XlsxWriter() {
  if (impl_->wb != nullptr) lxw_workbook_free(impl_->wb);
}

Result<std::unique_ptr<XlsxWriter>> XlsxWriter::Create(const std::string& path,
                                                       const XlsxWriterOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  lxw_workbook_options opt{};
  opt.constant_memory = options.constant_memory ? LXW_TRUE : LXW_FALSE;
  opt.tmpdir = options.tmpdir.empty() ? nullptr : const_cast<char*>(options.tmpdir.c_str());
  opt.use_zip64 = LXW_TRUE;  // large exports; readers since Excel 2007 accept it
  impl->wb = workbook_new_opt(path.c_str(), &opt);
  if (impl->wb == nullptr) return WriteFailed("workbook_new_opt " + path);
  impl->header = workbook_add_format(impl->wb);
  format_set_bold(impl->header);
  format_set_pattern(impl->header, LXW_PATTERN_SOLID);
  format_set_bg_color(impl->header, 0xD9E1F2);
  format_set_border(impl->header, LXW_BORDER_THIN);
  format_set_align(impl->header, LXW_ALIGN_CENTER);
  format_set_align(impl->header, LXW_ALIGN_VERTICAL_CENTER);
  impl->wrap = workbook_add_format(impl->wb);
  format_set_text_wrap(impl->wrap);
  format_set_align(impl->wrap, LXW_ALIGN_VERTICAL_TOP);
  impl->title = workbook_add_format(impl->wb);
  format_set_bold(impl->title);
  format_set_font_size(impl->title, 14);
  return std::unique_ptr<XlsxWriter>(new XlsxWriter(std::move(impl)));
}

Result<XlsxSheetWriter*> XlsxWriter::AddSheet(std::string_view name) {
  if (impl_->wb == nullptr) return WriteFailed("workbook already closed");
  SL_ASSIGN_OR_RETURN(lxw_worksheet * ws, impl_->NewSheet(name));
  impl_->sheets.push_back(
      std::unique_ptr<XlsxSheetWriter>(new XlsxSheetWriter(*this, ws, std::string(name))));
  return impl_->sheets.back().get();
}

std::vector<std::string> SplitForCells(std::string_view text) {
  // Bytes are counted, never fewer than the characters Excel counts.
  constexpr size_t kMaxBytes = 32000;
  constexpr std::string_view kStop = "。";
  std::vector<std::string> out;
  while (text.size() > kMaxBytes) {
    size_t cut = text.rfind(kStop, kMaxBytes - kStop.size());
    cut = cut == std::string_view::npos ? kMaxBytes : cut + kStop.size();
    while (cut > 1 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    out.emplace_back(text.substr(0, cut));
    text.remove_prefix(cut);
  }
  out.emplace_back(text);
  return out;
}

Status XlsxWriter::AddInstructionsSheet(std::string_view name,
                                        const std::vector<std::string>& paragraphs) {
  SL_ASSIGN_OR_RETURN(XlsxSheetWriter * sheet, AddSheet(name));
  lxw_worksheet* ws = W(sheet->ws_);
  SL_TRY(Check(worksheet_set_column(ws, 0, 0, 100, impl_->wrap), "set_column"));
  lxw_row_t row = 0;
  for (size_t i = 0; i < paragraphs.size(); ++i)
    for (const std::string& piece : SplitForCells(ValidUtf8(paragraphs[i]))) {
      SL_TRY(Check(
          worksheet_write_string(ws, row++, 0, piece.c_str(), i == 0 ? impl_->title : impl_->wrap),
          "instructions"));
    }
  sheet->next_row_ = static_cast<int64_t>(row);
  return OkStatus();
}

Status XlsxWriter::Close() {
  if (impl_->wb == nullptr) return WriteFailed("workbook already closed");
  Status lists = impl_->WriteLists();
  if (!lists.ok()) return lists;
  lxw_workbook* wb = impl_->wb;
  impl_->wb = nullptr;  // workbook_close frees it, success or not
  return Check(workbook_close(wb), impl_->path);
}

Status XlsxSheetWriter::WriteHeader(const std::vector<std::string>& titles) {
  if (next_row_ != 0) return WriteFailed("the header must be the first row of " + name_);
  if (titles.size() > static_cast<size_t>(kMaxColumns)) return WriteFailed("too many columns");
  for (size_t c = 0; c < titles.size(); ++c) {
    const std::string t = ValidUtf8(titles[c]);
    SL_TRY(Check(worksheet_write_string(W(ws_), 0, static_cast<lxw_col_t>(c), t.c_str(),
                                        book_.impl_->header),
                 "header"));
  }
  worksheet_freeze_panes(W(ws_), 1, 0);
  next_row_ = 1;
  return OkStatus();
}

Status XlsxSheetWriter::SetColumnWidth(int first_col, int last_col, double width) {
  if (first_col < 0 || last_col < first_col || last_col >= kMaxColumns)
    return WriteFailed("column range");
  return Check(worksheet_set_column(W(ws_), static_cast<lxw_col_t>(first_col),
                                    static_cast<lxw_col_t>(last_col), width, nullptr),
               "set_column");
}

Status XlsxSheetWriter::SetColumnWidths(const std::vector<double>& widths) {
  for (size_t c = 0; c < widths.size(); ++c)
    SL_TRY(SetColumnWidth(static_cast<int>(c), static_cast<int>(c), widths[c]));
  return OkStatus();
}

Status XlsxSheetWriter::WriteRow(const std::vector<XlsxCell>& cells) {
  if (next_row_ >= kMaxRows) return WriteFailed("more than 1048576 rows in " + name_);
  if (cells.size() > static_cast<size_t>(kMaxColumns)) return WriteFailed("too many columns");
  auto& impl = *book_.impl_;
  const auto row = static_cast<lxw_row_t>(next_row_);
  ++next_row_;
  for (size_t i = 0; i < cells.size(); ++i) {
    const XlsxCell& cell = cells[i];
    const auto col = static_cast<lxw_col_t>(i);
    const bool err = cell.error();
    lxw_error e = LXW_NO_ERROR;
    switch (cell.kind()) {
      case XlsxCell::Kind::kEmpty:
        if (err) e = worksheet_write_blank(W(ws_), row, col, impl.Format(0, true));
        break;
      case XlsxCell::Kind::kString:
        if (IsValidUtf8(cell.text())) {
          e = worksheet_write_string(W(ws_), row, col, cell.text().c_str(), impl.Format(0, err));
        } else {
          e = worksheet_write_string(W(ws_), row, col, ValidUtf8(cell.text()).c_str(),
                                     impl.Format(0, err));
        }
        break;
      case XlsxCell::Kind::kInteger:
        e = worksheet_write_number(W(ws_), row, col, static_cast<double>(cell.integer()),
                                   err ? impl.Format(0, true) : nullptr);
        break;
      case XlsxCell::Kind::kNumber:
        if (!std::isfinite(cell.number()))
          return WriteFailed("not a finite number in " + name_ + " row " + std::to_string(row + 1));
        e = worksheet_write_number(W(ws_), row, col, cell.number(),
                                   err ? impl.Format(0, true) : nullptr);
        break;
      case XlsxCell::Kind::kDate:
      case XlsxCell::Kind::kDateTime: {
        const int* d = cell.date();
        if (!ValidDate(d))
          return WriteFailed("not a date in " + name_ + " row " + std::to_string(row + 1));
        lxw_datetime dt{d[0], d[1], d[2], d[3], d[4], static_cast<double>(d[5])};
        e = worksheet_write_datetime(
            W(ws_), row, col, &dt, impl.Format(cell.kind() == XlsxCell::Kind::kDate ? 1 : 2, err));
        break;
      }
    }
    SL_TRY(Check(e, name_));
    if (err && !cell.note().empty()) {
      const std::string note = ValidUtf8(cell.note());
      SL_TRY(Check(worksheet_write_comment(W(ws_), row, col, note.c_str()), "comment"));
    }
  }
  return OkStatus();
}

Status XlsxSheetWriter::AddDropDown(int col, int64_t first_row, int64_t last_row,
                                    const std::vector<std::string>& values,
                                    std::string_view error_message) {
  if (values.empty()) return WriteFailed("empty drop-down list");
  if (col < 0 || col >= kMaxColumns || first_row < 0 || last_row < first_row ||
      last_row >= kMaxRows)
    return WriteFailed("drop-down range");
  if (values.size() > static_cast<size_t>(kMaxRows)) return WriteFailed("drop-down too long");
  std::vector<std::string> clean;
  clean.reserve(values.size());
  size_t inline_len = values.size() - 1;  // the commas
  bool inline_ok = true;
  for (const auto& v : values) {
    clean.push_back(ValidUtf8(v));
    // libxlsxwriter joins an inline list into a 255-byte buffer: count bytes,
    // not characters, or Chinese labels overflow it.
    inline_len += clean.back().size();
    // Inline lists are comma-separated and quoted: commas and quotes cannot
    // be escaped there.
    if (clean.back().find_first_of(",\"") != std::string::npos) inline_ok = false;
  }
  inline_ok = inline_ok && inline_len <= kInlineListLimit;

  lxw_data_validation dv{};
  dv.ignore_blank = LXW_VALIDATION_ON;
  dv.dropdown = LXW_VALIDATION_ON;
  dv.show_error = LXW_VALIDATION_ON;
  dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  std::string message = ValidUtf8(error_message.substr(0, 255));
  while (Utf8Length(message) > 255) message.pop_back();
  message = ValidUtf8(message);
  if (!message.empty()) dv.error_message = message.data();
  std::vector<char*> list;
  std::string formula;
  if (inline_ok) {
    dv.validate = LXW_VALIDATION_TYPE_LIST;
    for (auto& v : clean) list.push_back(v.data());
    list.push_back(nullptr);
    dv.value_list = list.data();
  } else {
    SL_ASSIGN_OR_RETURN(formula, book_.impl_->ListRange(clean));
    // libxlsxwriter 1.1.4 copies the formula of a LIST_FORMULA validation
    // twice and leaks one copy; a CUSTOM_FORMULA copies it once. Add it as
    // that, then turn the stored copy into the list it is.
    dv.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
    dv.value_formula = formula.data();
  }
  SL_TRY(Check(worksheet_data_validation_range(
                   W(ws_), static_cast<lxw_row_t>(first_row), static_cast<lxw_col_t>(col),
                   static_cast<lxw_row_t>(last_row), static_cast<lxw_col_t>(col), &dv),
               "data validation"));
  if (!inline_ok) {
    lxw_data_val_obj* last = nullptr;
    for (lxw_data_val_obj* v = STAILQ_FIRST(W(ws_)->data_validations); v != nullptr;
         v = STAILQ_NEXT(v, list_pointers))
      last = v;
    if (last == nullptr) return WriteFailed("data validation not stored");
    last->validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
  }
  return OkStatus();
}

Result<std::string> WriteXlsxToString(const std::function<Status(XlsxWriter&)>& fill,
                                      const XlsxWriterOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir =
      options.tmpdir.empty() ? fs::temp_directory_path(ec) : fs::path(options.tmpdir);
  std::string tmpl = (dir / "sl-export-XXXXXX").string();
  const int fd = mkstemp(tmpl.data());
  if (fd < 0) return WriteFailed("mkstemp in " + dir.string());
  ::close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{tmpl};
  {
    SL_ASSIGN_OR_RETURN(auto book, XlsxWriter::Create(tmpl, options));
    SL_TRY(fill(*book));
    SL_TRY(book->Close());
  }
  std::ifstream in(tmpl, std::ios::binary);
  if (!in) return WriteFailed("reading back " + tmpl);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return bytes;
}

}  // namespace sl::io
