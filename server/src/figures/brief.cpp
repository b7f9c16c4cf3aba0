// The work brief: the summary's figures and the period's projects and land
// contracts, written into the section templates, rendered as a GB/T 9704
// document (docx, html) or as the workbook of the figures it states.

#include "figures/brief.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "audit/audit.hpp"
#include "core/choice.hpp"
#include "core/date.hpp"
#include "core/time.hpp"
#include "db/scope.hpp"
#include "figures/figures.hpp"
#include "http/handlers.hpp"
#include "io/xlsx_writer.hpp"
#include "land/land.hpp"
#include "projects/projects.hpp"
#include "regions/regions.hpp"
#include "text/phrase.hpp"

namespace sl::figures {

namespace {

// "2022-12-31" -> "2022年12月31日"
std::string ChineseDate(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(0, 4) + "年" + std::to_string(std::stoi(iso.substr(5, 2))) + "月" +
         std::to_string(std::stoi(iso.substr(8, 2))) + "日";
}

bool WholeYear(const std::string& from, const std::string& to) {
  return from.substr(0, 4) == to.substr(0, 4) && from.substr(4) == "-01-01" &&
         to.substr(4) == "-12-31";
}

std::string PeriodText(const std::string& from, const std::string& to) {
  if (WholeYear(from, to)) return from.substr(0, 4) + "年";
  return ChineseDate(from) + "至" + ChineseDate(to);
}

text::Precision PrecisionOf(bool approximate) {
  return approximate ? text::Precision::kApproximate : text::Precision::kExact;
}

// One record of an item list (a project, a land contract): its words and
// its values, each with its unit and precision.
struct Item {
  std::string kind;  // industry, tourism, welfare, ...; land
  std::string id, name, place;
  std::map<std::string, std::string, std::less<>> words;
  struct Value {
    double value = 0;
    std::string unit, label, query;
    bool approximate = false;
  };
  std::map<std::string, Value, std::less<>> values;
};

// Above a town a brief names the largest records of each kind, not every
// one: a county has hundreds of projects and thousands of land contracts.
constexpr size_t kItemsAboveTown = 10;

// What ranks a record among its kind: a land contract's area, a project's
// largest amount of money.
double Weight(const Item& item) {
  if (item.kind == "land") {
    const auto it = item.values.find("area");
    return it == item.values.end() ? 0 : it->second.value;
  }
  double most = 0;
  for (const auto& [field, v] : item.values)
    if (v.unit == "元") most = std::max(most, v.value);
  return most;
}

// The records a brief names: every one in the order read, or (with a limit)
// the heaviest `limit` of each kind, heaviest first, kept as they stream by.
class ItemList {
 public:
  explicit ItemList(size_t limit) : limit_(limit) {}

  void Add(Item item) {
    std::vector<Item>& list = by_kind_[item.kind];
    list.push_back(std::move(item));
    if (limit_ == 0 || list.size() <= limit_) return;
    // Drop the lightest; of equals the one read last.
    auto lightest = list.begin();
    for (auto it = list.begin(); it != list.end(); ++it)
      if (Weight(*it) <= Weight(*lightest)) lightest = it;
    list.erase(lightest);
  }

  // The records of a kind, as the brief names them.
  std::vector<const Item*> Of(std::string_view kind) const {
    std::vector<const Item*> out;
    const auto it = by_kind_.find(kind);
    if (it == by_kind_.end()) return out;
    for (const Item& item : it->second) out.push_back(&item);
    if (limit_ != 0)
      std::stable_sort(out.begin(), out.end(),
                       [](const Item* a, const Item* b) { return Weight(*a) > Weight(*b); });
    return out;
  }

