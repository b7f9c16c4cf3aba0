#include "io/xlsx_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>
#include <unordered_map>

#include "io/xml_parser.hpp"
#include "io/zip_archive.hpp"
#include "text/utf8.hpp"

namespace sl::io {

namespace {

constexpr int kMaxColumns = 16384;
constexpr int64_t kMaxRows = 1048576;
// workbook.xml, the .rels and styles.xml are small in real files.
constexpr uint64_t kMaxMetaPartBytes = 64 << 20;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

template <class T>
bool ParseUnsigned(std::string_view s, T& out) {
  s = Trim(s);
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// "_xHHHH_" at s[i]: the code unit, or -1.
int32_t EscapeAt(std::string_view s, size_t i) {
  if (i + 7 > s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') return -1;
  uint32_t v = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    const char c = s[k];
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v |= static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      v |= static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return -1;
    }
  }
  return static_cast<int32_t>(v);
}

// OOXML strings escape characters XML cannot carry as _xHHHH_ (Excel writes
// a carriage return as _x000D_, a literal "_x" as _x005F_x).
void AppendUnescaped(std::string_view s, std::string& out) {
  size_t i = 0;
  for (;;) {
    const size_t p = s.find("_x", i);
    if (p == std::string_view::npos) {
      out.append(s.substr(i));
      return;
    }
    int32_t u = EscapeAt(s, p);
    if (u < 0) {
      out.append(s.substr(i, p + 2 - i));
      i = p + 2;
      continue;
    }
    out.append(s.substr(i, p - i));
    i = p + 7;
    uint32_t cp = static_cast<uint32_t>(u);
    if (cp >= 0xD800 && cp < 0xDC00) {
      const int32_t lo = EscapeAt(s, i);
      if (lo >= 0xDC00 && lo < 0xE000) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<uint32_t>(lo) - 0xDC00);
        i += 7;
      } else {
        cp = 0xFFFD;
      }
    } else if (cp >= 0xDC00 && cp < 0xE000) {
      cp = 0xFFFD;
    }
    if (cp != 0) text::AppendUtf8(out, cp);
  }
}

std::string ColumnName(int col) {
  std::string s;
  for (int c = col + 1; c > 0; c = (c - 1) / 26)
    s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
  return s;
}

// Days since 1970-01-01 -> civil date (H. Hinnant's algorithm).
void CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

enum class StyleKind : uint8_t { kPlain, kDate, kTime };

// Date or time: built-in ids, or y/m/d/h/s outside quotes, brackets and
// escapes. Time only: h or s but neither y nor d ("m" may be minutes).
StyleKind KindOfFormat(int id, std::string_view code) {
  if (code.empty()) {
    if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47) || (id >= 32 && id <= 35) || id == 55 ||
        id == 56)
      return StyleKind::kTime;
    // 14-22 everywhere; 27-36 and 50-58 are the zh-CN/zh-TW/ja/ko built-ins
    // that Chinese Excel and WPS write without defining them.
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
      return StyleKind::kDate;
    return StyleKind::kPlain;
  }
  bool date = false, time = false, month_or_minute = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const size_t q = code.find('"', i + 1);
      if (q == std::string_view::npos) break;
      i = q;
    } else if (c == '[') {
      const size_t q = code.find(']', i + 1);
      if (q == std::string_view::npos) break;
      i = q;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else {
      switch (c | 0x20) {
        case 'y':
        case 'd':
          date = true;
          break;
        case 'h':
        case 's':
          time = true;
          break;
        case 'm':
          month_or_minute = true;
          break;
        default:
          break;
      }
    }
  }
  if (date) return StyleKind::kDate;
  if (time) return StyleKind::kTime;
  return month_or_minute ? StyleKind::kDate : StyleKind::kPlain;
}

