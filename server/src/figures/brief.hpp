#pragma once
// The work brief (工作简报) of a region and period, written from the records:
// section templates (brief_template, editable by an admin) with placeholders
// that name figures, filled in with the figures phrased as officials write
// them (text/phrase.hpp); a section whose figures have no records is left
// out. Rendered as .docx and HTML laid out per GB/T 9704 (io/document.hpp),
// or as Excel: the figures it states and where each came from.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/caller.hpp"
#include "core/handler.hpp"
#include "core/json.hpp"
#include "db/db.hpp"
#include "io/document.hpp"

namespace sl::figures {

inline constexpr const char* kBriefsRead = "briefs.read";
inline constexpr const char* kBriefsManage = "briefs.manage";

// Templates (no I/O) ------------------------------------------------------------
//
//  {name}        a value, phrased: a figure's code ({chamber.members}), an
//                item's field ({area_mu}) or a word ({region}, {period});
//  {name|unit}   the same stated in another unit word ({pairing.level1.covered|位});
//  [ ... ]       an optional clause, dropped when a value inside it is
//                missing or zero;
//  {items:kind}  one sentence per record (projects of a kind, land contracts),
//                each from the item template of that kind;
//  a line break  starts a new paragraph.

struct Resolved {
  std::string text;      // as it goes into the brief
  bool figure = false;   // a figure (not a word such as the region's name)
  bool present = false;  // has a value other than zero
};
using Resolver =
    std::function<std::optional<Resolved>(std::string_view name, std::string_view unit)>;

struct Rendered {
  std::string text;
  int figures = 0;  // figures stated
};
// Fills in `text`. A placeholder the resolver does not know is left out with
// its clause (outside a clause: as an empty string).
Rendered RenderTemplate(std::string_view text, const Resolver& resolve);

// Checks a template: brackets and braces balanced, no nesting of clauses.
// Answers the field error's message key, or "" when it is well formed.
std::string CheckTemplate(std::string_view text);

// The brief -----------------------------------------------------------------

struct UsedFigure {
  std::string label;  // 商会会员; 小籽花生种植基地：面积
  std::string code;   // chamber.members; project:12:area_mu
  double value = 0;
  std::string unit, phrase, query, region, from, to;
};

struct Brief {
  io::Document document;
  std::vector<UsedFigure> used;
};

Result<Brief> MakeBrief(db::Database& db, const Caller& caller, const std::string& region,
                        const std::string& from, const std::string& to);
// The workbook: the figures the brief states and where each came from; for a
// region with children, the children's figures side by side.
Result<std::string> BriefXlsx(const Brief& brief);

// GET /api/v1/briefs?region=&from=&to=&format=docx|html|xlsx
Result<Response> HandleBrief(db::Database& db, const Request& r);
Result<Response> HandleTemplatesList(db::Database& db, const Request& r);
Result<Response> HandleTemplateUpdate(db::Database& db, const Request& r);

}  // namespace sl::figures