 private:
  size_t limit_;
  std::map<std::string, std::vector<Item>, std::less<>> by_kind_;
};

struct Templates {
  struct Section {
    std::string section, heading, body;
  };
  std::vector<Section> sections;
  std::map<std::string, std::string, std::less<>> items;  // kind -> template
};

Result<Templates> LoadTemplates(db::Tx& tx) {
  Templates t;
  SL_TRY(
      tx.ForEach("SELECT section, kind, heading, body FROM brief_template ORDER BY position, "
                 "section",
                 {}, [&](const db::Row& r) -> Status {
                   if (r.Str(1) == "item")
                     t.items[r.Str(0).substr(5)] = r.Str(3);
                   else
                     t.sections.push_back({r.Str(0), r.Str(2), r.Str(3)});
                   return OkStatus();
                 }));
  return t;
}

// Projects with values in the period, by kind: flows added up, of a stock
// each project's latest period (as the figures count them). A project's rows
// come together (ordered by project), so each is complete when the next
// begins.
Status LoadProjects(db::Tx& tx, const std::string& path, const Summary& s, ItemList& items) {
  SL_ASSIGN_OR_RETURN(auto indicators, projects::ListIndicators(tx));
  std::map<std::string, const projects::Indicator*, std::less<>> by_code;
  for (const auto& i : indicators) by_code[i.code] = &i;
  std::optional<Item> current;
  int64_t current_id = 0;
  SL_TRY(tx.ForEach(
      "SELECT j.id, j.kind, j.name, r.name, j.region_path, v.indicator, v.expected, v.value FROM "
      "project j JOIN region r ON r.id = j.region_id JOIN project_value v ON v.project_id = j.id "
      "WHERE j.deleted_at IS NULL AND j.region_path >= ? AND j.region_path < ? AND "
      "v.period_from >= ? AND v.period_from <= ? ORDER BY j.kind, j.sort_key, j.id, v.indicator, "
      "v.expected, v.period_to, v.period_from",
      {path, db::PrefixUpperBound(path), s.from, s.to}, [&](const db::Row& r) -> Status {
        const int64_t id = r.Int(0);
        if (!current || id != current_id) {
          if (current) items.Add(std::move(*current));
          current.emplace();
          current_id = id;
          current->kind = r.Str(1);
          current->id = "project:" + std::to_string(id);
          current->name = r.Str(2);
          // The place, unless the brief is of it or the name says it already.
          current->place =
              r.Str(4) == path || current->name.find(r.Str(3)) != std::string::npos ? "" : r.Str(3);
        }
        Item& item = *current;
        const auto def = by_code.find(r.Str(5));
        if (def == by_code.end()) return OkStatus();
        const projects::Indicator& ind = *def->second;
        const bool expected = r.Int(6) != 0, fen = ind.unit_zh_cn == "分";
        const std::string field = ind.code + (expected ? ".expected" : "");
        Item::Value& v = item.values[field];
        const double value =
            static_cast<double>(r.Int(7)) / std::pow(10.0, ind.scale + (fen ? 2 : 0));
        v.value = ind.sum_periods ? v.value + value : value;
        v.unit = fen ? "元" : ind.unit_zh_cn;
        v.label = item.name + "：" + (expected ? "预计" : "") + ind.name_zh_cn;
        v.query = std::string(expected ? "expected" : "actual") + " values of " + ind.code +
                  " of this project for periods starting in the period";
        v.approximate = true;
        return OkStatus();
      }));
  if (current) items.Add(std::move(*current));
  return OkStatus();
}

// Land contracts starting in the period.
Status LoadContracts(db::Tx& tx, const std::string& path, const Summary& s, size_t limit,
                     ItemList& items) {
  db::Params params = {path, db::PrefixUpperBound(path), s.from, s.to};
  std::string order = "c.starts_on, c.id";
  if (limit != 0) {  // the largest (ItemList's order)
    order = "c.area_hundredths DESC, c.id LIMIT ?";
    params.push_back(static_cast<int64_t>(limit));
  }
  return tx.ForEach(
      "SELECT c.id, r.name, c.region_path, c.land_type, c.area_hundredths, c.years, "
      "c.rent_fen_per_year, c.rent_fen_per_mu_year, c.jobs, e.name, p.name, o.name FROM "
      "land_contract c JOIN region r ON r.id = c.region_id LEFT JOIN enterprise e ON e.id = "
      "c.transferee_enterprise_id LEFT JOIN person p ON p.id = c.transferee_person_id LEFT JOIN "
      "organization o ON o.id = c.transferor_org_id WHERE c.deleted_at IS NULL AND c.region_path "
      ">= ? AND c.region_path < ? AND c.starts_on >= ? AND c.starts_on <= ? ORDER BY " +
          order,
      params, [&](const db::Row& r) -> Status {
        Item item;
        item.kind = "land";
        item.id = "land_contract:" + std::to_string(r.Int(0));
        item.place = r.Str(2) == path ? "" : r.Str(1);
        item.name = item.place + std::string(ChoiceLabel(land::LandTypes(), r.Str(3))) + "流转";
        item.words["land_type"] = std::string(ChoiceLabel(land::LandTypes(), r.Str(3)));
        item.words["transferee"] = !r.IsNull(9) ? r.Str(9) : !r.IsNull(10) ? r.Str(10) : "";
        item.words["transferor"] = r.IsNull(11) ? "" : r.Str(11);
        const double area = static_cast<double>(r.Int(4)) / 100.0;
        const auto add = [&](const char* field, double value, const char* unit, const char* label,
                             bool approximate) {
          item.values[field] = {value, unit, item.name + "：" + label,
                                std::string("the contract's ") + field, approximate};
        };
        add("area", area, "亩", "面积", false);
        if (!r.IsNull(5)) add("years", static_cast<double>(r.Int(5)), "年", "期限", false);
        const double rent = !r.IsNull(6)   ? static_cast<double>(r.Int(6)) / 100.0
                            : !r.IsNull(7) ? static_cast<double>(r.Int(7)) * area / 100.0
                                           : 0;
        add("rent", rent, "元/年", "年租金", false);
        add("jobs", static_cast<double>(r.Int(8)), "人", "带动就业", true);
        items.Add(std::move(item));
        return OkStatus();
      });
}

class Writer {
 public:
  Writer(const Summary& s, const std::vector<Definition>& catalog, const Values& values,
         const std::string& region_name, size_t item_limit)
      : items(item_limit), s_(s), catalog_(catalog), values_(values), region_(region_name) {
    for (const auto& d : catalog_) by_code_[d.code] = &d;
  }