std::string SerialToIso(double serial, bool date1904, bool time_only) {
  // 9999-12-31 is Excel's last day.
  const double max_serial = date1904 ? 2957003.0 : 2958465.0;
  if (!std::isfinite(serial) || serial < 0 || serial >= max_serial + 1) return {};
  double whole = std::floor(serial);
  int64_t secs = std::llround((serial - whole) * 86400.0);
  if (secs >= 86400) {
    whole += 1;
    secs -= 86400;
  }
  char buf[40];
  const int hh = static_cast<int>(secs / 3600), mi = static_cast<int>(secs / 60 % 60),
            ss = static_cast<int>(secs % 60);
  // The 1900 system has no day 0: a value below 1 is a time of day.
  if ((time_only || !date1904) && whole < 1 && serial < 1) {
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", hh, mi, ss);
    return buf;
  }
  auto days = static_cast<int64_t>(whole);
  int64_t epoch;  // days from 1970-01-01 to the system's day 0
  if (date1904) {
    epoch = -24107;  // 1904-01-01
  } else {
    epoch = -25569;  // 1899-12-30; serials below 60 precede Excel's fictitious 1900-02-29
    if (days < 60) ++days;
  }
  int64_t y;
  unsigned m, d;
  CivilFromDays(epoch + days, y, m, d);
  if (secs == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(y), m, d);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d", static_cast<int>(y), m, d, hh,
                  mi, ss);
  }
  return buf;
}

// t="d" (ISO 8601 in the cell): "2024-01-05T10:30:00" -> "2024-01-05 10:30:00",
// midnight dropped.
std::string IsoFromDateCell(std::string_view v) {
  v = Trim(v);
  std::string s(v);
  if (s.size() >= 19 && s[10] == 'T') s[10] = ' ';
  if (s.size() > 19 && s[10] == ' ') s.resize(19);  // fractions, zone
  if (EndsWith(s, " 00:00:00")) s.resize(10);
  return s;
}

Error Malformed(const XmlParser& p, std::string what) {
  return Error::BadRequest("xlsx_malformed_xml",
                           {p.part(), std::to_string(p.line()), std::move(what)});
}

Error TooLarge(std::string key, std::vector<std::string> args) {
  Error e = Error::BadRequest(std::move(key), std::move(args));
  e.code = ErrorCode::kPayloadTooLarge;
  return e;
}

// --- package parts --------------------------------------------------------

struct Relationship {
  std::string id, type, target;
  bool external = false;
};

class RelsHandler : public SaxHandler {
 public:
  std::vector<Relationship> rels;
  void Start(XmlParser& p, std::string_view name, const char** atts) override {
    if (name != "Relationship") return;
    if (rels.size() >= 100000) return p.Fail(Malformed(p, "too many relationships"));
    Relationship r;
    if (const char* v = XmlAttr(atts, "Id")) r.id = v;
    if (const char* v = XmlAttr(atts, "Type")) r.type = v;
    if (const char* v = XmlAttr(atts, "Target")) r.target = v;
    if (const char* v = XmlAttr(atts, "TargetMode")) r.external = std::string_view(v) == "External";
    rels.push_back(std::move(r));
  }
  void End(XmlParser&, std::string_view) override {}
};

struct SheetEntry {
  std::string name, sheet_id, rel_id;
  bool visible = true;
};

class WorkbookHandler : public SaxHandler {
 public:
  explicit WorkbookHandler(size_t max_sheets) : max_sheets_(max_sheets) {}
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
  void Start(XmlParser& p, std::string_view name, const char** atts) override {
    if (name == "workbookPr") {
      if (const char* v = XmlAttr(atts, "date1904"))
        date1904 = std::string_view(v) == "1" || std::string_view(v) == "true";
    } else if (name == "sheet") {
      if (sheets.size() >= max_sheets_)
        return p.Fail(TooLarge("xlsx_too_many_sheets", {std::to_string(max_sheets_)}));
      SheetEntry s;
      if (const char* v = XmlAttr(atts, "name")) s.name = v;
      if (const char* v = XmlAttr(atts, "sheetId")) s.sheet_id = v;
      if (const char* v = XmlAttr(atts, "id", true)) s.rel_id = v;
      if (const char* v = XmlAttr(atts, "state"))
        s.visible = std::string_view(v) != "hidden" && std::string_view(v) != "veryHidden";
      sheets.push_back(std::move(s));
    }
  }
  void End(XmlParser&, std::string_view) override {}

