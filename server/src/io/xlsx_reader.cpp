#include "io/xlsx_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>
#include <unordered_map>

#include "io/xlsx_parts.hpp"
#include "io/xml_parser.hpp"
#include "io/zip_archive.hpp"

namespace sl::io {

namespace {

using namespace xlsx;  // NOLINT: the reader is made of these parts

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

XlsxLimits UploadLimits() {
  XlsxLimits l;
  l.max_part_bytes = uint64_t{1} << 30;  // sheets stream: time, not memory
  l.max_shared_strings = 2'000'000;      // 16 MB of offsets
  l.max_shared_string_bytes = uint64_t{32} << 20;
  l.max_expansion_ratio = 100;
  return l;
}

Result<std::unique_ptr<XlsxReader>> XlsxReader::OpenFile(const std::string& path,
                                                         const XlsxLimits& limits) {
  auto impl = std::make_unique<Impl>();
  impl->limits = limits;
  SL_ASSIGN_OR_RETURN(impl->zip, ZipArchive::OpenFile(path, limits.max_zip_entries));
  impl->zip->set_max_ratio(limits.max_expansion_ratio, limits.expansion_floor);
  SL_TRY(impl->Load());
  return std::unique_ptr<XlsxReader>(new XlsxReader(std::move(impl)));
}

Result<std::unique_ptr<XlsxReader>> XlsxReader::OpenMemory(std::string_view bytes,
                                                           const XlsxLimits& limits) {
  auto impl = std::make_unique<Impl>();
  impl->limits = limits;
  SL_ASSIGN_OR_RETURN(impl->zip, ZipArchive::OpenMemory(bytes, limits.max_zip_entries));
  impl->zip->set_max_ratio(limits.max_expansion_ratio, limits.expansion_floor);
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
}  // namespace sl::io