  ItemList items;
  std::map<std::string, std::string, std::less<>> item_templates;
  std::vector<UsedFigure> used;

  std::optional<Resolved> Section(std::string_view name, std::string_view unit) {
    if (name == "region") return Resolved{region_, false, true};
    if (name == "period") return Resolved{PeriodText(s_.from, s_.to), false, true};
    if (name == "as_of") return Resolved{ChineseDate(s_.as_of), false, true};
    if (name.rfind("items:", 0) == 0) return Items(name.substr(6));
    const auto def = by_code_.find(name);
    if (def == by_code_.end()) return std::nullopt;
    const Definition& d = *def->second;
    const auto v = ValueOf(d, values_, catalog_);
    if (!v) return Resolved{"", true, false};
    const std::string u = unit.empty() ? d.unit_zh : std::string(unit);
    const std::string phrase =
        text::PhraseFigure(*v, u, PrecisionOf(d.approximate && d.unit_zh != "%"));
    Use({d.name_zh_cn, d.code, *v, u, phrase, d.query});
    return Resolved{phrase, true, *v != 0};
  }

 private:
  void Use(UsedFigure f) {
    f.region = region_;
    f.from = s_.from;
    f.to = s_.to;
    if (!stated_.emplace(f.code, f.phrase).second) return;
    used.push_back(std::move(f));
  }