 private:
  size_t max_sheets_;
};

class StylesHandler : public SaxHandler {
 public:
  std::unordered_map<int, std::string> formats;  // custom numFmt id -> code
  std::vector<int> xf_format_ids;                // cellXfs, in order
  void Start(XmlParser&, std::string_view name, const char** atts) override {
    ++depth_;
    if (name == "numFmts" && num_fmts_depth_ < 0) {
      num_fmts_depth_ = depth_;
    } else if (name == "cellXfs" && cell_xfs_depth_ < 0) {
      cell_xfs_depth_ = depth_;
    } else if (name == "numFmt" && num_fmts_depth_ >= 0) {
      int id = 0;
      const char* idv = XmlAttr(atts, "numFmtId");
      const char* code = XmlAttr(atts, "formatCode");
      if (idv != nullptr && code != nullptr && ParseUnsigned(idv, id) && formats.size() < 100000)
        formats[id] = std::string(code).substr(0, 1024);
    } else if (name == "xf" && cell_xfs_depth_ >= 0 && depth_ == cell_xfs_depth_ + 1) {
      int id = 0;
      if (const char* v = XmlAttr(atts, "numFmtId")) ParseUnsigned(v, id);
      // Excel allows 64000 cell formats; more are ignored (read as plain).
      if (xf_format_ids.size() < 1000000) xf_format_ids.push_back(id);
    }
  }
  void End(XmlParser&, std::string_view) override {
    if (depth_ == num_fmts_depth_) num_fmts_depth_ = -1;
    if (depth_ == cell_xfs_depth_) cell_xfs_depth_ = -1;
    --depth_;
  }

 private:
  int depth_ = 0, num_fmts_depth_ = -1, cell_xfs_depth_ = -1;
};

// The shared-string table: one arena of text and the offsets into it, so
// millions of short strings cost their bytes plus 8 each.
class SharedStrings : public SaxHandler {
 public:
  explicit SharedStrings(const XlsxLimits& limits) : limits_(limits) { offsets_.push_back(0); }
  // The text is shorter than the XML holding it, typically under half of it:
  // reserving that (untouched pages cost no memory) saves most of the copies
  // of doubling.
  void Reserve(uint64_t part_bytes) {
    arena_.reserve(static_cast<size_t>(std::min(part_bytes / 2, limits_.max_shared_string_bytes)));
  }
  size_t size() const { return offsets_.size() - 1; }
  std::string_view Get(size_t i) const {
    return std::string_view(arena_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]);
  }

  void Start(XmlParser& p, std::string_view name, const char** atts) override {
    ++depth_;
    if (name == "sst") {
      // A hint only: a lying count costs address space, not memory.
      uint64_t n = 0;
      if (const char* v = XmlAttr(atts, "uniqueCount"); v != nullptr && ParseUnsigned(v, n))
        offsets_.reserve(static_cast<size_t>(std::min(n, limits_.max_shared_strings)) + 1);
    } else if (si_depth_ < 0) {
      if (name == "si") {
        si_depth_ = depth_;
        text_.clear();
      }
    } else if (name == "rPh") {
      if (rph_depth_ < 0) rph_depth_ = depth_;
    } else if (name == "t" && rph_depth_ < 0 && t_depth_ < 0) {
      t_depth_ = depth_;
    }
  }
  void End(XmlParser& p, std::string_view) override {
    if (depth_ == t_depth_) {
      t_depth_ = -1;
    } else if (depth_ == rph_depth_) {
      rph_depth_ = -1;
    } else if (depth_ == si_depth_) {
      si_depth_ = -1;
      if (size() >= limits_.max_shared_strings)
        return p.Fail(
            TooLarge("xlsx_too_many_strings", {std::to_string(limits_.max_shared_strings)}));
      AppendUnescaped(text_, arena_);
      if (arena_.size() > limits_.max_shared_string_bytes)
        return p.Fail(TooLarge("xlsx_part_too_large",
                               {p.part(), std::to_string(limits_.max_shared_string_bytes)}));
      offsets_.push_back(arena_.size());
    }
    --depth_;
  }
  void Text(XmlParser& p, std::string_view s) override {
    if (t_depth_ < 0 || rph_depth_ >= 0) return;
    if (text_.size() + s.size() > limits_.max_cell_bytes)
      return p.Fail(
          Error::BadRequest("xlsx_string_too_long",
                            {std::to_string(size() + 1), std::to_string(limits_.max_cell_bytes)}));
    text_.append(s);
  }

 private:
  const XlsxLimits& limits_;
  std::string arena_;
  std::vector<uint64_t> offsets_;
  std::string text_;
  int depth_ = 0, si_depth_ = -1, t_depth_ = -1, rph_depth_ = -1;
};

