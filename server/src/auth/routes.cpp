// Handlers of /api/v1/session, /api/v1/users and /api/v1/roles.

#include "auth/roles.hpp"
#include "auth/users.hpp"

namespace sl::auth {

namespace {

std::string Cookie(const Context& ctx, const std::string& value, int64_t max_age) {
  std::string c = std::string(kSessionCookie) + "=" + value +
                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (ctx.secure_cookies) c += "; Secure";
  return c;
}

Result<int64_t> IdParam(const Request& request) {
  auto id = ParseInt(request.params.at("id"));
  if (!id || *id <= 0) return Error::NotFound("user_not_found");
  return *id;
}

}  // namespace

Result<Response> HandleLogin(Context& ctx, const Request& request) {
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
  FieldReader in(body);
  auto username = in.Str("username", true, 64);
  auto password = in.Str("password", true, 1024);
  SL_TRY(in.Finish());
  SL_ASSIGN_OR_RETURN(LoginResult login, Login(ctx.db, ctx.throttle, ctx.policy, *username,
                                               *password, request.address));
  Response r = Response::Ok({{"user", ToJson(login.user)}});
  r.headers.emplace_back("Set-Cookie", Cookie(ctx, login.token, ctx.policy.absolute.count()));
  return r;
}

Result<Response> HandleSessionGet(Context& ctx, const Request& request) {
  SL_ASSIGN_OR_RETURN(auto tx, ctx.db.Begin(db::Mode::kRead));
  SL_ASSIGN_OR_RETURN(auto user, FindUserById(*tx, request.caller->user_id));
  if (!user) return Error::Unauthenticated("unauthenticated");
  return Response::Ok({{"user", ToJson(*user)}});
}

Result<Response> HandleOwnPassword(Context& ctx, const Request& request) {
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
  FieldReader in(body);
  auto old_password = in.Str("old_password", true, 1024);
  auto password = in.Str("password", true, 1024);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  SL_TRY(
      ChangeOwnPassword(ctx.db, *request.caller, *old_password, *password, request.session_token));
  return Response::NoContent();
}

Result<Response> HandleLogout(Context& ctx, const Request& request) {
  SL_TRY(Logout(ctx.db, request.session_token));
  Response r = Response::NoContent();
  r.headers.emplace_back("Set-Cookie", Cookie(ctx, "", 0));
  return r;
}

Result<Response> HandleRoles(Context&, const Request&) {
  Json items = Json::array();
  for (const auto& role : Roles()) {
    Json perms = Json::array();
    for (auto p : role.permissions) perms.push_back(p);
    items.push_back({{"role", role.name}, {"permissions", std::move(perms)}});
  }
  return Response::Ok({{"items", std::move(items)}});
}

Result<Response> HandleUserList(Context& ctx, const Request& request) {
  SL_ASSIGN_OR_RETURN(Page page, ParsePage(request));
  const std::string q = request.Query("q").value_or("");
  if (q.size() > 100) return Error::BadRequest("bad_query", {"q"});
  SL_ASSIGN_OR_RETURN(auto tx, ctx.db.Begin(db::Mode::kRead));
  SL_ASSIGN_OR_RETURN(Json out, ListUsers(*tx, request.caller->view, q, page));
  return Response::Ok(std::move(out));
}

Result<Response> HandleUserCreate(Context& ctx, const Request& request) {
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
  FieldReader in(body);
  NewUser u;
  u.username = in.Str("username", true, 64).value_or("");
  u.password = in.Str("password", true, 1024).value_or("");
  u.roles = in.StrList("roles", true).value_or(std::vector<std::string>{});
  u.display_name = in.Str("display_name", false, 100).value_or("");
  u.view_region = in.Str("view_region", false, 20);
  u.capture_region = in.Str("capture_region", false, 20);
  u.all_regions = in.Bool("all_regions", false).value_or(false);
  u.person_id = in.Int("person", false).value_or(0);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  SL_ASSIGN_OR_RETURN(User created, CreateUser(ctx.db, *request.caller, std::move(u)));
  return Response::Created(ToJson(created));
}

Result<Response> HandleUserGet(Context& ctx, const Request& request) {
  SL_ASSIGN_OR_RETURN(int64_t id, IdParam(request));
  SL_ASSIGN_OR_RETURN(auto tx, ctx.db.Begin(db::Mode::kRead));
  SL_ASSIGN_OR_RETURN(User u, GetUser(*tx, request.caller->view, id));
  Json out = ToJson(u);
  SL_ASSIGN_OR_RETURN(out["failed_logins"],
                      RecentFailures(*tx, ctx.throttle, u.username, UnixNow()));
  return Response::Ok(std::move(out));
}

Result<Response> HandleLogins(Context& ctx, const Request& request) {
  AttemptFilter f;
  f.username = QueryText(request, "user");
  f.address = QueryText(request, "address");
  const std::string ok = QueryText(request, "ok");
  if (ok == "true" || ok == "false")
    f.ok = ok == "true";
  else if (!ok.empty())
    return Error::BadRequest("bad_query", {"ok"});
  SL_ASSIGN_OR_RETURN(f.from, QueryDate(request, "from"));
  SL_ASSIGN_OR_RETURN(f.to, QueryDate(request, "to"));
  SL_ASSIGN_OR_RETURN(Page page, ParsePage(request));
  SL_ASSIGN_OR_RETURN(auto tx, ctx.db.Begin(db::Mode::kRead));
  SL_ASSIGN_OR_RETURN(Json out, ListAttempts(*tx, f, page));
  return Response::Ok(std::move(out));
}

Result<Response> HandleUserUnlock(Context& ctx, const Request& request) {
  SL_ASSIGN_OR_RETURN(int64_t id, IdParam(request));
  SL_ASSIGN_OR_RETURN(User u, UnlockUser(ctx.db, *request.caller, id));
  Json out = ToJson(u);
  out["failed_logins"] = 0;
  return Response::Ok(std::move(out));
}

Result<Response> HandleUserUpdate(Context& ctx, const Request& request) {
  SL_ASSIGN_OR_RETURN(int64_t id, IdParam(request));
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
  FieldReader in(body);
  UserChange ch;
  ch.display_name = in.Str("display_name", false, 100);
  ch.password = in.Str("password", false, 1024);
  ch.roles = in.StrList("roles", false);
  ch.view_region = in.NullableStr("view_region", 20);
  ch.capture_region = in.NullableStr("capture_region", 20);
  ch.all_regions = in.Bool("all_regions", false);
  ch.disabled = in.Bool("disabled", false);
  ch.version = in.Int("version", false);
  in.RejectUnknown();
  SL_TRY(in.Finish());
  SL_ASSIGN_OR_RETURN(User updated, UpdateUser(ctx.db, *request.caller, id, std::move(ch)));
  return Response::Ok(ToJson(updated));
}

}  // namespace sl::auth