  std::optional<Resolved> Items(std::string_view kind) {
    const auto t = item_templates.find(kind);
    if (t == item_templates.end()) return std::nullopt;
    std::string out;
    for (const Item* at : items.Of(kind)) {
      const Item& item = *at;
      const Rendered r = RenderTemplate(
          t->second, [&](std::string_view name, std::string_view unit) -> std::optional<Resolved> {
            if (name == "name") return Resolved{item.name, false, true};
            if (name == "place") return Resolved{item.place, false, true};
            if (auto w = item.words.find(name); w != item.words.end())
              return Resolved{w->second, false, !w->second.empty()};
            const auto v = item.values.find(name);
            if (v == item.values.end()) return std::nullopt;
            const std::string u = unit.empty() ? v->second.unit : std::string(unit);
            const std::string phrase =
                text::PhraseFigure(v->second.value, u, PrecisionOf(v->second.approximate));
            Use({v->second.label, item.id + ":" + std::string(name), v->second.value, u, phrase,
                 v->second.query});
            return Resolved{phrase, true, v->second.value != 0};
          });
      if (r.figures > 0) out += r.text;
    }
    return Resolved{out, true, !out.empty()};
  }

  const Summary& s_;
  const std::vector<Definition>& catalog_;
  const Values& values_;
  std::string region_;
  std::map<std::string_view, const Definition*> by_code_;
  std::set<std::pair<std::string, std::string>> stated_;  // code, phrase
};

// Whether a template names anything but words: a section whose figures all
// lack records is left out, one of words only is always there.
bool NamesFigures(std::string_view body) {
  for (size_t at = body.find('{'); at != std::string_view::npos; at = body.find('{', at + 1)) {
    const size_t end = body.find_first_of("|}", at);
    const std::string_view name = body.substr(at + 1, end - at - 1);
    if (name != "region" && name != "period" && name != "as_of") return true;
  }
  return false;
}

constexpr const char* kNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

// The comparison table of the children: a few figures side by side.
const std::vector<std::string>& TableCodes() {
  static const std::vector<std::string> k = {
      "chamber.members",       "pairing.level1.coverage",
      "events.count",          "projects.kind.investment.new",
      "requests.on_time_rate", "income.total"};
  return k;
}

}  // namespace

Result<Brief> MakeBrief(db::Database& db, const Caller& caller, const std::string& region,
                        const std::string& from, const std::string& to) {
  SL_ASSIGN_OR_RETURN(Summary s, Summarize(db, caller, region, from, to, true));
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
  SL_TRY(tx->PlanEachRun());
  SL_ASSIGN_OR_RETURN(auto catalog, Catalog(*tx));
  SL_ASSIGN_OR_RETURN(Templates templates, LoadTemplates(*tx));
  const std::string name = s.region.value("name", ""), level = s.region.value("level", "");
  SL_ASSIGN_OR_RETURN(regions::Region place,
                      regions::Get(*tx, caller.view, s.region.value("code", "")));
  const Values values = VisibleTo(caller, catalog, s.whole);
  const bool above_town = level == "province" || level == "city" || level == "county";
  const size_t limit = above_town ? kItemsAboveTown : 0;
  Writer w(s, catalog, values, name, limit);
  w.item_templates = templates.items;
  if (MaySee(caller, "projects")) SL_TRY(LoadProjects(*tx, place.path, s, w.items));
  if (MaySee(caller, "land")) SL_TRY(LoadContracts(*tx, place.path, s, limit, w.items));

  Brief brief;
  io::Document& doc = brief.document;
  doc.title = WholeYear(s.from, s.to) ? name + s.from.substr(0, 4) + "年“党建+商会”工作简报"
                                      : name + "“党建+商会”工作简报";
  doc.subtitle = "（" + ChineseDate(s.from) + "至" + ChineseDate(s.to) + "）";
  doc.issuer = "中共" + name + "委员会";
  doc.date = ChineseDate(s.as_of);
  size_t numbered = 0;
  for (const auto& section : templates.sections) {
    std::vector<io::DocBlock> blocks;
    if (section.body.find("{table:children}") != std::string::npos) {
      if (!above_town || !s.children || s.children->empty()) continue;
      io::DocBlock table;
      table.kind = io::DocBlock::Kind::kTable;
      std::vector<std::string> header = {"地区"};
      std::vector<const Definition*> defs;
      for (const std::string& code : TableCodes())
        for (const auto& d : catalog)
          if (d.code == code && MaySee(caller, d.ledger)) {
            defs.push_back(&d);
            header.push_back(d.name_zh_cn + (d.unit_zh.empty() ? "" : "（" + d.unit_zh + "）"));
          }
      table.rows.push_back(header);
      for (const auto& c : *s.children) {
        std::vector<std::string> row = {c.region.value("name", "")};
        for (const Definition* d : defs) {
          const auto v = ValueOf(*d, c.values, catalog);
          if (!v) {
            row.push_back("—");
            continue;
          }
          const bool whole = *v == std::floor(*v);
          char buf[32];
          std::snprintf(buf, sizeof buf, whole ? "%.0f" : "%.1f", *v);
          row.push_back(buf);
          brief.used.push_back({c.region.value("name", "") + "：" + d->name_zh_cn, d->code, *v,
                                d->unit_zh, std::string(buf) + d->unit_zh, d->query,
                                c.region.value("name", ""), s.from, s.to});
        }
        table.rows.push_back(std::move(row));
      }
      blocks.push_back(std::move(table));
    } else {
      const Rendered r = RenderTemplate(
          section.body, [&](std::string_view n, std::string_view u) { return w.Section(n, u); });
      if (NamesFigures(section.body) && r.figures == 0) continue;
      size_t start = 0;
      while (start <= r.text.size()) {
        const size_t end = r.text.find('\n', start);
        std::string para =
            r.text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!para.empty()) blocks.push_back({io::DocBlock::Kind::kParagraph, para, {}});
        if (end == std::string::npos) break;
        start = end + 1;
      }
      if (blocks.empty()) continue;
    }
    if (!section.heading.empty()) {
      const std::string number =
          numbered < std::size(kNumerals) ? kNumerals[numbered] : std::to_string(numbered + 1);
      ++numbered;
      doc.blocks.push_back({io::DocBlock::Kind::kHeading1, number + "、" + section.heading, {}});
    }
    for (auto& b : blocks) doc.blocks.push_back(std::move(b));
  }
  for (auto& u : w.used) brief.used.push_back(std::move(u));
  return brief;
}