enum class CellType : uint8_t { kNumber, kShared, kInline, kFormulaString, kBool, kError, kDate };

// One worksheet, streamed: builds a row from <row>/<c> events and suspends the
// parser when the row ends.
class SheetHandler : public SaxHandler {
 public:
  SheetHandler(std::string sheet, const SharedStrings* strings,
               const std::vector<StyleKind>& styles, bool date1904, const XlsxLimits& limits)
      : sheet_(std::move(sheet)),
        strings_(strings),
        styles_(styles),
        date1904_(date1904),
        limits_(limits) {}

  bool row_ready = false;
  int64_t row_number = 0;
  std::vector<std::string> cells;
  size_t width = 0;

  void Start(XmlParser& p, std::string_view name, const char** atts) override {
    ++depth_;
    if (cell_depth_ >= 0) {
      if (name == "v" && depth_ == cell_depth_ + 1) {
        v_depth_ = depth_;
      } else if (name == "is" && depth_ == cell_depth_ + 1) {
        is_depth_ = depth_;
      } else if (is_depth_ >= 0) {
        if (name == "rPh") {
          if (rph_depth_ < 0) rph_depth_ = depth_;
        } else if (name == "t" && rph_depth_ < 0 && t_depth_ < 0) {
          t_depth_ = depth_;
        }
      }
    } else if (row_depth_ >= 0) {
      if (name == "c" && depth_ == row_depth_ + 1) StartCell(p, atts);
    } else if (data_depth_ >= 0) {
      if (name == "row" && depth_ == data_depth_ + 1) StartRow(p, atts);
    } else if (name == "sheetData") {
      data_depth_ = depth_;
    }
  }

  void End(XmlParser& p, std::string_view) override {
    if (depth_ == t_depth_) {
      t_depth_ = -1;
    } else if (depth_ == rph_depth_) {
      rph_depth_ = -1;
    } else if (depth_ == v_depth_) {
      v_depth_ = -1;
    } else if (depth_ == is_depth_) {
      is_depth_ = -1;
    } else if (depth_ == cell_depth_) {
      cell_depth_ = -1;
      EndCell(p);
    } else if (depth_ == row_depth_) {
      row_depth_ = -1;
      EndRow(p);
    } else if (depth_ == data_depth_) {
      data_depth_ = -1;
      p.Finish();  // the rest (merged cells, page setup) is not ours to read
    }
    --depth_;
  }

  void Text(XmlParser& p, std::string_view s) override {
    if (v_depth_ < 0 && (t_depth_ < 0 || rph_depth_ >= 0)) return;
    if (text_.size() + s.size() > limits_.max_cell_bytes)
      return p.Fail(Error::BadRequest(
          "xlsx_cell_too_long",
          {sheet_, ColumnName(col_) + std::to_string(row_number > 0 ? row_number : last_row_ + 1),
           std::to_string(limits_.max_cell_bytes)}));
    text_.append(s);
  }

