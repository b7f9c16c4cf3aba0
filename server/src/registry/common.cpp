#include "registry/common.hpp"

#include "core/date.hpp"
#include "core/json.hpp"
#include "core/time.hpp"
#include "db/scope.hpp"
#include "regions/regions.hpp"
#include "text/text.hpp"

namespace sl::registry::internal {

Result<std::optional<RegionRef>> RegionForWrite(db::Tx& tx, const Caller& caller,
                                                const std::string& code, const char* field,
                                                Fields& errors) {
  SL_ASSIGN_OR_RETURN(auto region, regions::FindByCode(tx, code));
  if (!region) {
    errors.emplace(field, Text{"field_region_unknown", {}});
    return std::optional<RegionRef>();
  }
  if (!caller.capture.Contains(region->path)) {
    errors.emplace(field, Text{"out_of_scope", {}});
    return std::optional<RegionRef>();
  }
  return std::optional<RegionRef>(RegionRef{region->id, region->code, region->name, region->path});
}

Status CheckCapture(const Caller& caller, const std::string& path) {
  if (!caller.capture.Contains(path)) return Error::Forbidden("out_of_scope");
  return OkStatus();
}

void CheckDate(std::optional<std::string>& value, const char* field, Fields& errors,
               bool required) {
  if (!value || value->empty()) {
    if (required) errors.emplace(field, Text{"field_required", {}});
    return;
  }
  auto parsed = ParseDate(*value);
  if (!parsed) {
    errors.emplace(field, Text{"field_date", {}});
    return;
  }
  *value = *parsed;
}

void CheckChoice(std::optional<std::string>& value, const std::vector<Choice>& choices,
                 const char* field, Fields& errors, bool required) {
  if (!value || value->empty()) {
    if (required) errors.emplace(field, Text{"field_required", {}});
    return;
  }
  std::string v = *value;
  v.erase(0, v.find_first_not_of(" \t\r\n"));
  v.erase(v.find_last_not_of(" \t\r\n") + 1);
  auto id = ChoiceId(choices, v);
  if (!id) id = ChoiceId(choices, text::Fold(v));  // FULL, 正式黨員
  if (!id) {
    std::string allowed;
    for (const auto& c : choices) allowed += (allowed.empty() ? "" : "、") + std::string(c.zh_cn);
    errors.emplace(field, Text{"field_choice", {allowed}});
    return;
  }
  *value = *id;
}

void CheckText(std::optional<std::string>& value, const char* field, Fields& errors, size_t max,
               bool required) {
  if (value) {
    auto& s = *value;
    s.erase(0, s.find_first_not_of(" \t\r\n"));
    s.erase(s.find_last_not_of(" \t\r\n") + 1);
  }
  if (!value || value->empty()) {
    if (required) errors.emplace(field, Text{"field_required", {}});
    return;
  }
  if (Utf8Length(*value) > max)
    errors.emplace(field, Text{"field_too_long", {std::to_string(max)}});
}

void Where::And(const std::string& condition, db::Params p) {
  sql += " AND " + condition;
  params.insert(params.end(), p.begin(), p.end());
}

void Where::ScopeOrPaired(const sl::Scope& view, const std::string& path_column,
                          const std::string& id_column, const char* kind) {
  sql += " AND " + db::PairedCondition(view, path_column, id_column, kind, TodayInChina(), params);
}

void Where::Scope(const sl::Scope& view, const std::string& path_column) {
  sql += " AND " + db::ScopeCondition(view, path_column, params);
}

Status Where::UnderRegion(db::Tx& tx, const std::string& code, const std::string& path_column) {
  SL_ASSIGN_OR_RETURN(auto region, regions::FindByCode(tx, code));
  if (!region) return Error::BadRequest("bad_query", {"region"});
  Scope(sl::Scope::Subtree(region->path), path_column);
  return OkStatus();
}

void Where::Search(const std::string& q, SearchKind kind, const std::string& alias) {
  std::string condition = SearchCondition(q, kind, alias + ".id", alias + ".search_text", params);
  if (!condition.empty()) sql += " AND " + condition;
}

Result<std::pair<std::vector<db::Row>, int64_t>> PageRows(db::Tx& tx, const std::string& columns,
                                                          const std::string& from,
                                                          const Where& where,
                                                          const std::string& order,
                                                          const Page& page) {
  SL_ASSIGN_OR_RETURN(
      auto count,
      tx.QueryOne("SELECT COUNT(*) FROM " + from + " WHERE " + where.sql, where.params));
  db::Params params = where.params;
  params.emplace_back(page.size);
  params.emplace_back(page.offset());
  SL_ASSIGN_OR_RETURN(auto rows,
                      tx.Query("SELECT " + columns + " FROM " + from + " WHERE " + where.sql +
                                   " ORDER BY " + order + " LIMIT ? OFFSET ?",
                               params));
  return std::pair{std::move(rows), count ? count->Int(0) : 0};
}

std::string Now() { return NowUtc(); }

std::optional<std::string> OptStr(const db::Row& r, size_t i) { return r.OptStr(i); }

db::Value OrNull(const std::optional<std::string>& s) {
  return s && !s->empty() ? db::Value(*s) : db::Value();
}

Result<int64_t> PathId(const Request& request, const char* what) {
  auto id = ParseInt(request.params.at("id"));
  if (!id || *id <= 0) return Error::NotFound(what);
  return *id;
}

}  // namespace sl::registry::internal