Result<std::string> BriefXlsx(const Brief& brief) {
  return io::WriteXlsxToString([&](io::XlsxWriter& book) -> Status {
    SL_ASSIGN_OR_RETURN(io::XlsxSheetWriter * sheet, book.AddSheet("简报数据"));
    SL_TRY(sheet->WriteHeader(
        {"指标", "简报中的表述", "数值", "单位", "地区", "起", "止", "代码", "口径"}));
    SL_TRY(sheet->SetColumnWidths({36, 18, 14, 8, 12, 12, 12, 40, 60}));
    for (const UsedFigure& u : brief.used)
      SL_TRY(sheet->WriteRow({io::XlsxCell::Text(u.label), io::XlsxCell::Text(u.phrase),
                              io::XlsxCell::Number(u.value), io::XlsxCell::Text(u.unit),
                              io::XlsxCell::Text(u.region), io::XlsxCell::FromIsoDate(u.from),
                              io::XlsxCell::FromIsoDate(u.to), io::XlsxCell::Text(u.code),
                              io::XlsxCell::Text(u.query)}));
    std::vector<std::string> text;
    text.push_back(brief.document.title);
    for (const auto& b : brief.document.blocks)
      if (b.kind != io::DocBlock::Kind::kTable) text.push_back(b.text);
    return book.AddInstructionsSheet("简报正文", text);
  });
}