 private:
  void StartRow(XmlParser& p, const char** atts) {
    row_depth_ = depth_;
    for (size_t i = 0; i < width; ++i) cells[i].clear();
    width = 0;
    next_col_ = 0;
    row_bytes_ = 0;
    row_number = 0;
    if (const char* r = XmlAttr(atts, "r")) {
      if (!ParseUnsigned(r, row_number) || row_number < 1 || row_number > kMaxRows)
        return p.Fail(Error::BadRequest("xlsx_bad_row_number", {sheet_, r}));
    }
  }

  void StartCell(XmlParser& p, const char** atts) {
    cell_depth_ = depth_;
    text_.clear();
    int col = next_col_;
    if (const char* r = XmlAttr(atts, "r")) {
      auto ref = ParseCellRef(r);
      if (!ref.ok()) return p.Fail(Error::BadRequest("xlsx_bad_cell_ref", {sheet_, r}));
      col = ref->first;
      if (row_number == 0 && ref->second > 0) row_number = ref->second;
    }
    if (col >= kMaxColumns)
      return p.Fail(
          Error::BadRequest("xlsx_too_many_columns",
                            {sheet_, std::to_string(row_number > 0 ? row_number : last_row_ + 1)}));
    col_ = col;
    next_col_ = col + 1;
    type_ = CellType::kNumber;
    if (const char* t = XmlAttr(atts, "t")) {
      const std::string_view tv(t);
      if (tv == "s") {
        type_ = CellType::kShared;
      } else if (tv == "inlineStr") {
        type_ = CellType::kInline;
      } else if (tv == "str") {
        type_ = CellType::kFormulaString;
      } else if (tv == "b") {
        type_ = CellType::kBool;
      } else if (tv == "e") {
        type_ = CellType::kError;
      } else if (tv == "d") {
        type_ = CellType::kDate;
      }
    }
    style_ = 0;
    if (const char* s = XmlAttr(atts, "s")) ParseUnsigned(s, style_);
  }

  void EndCell(XmlParser& p) {
    if (static_cast<size_t>(col_) >= cells.size()) cells.resize(static_cast<size_t>(col_) + 1);
    std::string& out = cells[static_cast<size_t>(col_)];
    out.clear();
    switch (type_) {
      case CellType::kShared: {
        if (Trim(text_).empty()) break;
        size_t i = 0;
        if (strings_ == nullptr || !ParseUnsigned(text_, i) || i >= strings_->size())
          return p.Fail(
              Error::BadRequest("xlsx_bad_shared_string", {sheet_, ColumnName(col_) + RowText()}));
        out.assign(strings_->Get(i));
        break;
      }
      case CellType::kInline:
      case CellType::kFormulaString:
        AppendUnescaped(text_, out);
        break;
      case CellType::kBool: {
        const std::string_view v = Trim(text_);
        out = v == "1" || v == "true"    ? "TRUE"
              : v == "0" || v == "false" ? "FALSE"
                                         : std::string(v);
        break;
      }
      case CellType::kError:
        out = Trim(text_);
        break;
      case CellType::kDate:
        out = IsoFromDateCell(text_);
        break;
      case CellType::kNumber:
        FormatNumberCell(out);
        break;
    }
    if (static_cast<size_t>(col_) >= width) width = static_cast<size_t>(col_) + 1;
    row_bytes_ += out.size();
    if (row_bytes_ > limits_.max_row_bytes)
      return p.Fail(TooLarge("xlsx_row_too_large", {sheet_, RowText()}));
  }

  void FormatNumberCell(std::string& out) {
    const std::string_view v = Trim(text_);
    if (v.empty()) return;
    double d = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
    if (ec != std::errc() || ptr != v.data() + v.size() || !std::isfinite(d)) {
      out = v;  // not a number after all: keep what the file says
      return;
    }
    const StyleKind kind = style_ < styles_.size() ? styles_[style_] : StyleKind::kPlain;
    if (kind != StyleKind::kPlain) {
      out = SerialToIso(d, date1904_, kind == StyleKind::kTime);
      if (!out.empty()) return;
    }
    out = FormatNumber(d);
  }

