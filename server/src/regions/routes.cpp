// Handlers of /api/v1/regions: parse, call the store, serialize.

#include "regions/regions.hpp"

namespace sl::regions {

namespace {
Json WithAncestors(const Region& r, const std::vector<Region>& ancestors) {
  Json j = ToJson(r);
  Json list = Json::array();
  for (const auto& a : ancestors)
    list.push_back({{"code", a.code}, {"name", a.name}, {"level", a.level}});
  j["ancestors"] = std::move(list);
  return j;
}
}  // namespace

Result<Response> HandleList(db::Database& db, const Request& request) {
  const Scope& view = request.caller->view;
  auto parent = request.Query("parent");
  auto q = request.Query("q");
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
  Json items = Json::array();
  if (parent) {
    if (LevelOfCode(*parent).empty()) return Error::BadRequest("bad_query", {"parent"});
    // Children of a region outside the view scope are not shown, but the
    // parent itself may be an ancestor of the scope (the tree's way down).
    SL_ASSIGN_OR_RETURN(auto children, Children(*tx, view, *parent));
    for (const auto& r : children) items.push_back(ToJson(r));
    const auto total = static_cast<int64_t>(items.size());
    return Response::Ok({{"items", std::move(items)}, {"total", total}});
  }
  if (q) {
    if (q->size() > 200) return Error::BadRequest("bad_query", {"q"});
    SL_ASSIGN_OR_RETURN(Page page, ParsePage(request));
    SL_ASSIGN_OR_RETURN(auto found, Search(*tx, view, *q, page));
    for (const auto& r : found.first) {
      SL_ASSIGN_OR_RETURN(auto ancestors, Ancestors(*tx, r));
      items.push_back(WithAncestors(r, ancestors));
    }
    return Response::Ok({{"items", std::move(items)}, {"total", found.second}});
  }
  SL_ASSIGN_OR_RETURN(auto roots, Roots(*tx, view));
  for (const auto& r : roots) {
    SL_ASSIGN_OR_RETURN(auto ancestors, Ancestors(*tx, r));
    items.push_back(WithAncestors(r, ancestors));
  }
  const auto total = static_cast<int64_t>(items.size());
  return Response::Ok({{"items", std::move(items)}, {"total", total}});
}

Result<Response> HandleGet(db::Database& db, const Request& request) {
  const std::string& code = request.params.at("code");
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
  SL_ASSIGN_OR_RETURN(Region r, Get(*tx, request.caller->view, code));
  SL_ASSIGN_OR_RETURN(auto ancestors, Ancestors(*tx, r));
  return Response::Ok(WithAncestors(r, ancestors));
}

}  // namespace sl::regions
