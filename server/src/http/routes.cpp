// The one route table: every endpoint is one row, read top to bottom.

#include "audit/audit.hpp"
#include "auth/roles.hpp"
#include "http/app.hpp"
#include "regions/regions.hpp"

namespace sl::http {

std::vector<Route> App::BuildRoutes() {
  using auth::kAuditRead, auth::kRegionsRead, auth::kUsersAdmin;
  auto& db = db_;
  auto& a = auth_;
  auto with_db = [&db](Result<Response> (*f)(db::Database&, const Request&)) {
    return [&db, f](const Request& r) { return f(db, r); };
  };
  auto with_auth = [&a](Result<Response> (*f)(auth::Context&, const Request&)) {
    return [&a, f](const Request& r) { return f(a, r); };
  };
  return {
      {"GET", "/healthz", kPublic, "Liveness and schema version",
       [&db](const Request&) -> Result<Response> {
         SL_ASSIGN_OR_RETURN(int version, db::SchemaVersion(db));
         return Response::Ok({{"status", "ok"}, {"schema_version", version}});
       }},
      {"GET", "/metrics", kPublic, "Prometheus metrics",
       [this](const Request&) -> Result<Response> {
         Response r;
         r.raw_body = metrics_.Render();
         r.content_type = "text/plain; version=0.0.4; charset=utf-8";
         return r;
       }},
      {"GET", "/api/v1/openapi.json", kPublic, "This API's OpenAPI document",
       [this](const Request&) -> Result<Response> { return Response::Ok(OpenApi()); }},

      {"POST", "/api/v1/session", kPublic, "Log in; sets the session cookie",
       with_auth(auth::HandleLogin), 8 << 10},
      {"GET", "/api/v1/session", kSignedIn, "The signed-in user",
       with_auth(auth::HandleSessionGet)},
      {"DELETE", "/api/v1/session", kSignedIn, "Log out", with_auth(auth::HandleLogout)},
      {"GET", "/api/v1/roles", kSignedIn, "Roles and their permissions",
       with_auth(auth::HandleRoles)},

      {"GET",
       "/api/v1/users",
       kUsersAdmin,
       "List users",
       with_auth(auth::HandleUserList),
       1 << 20,
       {"q", "page", "page_size"}},
      {"POST", "/api/v1/users", kUsersAdmin, "Create a user", with_auth(auth::HandleUserCreate),
       64 << 10},
      {"GET", "/api/v1/users/{id}", kUsersAdmin, "One user", with_auth(auth::HandleUserGet)},
      {"PATCH", "/api/v1/users/{id}", kUsersAdmin, "Change a user",
       with_auth(auth::HandleUserUpdate), 64 << 10},

      {"GET",
       "/api/v1/regions",
       kRegionsRead,
       "Roots of the caller's scope, children of a region, or a search",
       with_db(regions::HandleList),
       1 << 20,
       {"parent", "q", "page", "page_size"}},
      {"GET", "/api/v1/regions/{code}", kRegionsRead, "One region with its ancestors",
       with_db(regions::HandleGet)},

      {"GET",
       "/api/v1/audit",
       kAuditRead,
       "Change history of one entity",
       with_db(audit::HandleList),
       1 << 20,
       {"entity", "id", "page", "page_size"}},
  };
}

Json App::OpenApi() const {
  Json paths = Json::object();
  for (const auto& r : routes_) {
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(c));
    Json op = {
        {"summary", r.summary},
        {"responses",
         {{"200", {{"description", "OK"}}},
          {"default",
           {{"description", "Error"},
            {"content",
             {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}}}};
    Json params = Json::array();
    for (size_t p = r.path.find('{'); p != std::string::npos; p = r.path.find('{', p + 1)) {
      const std::string name = r.path.substr(p + 1, r.path.find('}', p) - p - 1);
      params.push_back(
          {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    }
    for (const auto& q : r.query)
      params.push_back(
          {{"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
    if (!params.empty()) op["parameters"] = params;
    if (r.permission == kPublic) {
      op["security"] = Json::array();
    } else {
      op["x-permission"] = r.permission;
    }
    if (r.method != "GET")
      op["requestBody"] = {{"content", {{"application/json", Json::object()}}}};
    paths[r.path][method] = std::move(op);
  }
  return Json{
      {"openapi", "3.0.3"},
      {"info", {{"title", "Shuanglun API"}, {"version", "1"}}},
      {"paths", std::move(paths)},
      {"components",
       {{"securitySchemes",
         {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", auth::kSessionCookie}}}}},
        {"schemas",
         {{"Error",
           {{"type", "object"},
            {"properties",
             {{"error",
               {{"type", "object"},
                {"properties",
                 {{"code", {{"type", "string"}}},
                  {"message", {{"type", "string"}}},
                  {"fields",
                   {{"type", "object"},
                    {"additionalProperties", {{"type", "string"}}}}}}}}}}}}}}}}},
      {"security", Json::array({Json{{"session", Json::array()}}})}};
}

}  // namespace sl::http