  void EndRow(XmlParser& p) {
    while (width > 0 && cells[width - 1].empty()) --width;
    if (row_number == 0) row_number = last_row_ + 1;
    if (row_number > kMaxRows)
      return p.Fail(Error::BadRequest("xlsx_bad_row_number", {sheet_, std::to_string(row_number)}));
    last_row_ = row_number;
    row_ready = true;
    p.Suspend();
  }

  std::string RowText() const {
    return std::to_string(row_number > 0 ? row_number : last_row_ + 1);
  }

  std::string sheet_;
  const SharedStrings* strings_;
  const std::vector<StyleKind>& styles_;
  bool date1904_;
  const XlsxLimits& limits_;
  int depth_ = 0, data_depth_ = -1, row_depth_ = -1, cell_depth_ = -1, v_depth_ = -1,
      is_depth_ = -1, t_depth_ = -1, rph_depth_ = -1;
  int64_t last_row_ = 0;
  int next_col_ = 0, col_ = 0;
  size_t style_ = 0;
  size_t row_bytes_ = 0;
  CellType type_ = CellType::kNumber;
  std::string text_;
};

// Resolves a relationship target against the folder of its source part.
std::string ResolveTarget(std::string_view base_dir, std::string_view target) {
  std::string path = !target.empty() && target[0] == '/'
                         ? std::string(target.substr(1))
                         : std::string(base_dir) + std::string(target);
  std::vector<std::string> parts;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    std::string seg = path.substr(i, j - i);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(std::move(seg));
    }
    i = j + 1;
  }
  std::string out;
  for (const auto& s : parts) {
    if (!out.empty()) out.push_back('/');
    out += s;
  }
  return out;
}

std::string DirOf(std::string_view part) {
  const size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

std::string RelsPathOf(std::string_view part) {
  const size_t slash = part.rfind('/');
  const std::string_view file = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return DirOf(part) + "_rels/" + std::string(file) + ".rels";
}

}  // namespace

struct XlsxReader::Impl {
  XlsxLimits limits;
  std::unique_ptr<ZipArchive> zip;
  std::vector<XlsxSheetInfo> sheets;
  bool date1904 = false;
  std::string strings_part;
  std::unique_ptr<SharedStrings> strings;
  std::vector<StyleKind> styles;
  // The sheet being read; the parser refers to the handler, so it goes first.
  std::unique_ptr<SheetHandler> sheet;
  std::unique_ptr<XmlParser> parser;
  std::optional<Error> failed;

  Status Parse(const std::string& part, SaxHandler& h, uint64_t max_bytes) {
    XmlParser p(*zip, part, h);
    SL_TRY(p.Begin(max_bytes));
    return p.Run();
  }

  Result<std::vector<Relationship>> Rels(const std::string& part) {
    RelsHandler h;
    if (!zip->Has(part)) return std::move(h.rels);
    SL_TRY(Parse(part, h, kMaxMetaPartBytes));
    return std::move(h.rels);
  }