Result<Response> HandleBrief(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(std::string from, QueryDate(r, "from"));
  SL_ASSIGN_OR_RETURN(std::string to, QueryDate(r, "to"));
  std::string format = QueryText(r, "format");
  if (format.empty()) format = "docx";
  if (format != "docx" && format != "html" && format != "xlsx")
    return Error::BadRequest("bad_query", {"format"});
  SL_ASSIGN_OR_RETURN(Brief brief, MakeBrief(db, *r.caller, QueryText(r, "region"), from, to));
  const std::string file = brief.document.title;
  if (format == "html") {
    Response out;
    out.raw_body = io::ToHtml(brief.document);
    out.content_type = "text/html; charset=utf-8";
    return out;
  }
  if (format == "xlsx") {
    SL_ASSIGN_OR_RETURN(std::string bytes, BriefXlsx(brief));
    return Download(std::move(bytes),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    file + ".xlsx", "brief.xlsx");
  }
  return Download(io::ToDocx(brief.document),
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  file + ".docx", "brief.docx");
}

Result<Response> HandleTemplatesList(db::Database& db, const Request& r) {
  (void)r;
  return http::Read(db, [&](db::Tx& tx) -> Result<Json> {
    Json out = Json::array();
    SL_TRY(
        tx.ForEach("SELECT section, kind, position, heading, body, updated_at, version FROM "
                   "brief_template ORDER BY kind DESC, position, section",
                   {}, [&](const db::Row& row) -> Status {
                     out.push_back({{"section", row.Str(0)},
                                    {"kind", row.Str(1)},
                                    {"position", row.Int(2)},
                                    {"heading", row.Str(3)},
                                    {"body", row.Str(4)},
                                    {"updated_at", row.Str(5)},
                                    {"version", row.Int(6)}});
                     return OkStatus();
                   }));
    return Json{{"items", std::move(out)}};
  });
}

Result<Response> HandleTemplateUpdate(db::Database& db, const Request& r) {
  const auto param = r.params.find("section");
  const std::string section = param == r.params.end() ? "" : param->second;
  SL_ASSIGN_OR_RETURN(const Json body, ParseJsonObject(r.body));
  std::map<std::string, Text> errors;
  std::optional<std::string> heading, text;
  if (auto h = body.find("heading"); h != body.end()) {
    if (!h->is_string() || h->get<std::string>().size() > 200)
      errors["heading"] = Text{"field_too_long", {"200"}};
    else
      heading = h->get<std::string>();
  }
  if (auto b = body.find("body"); b != body.end()) {
    if (!b->is_string() || b->get<std::string>().size() > 20000) {
      errors["body"] = Text{"field_too_long", {"20000"}};
    } else {
      text = b->get<std::string>();
      if (const std::string bad = CheckTemplate(*text); !bad.empty())
        errors["body"] = Text{bad, {}};
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return http::Write(db, 200, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT heading, body, version FROM brief_template "
                                              "WHERE section = ?",
                                              {section}));
    if (!row) return Error::NotFound("brief_template_not_found");
    if (auto v = body.find("version");
        v != body.end() && v->is_number_integer() && v->get<int64_t>() != row->Int(2))
      return Error::Conflict("version_conflict");
    const Json before = {{"heading", row->Str(0)}, {"body", row->Str(1)}};
    const Json after = {{"heading", heading.value_or(row->Str(0))},
                        {"body", text.value_or(row->Str(1))}};
    SL_TRY(
        tx.Exec("UPDATE brief_template SET heading = ?, body = ?, updated_at = ?, version = "
                "version + 1 WHERE section = ?",
                {after["heading"].get<std::string>(), after["body"].get<std::string>(), NowUtc(),
                 section}));
    SL_TRY(audit::Record(tx, audit::ActorOf(*r.caller), "brief_template", 0, "update", before,
                         after, ""));
    Json out = after;
    out["section"] = section;
    out["version"] = row->Int(2) + 1;
    return out;
  });
}

}  // namespace sl::figures
