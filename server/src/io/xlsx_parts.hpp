#pragma once
// The pieces of the .xlsx reader (io/ alone uses this header): text helpers,
// cell values (escapes, the date system, number styles), errors, and the SAX
// handlers of the package's small parts (relationships, workbook, styles,
// shared strings).

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"
#include "io/xlsx_reader.hpp"
#include "io/xml_parser.hpp"

namespace sl::io::xlsx {

constexpr int kMaxColumns = 16384;
constexpr int64_t kMaxRows = 1048576;
// workbook.xml, the .rels and styles.xml are small in real files.
constexpr uint64_t kMaxMetaPartBytes = 64 << 20;

enum class StyleKind : uint8_t { kPlain, kDate, kTime };

bool EndsWith(std::string_view s, std::string_view suffix);
bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b);
std::string_view Trim(std::string_view s);
// "_xHHHH_" at s[i]: the code unit, or -1.
int32_t EscapeAt(std::string_view s, size_t i);
// OOXML strings escape characters XML cannot carry as _xHHHH_ (Excel writes
// a carriage return as _x000D_, a literal "_x" as _x005F_x).
void AppendUnescaped(std::string_view s, std::string& out);
std::string ColumnName(int col);
// Days since 1970-01-01 -> civil date (H. Hinnant's algorithm).
void CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d);
// Date or time: built-in ids, or y/m/d/h/s outside quotes, brackets and
// escapes. Time only: h or s but neither y nor d ("m" may be minutes).
StyleKind KindOfFormat(int id, std::string_view code);
std::string SerialToIso(double serial, bool date1904, bool time_only);
// t="d" (ISO 8601 in the cell): "2024-01-05T10:30:00" -> "2024-01-05 10:30:00",
// midnight dropped.
std::string IsoFromDateCell(std::string_view v);

template <class T>
bool ParseUnsigned(std::string_view s, T& out) {
  s = Trim(s);
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

Error Malformed(const XmlParser& p, std::string what);
Error TooLarge(std::string key, std::vector<std::string> args);
std::string ResolveTarget(std::string_view base_dir, std::string_view target);
std::string DirOf(std::string_view part);
std::string RelsPathOf(std::string_view part);

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
}  // namespace sl::io::xlsx