  Status Load() {
    // The package's relationships name the workbook part; xl/workbook.xml by
    // convention.
    std::string wb_part = "xl/workbook.xml";
    SL_ASSIGN_OR_RETURN(auto root_rels, Rels("_rels/.rels"));
    for (const auto& r : root_rels)
      if (EndsWith(r.type, "/officeDocument") && !r.external) {
        const std::string p = ResolveTarget("", r.target);
        if (zip->Has(p)) wb_part = p;
        break;
      }
    if (!zip->Has(wb_part)) return Error::BadRequest("xlsx_missing_part", {wb_part});

    WorkbookHandler wb(limits.max_sheets);
    SL_TRY(Parse(wb_part, wb, kMaxMetaPartBytes));
    date1904 = wb.date1904;
    const std::string dir = DirOf(wb_part);
    SL_ASSIGN_OR_RETURN(auto rels, Rels(RelsPathOf(wb_part)));
    std::unordered_map<std::string, const Relationship*> by_id;
    std::string styles_part;
    for (const auto& r : rels) {
      by_id.emplace(r.id, &r);
      if (r.external) continue;
      if (EndsWith(r.type, "/sharedStrings") && strings_part.empty())
        strings_part = ResolveTarget(dir, r.target);
      if (EndsWith(r.type, "/styles") && styles_part.empty())
        styles_part = ResolveTarget(dir, r.target);
    }
    if (strings_part.empty() && zip->Has(dir + "sharedStrings.xml"))
      strings_part = dir + "sharedStrings.xml";
    if (styles_part.empty() && zip->Has(dir + "styles.xml")) styles_part = dir + "styles.xml";

    for (const auto& s : wb.sheets) {
      XlsxSheetInfo info;
      info.name = s.name;
      info.visible = s.visible;
      auto it = by_id.find(s.rel_id);
      if (it != by_id.end() && !it->second->external) {
        info.part = ResolveTarget(dir, it->second->target);
        info.is_worksheet = EndsWith(it->second->type, "/worksheet");
      } else {
        // Without a relationship, fall back to the conventional name.
        info.part = dir + "worksheets/sheet" + s.sheet_id + ".xml";
      }
      sheets.push_back(std::move(info));
    }

    if (!styles_part.empty() && zip->Has(styles_part)) {
      StylesHandler st;
      SL_TRY(Parse(styles_part, st, kMaxMetaPartBytes));
      styles.reserve(st.xf_format_ids.size());
      for (int id : st.xf_format_ids) {
        auto f = st.formats.find(id);
        styles.push_back(KindOfFormat(id, f != st.formats.end() ? f->second : std::string_view()));
      }
    }
    return OkStatus();
  }

  Status LoadStrings() {
    if (strings) return OkStatus();
    auto table = std::make_unique<SharedStrings>(limits);
    if (!strings_part.empty() && zip->Has(strings_part)) {
      if (zip->DeclaredSize(strings_part) <= limits.max_part_bytes)
        table->Reserve(zip->DeclaredSize(strings_part));
      SL_TRY(Parse(strings_part, *table, limits.max_part_bytes));
    }
    strings = std::move(table);
    return OkStatus();
  }
};

XlsxReader::XlsxReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxReader::~XlsxReader() = default;

Result<std::unique_ptr<XlsxReader>> XlsxReader::OpenFile(const std::string& path,
                                                         const XlsxLimits& limits) {
  auto impl = std::make_unique<Impl>();
  impl->limits = limits;
  SL_ASSIGN_OR_RETURN(impl->zip, ZipArchive::OpenFile(path, limits.max_zip_entries));
  SL_TRY(impl->Load());
  return std::unique_ptr<XlsxReader>(new XlsxReader(std::move(impl)));
}

Result<std::unique_ptr<XlsxReader>> XlsxReader::OpenMemory(std::string_view bytes,
                                                           const XlsxLimits& limits) {
  auto impl = std::make_unique<Impl>();
  impl->limits = limits;
  SL_ASSIGN_OR_RETURN(impl->zip, ZipArchive::OpenMemory(bytes, limits.max_zip_entries));
  SL_TRY(impl->Load());
  return std::unique_ptr<XlsxReader>(new XlsxReader(std::move(impl)));
}

const std::vector<XlsxSheetInfo>& XlsxReader::sheets() const { return impl_->sheets; }
bool XlsxReader::date1904() const { return impl_->date1904; }

Result<size_t> XlsxReader::FirstVisibleSheet() const {
  for (size_t i = 0; i < impl_->sheets.size(); ++i)
    if (impl_->sheets[i].visible && impl_->sheets[i].is_worksheet) return i;
  return Error::BadRequest("xlsx_no_sheets");
}

Result<size_t> XlsxReader::FindSheet(std::string_view name) const {
  const auto& s = impl_->sheets;
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i].name == name) return i;
  for (size_t i = 0; i < s.size(); ++i)
    if (EqualsIgnoreAsciiCase(s[i].name, name)) return i;
  return Error::BadRequest("xlsx_sheet_not_found", {std::string(name)});
}

