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

namespace {

Result<GroupInput> ReadGroup(const Request& request) {
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
  FieldReader in(body);
  GroupInput g;
  g.name = in.Str("name", false, 40);
  g.retired = in.Bool("retired", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  return g;
}

std::string CodeParam(const Request& request) {
  auto it = request.params.find("code");
  return it == request.params.end() ? std::string() : it->second;
}

}  // namespace

Result<Response> HandleGroupsList(db::Database& db, const Request& request) {
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
  SL_ASSIGN_OR_RETURN(auto groups, ListGroups(*tx, *request.caller, CodeParam(request)));
  Json items = Json::array();
  for (const auto& g : groups) items.push_back(ToJson(g));
  const auto total = static_cast<int64_t>(items.size());
  return Response::Ok({{"items", std::move(items)}, {"total", total}});
}

Result<Response> HandleGroupCreate(db::Database& db, const Request& request) {
  SL_ASSIGN_OR_RETURN(GroupInput in, ReadGroup(request));
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  SL_ASSIGN_OR_RETURN(Region g, CreateGroup(*tx, *request.caller, CodeParam(request), in));
  SL_TRY(tx->Commit());
  return Response::Created(ToJson(g));
}

Result<Response> HandleRegionUpdate(db::Database& db, const Request& request) {
  SL_ASSIGN_OR_RETURN(GroupInput in, ReadGroup(request));
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  SL_ASSIGN_OR_RETURN(Region g, UpdateGroup(*tx, *request.caller, CodeParam(request), in));
  SL_TRY(tx->Commit());
  return Response::Ok(ToJson(g));
}

}  // namespace sl::regions