Status XlsxReader::OpenSheet(size_t index) {
  impl_->parser.reset();
  impl_->sheet.reset();
  impl_->failed.reset();
  if (index >= impl_->sheets.size())
    return Error::BadRequest("xlsx_sheet_not_found", {std::to_string(index + 1)});
  const XlsxSheetInfo& info = impl_->sheets[index];
  if (!impl_->zip->Has(info.part)) return Error::BadRequest("xlsx_missing_part", {info.part});
  SL_TRY(impl_->LoadStrings());
  impl_->sheet = std::make_unique<SheetHandler>(info.name, impl_->strings.get(), impl_->styles,
                                                impl_->date1904, impl_->limits);
  impl_->parser = std::make_unique<XmlParser>(*impl_->zip, info.part, *impl_->sheet);
  Status st = impl_->parser->Begin(impl_->limits.max_part_bytes);
  if (!st.ok()) {
    impl_->parser.reset();
    impl_->sheet.reset();
  }
  return st;
}

Result<bool> XlsxReader::Next(XlsxRow& row) {
  if (impl_->failed) return *impl_->failed;
  if (!impl_->parser) return false;
  SheetHandler& h = *impl_->sheet;
  for (;;) {
    auto more = impl_->parser->Pump();
    if (!more.ok()) {
      impl_->failed = more.error();
      impl_->parser.reset();
      impl_->sheet.reset();
      return std::move(more).error();
    }
    if (h.row_ready) {
      h.row_ready = false;
      row.number = h.row_number;
      row.cells.resize(h.width);
      for (size_t i = 0; i < h.width; ++i) row.cells[i].assign(h.cells[i]);
      return true;
    }
    if (!*more) {
      impl_->parser.reset();
      impl_->sheet.reset();
      return false;
    }
  }
}

Status XlsxReader::ForEachRow(size_t index, const std::function<Status(const XlsxRow&)>& fn) {
  SL_TRY(OpenSheet(index));
  XlsxRow row;
  for (;;) {
    SL_ASSIGN_OR_RETURN(bool more, Next(row));
    if (!more) return OkStatus();
    SL_TRY(fn(row));
  }
}

Result<std::pair<int, int64_t>> ParseCellRef(std::string_view ref) {
  size_t i = 0;
  int col = 0;
  while (i < ref.size() && i < 4) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + (c - 'A' + 1);
    ++i;
  }
  if (i == 0 || i > 3) return Error::BadRequest("xlsx_bad_cell_ref", {"", std::string(ref)});
  int64_t row = 0;
  if (i < ref.size()) {
    // Absolute references ($A$1) do not occur in cells, so digits only.
    if (!ParseUnsigned(ref.substr(i), row) || row < 1 || row > kMaxRows || ref[i] == '+' ||
        ref.substr(i).find_first_not_of("0123456789") != std::string_view::npos)
      return Error::BadRequest("xlsx_bad_cell_ref", {"", std::string(ref)});
  }
  return std::make_pair(col - 1, row);
}

bool IsDateFormat(int num_fmt_id, std::string_view format_code) {
  return KindOfFormat(num_fmt_id, format_code) != StyleKind::kPlain;
}

std::string ExcelSerialToIso(double serial, bool date1904) {
  return SerialToIso(serial, date1904, false);
}

std::string FormatNumber(double v) {
  if (v == 0) return "0";  // also -0
  char buf[64];
  // Whole numbers below 10^16 are exact: print all their digits. Otherwise
  // the shortest text that reads back as the same double, in %g style
  // ("1e+20", "0.30000000000000004", "1e-07").
  if (std::fabs(v) < 1e16 && v == std::trunc(v)) {
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(v));
    return std::string(buf, p);
  }
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general);
  if (ec != std::errc()) return {};
  return std::string(buf, p);
}

}  // namespace sl::io
