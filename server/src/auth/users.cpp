#include "auth/users.hpp"

#include <algorithm>

#include "auth/password.hpp"
#include "auth/roles.hpp"
#include "core/crypto.hpp"
#include "core/time.hpp"
#include "regions/regions.hpp"

namespace sl::auth {

namespace {

Json RegionJson(const std::optional<RegionRef>& r) {
  if (!r) return Json();
  return Json{{"code", r->code}, {"name", r->name}};
}

// Audit snapshots never carry the password hash.
Json AuditJson(const User& u) { return ToJson(u); }

// Resolves a region code given in a form; a field message when unknown.
Result<std::optional<RegionRef>> ResolveRegion(db::Tx& tx, const std::optional<std::string>& code,
                                               const char* field,
                                               std::map<std::string, Text>& errors) {
  if (!code || code->empty()) return std::optional<RegionRef>();
  SL_ASSIGN_OR_RETURN(auto region, regions::FindByCode(tx, *code));
  if (!region) {
    errors.emplace(field, Text{"field_region_unknown", {}});
    return std::optional<RegionRef>();
  }
  return std::optional<RegionRef>(RegionRef{region->id, region->code, region->name, region->path});
}

Scope ScopeOf(bool all, const std::optional<RegionRef>& region) {
  if (all) return Scope::Everything();
  if (region) return Scope::Subtree(region->path);
  return Scope::Nothing();
}

void CheckRoles(const std::vector<std::string>& roles, std::map<std::string, Text>& errors) {
  if (roles.empty()) errors.emplace("roles", Text{"field_required", {}});
  for (const auto& r : roles)
    if (!KnownRole(r)) {
      errors.emplace("roles", Text{"role_unknown", {r}});
      break;
    }
}

Status WriteRoles(db::Tx& tx, int64_t user_id, std::vector<std::string> roles) {
  std::sort(roles.begin(), roles.end());
  roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
  SL_TRY(tx.Exec("DELETE FROM user_role WHERE user_id = ?", {user_id}));
  for (const auto& r : roles)
    SL_TRY(tx.Exec("INSERT INTO user_role (user_id, role) VALUES (?, ?)", {user_id, r}));
  return OkStatus();
}

db::Value RegionParam(const std::optional<RegionRef>& r) {
  return r ? db::Value(r->id) : db::Value();
}

}  // namespace

Json ToJson(const User& u) {
  Json perms = Json::array();
  for (const auto& p : PermissionsOf(u.roles)) perms.push_back(p);
  return Json{{"id", u.id},
              {"username", u.username},
              {"display_name", u.display_name},
              {"roles", u.roles},
              {"permissions", std::move(perms)},
              {"view_region", RegionJson(u.view_region)},
              {"capture_region", RegionJson(u.capture_region)},
              {"all_regions", u.all_regions},
              {"disabled", u.disabled},
              {"demo_password", u.demo_password},
              {"person_id", u.person_id ? Json(u.person_id) : Json()},
              {"created_at", u.created_at},
              {"updated_at", u.updated_at},
              {"version", u.version}};
}

Caller CallerOf(const User& u) {
  Caller c;
  c.user_id = u.id;
  c.username = u.username;
  c.roles = u.roles;
  c.permissions = PermissionsOf(u.roles);
  c.view = ScopeOf(u.all_regions, u.view_region);
  c.capture = ScopeOf(u.all_regions, u.capture_region);
  c.person_id = u.person_id;
  c.view.paired_to = u.person_id;
  return c;
}

std::string RegionPathOf(const User& u) { return u.view_region ? u.view_region->path : ""; }

std::optional<Text> CheckUsername(std::string_view username) {
  if (username.size() < 3 || username.size() > 32) return Text{"username_format", {}};
  for (char c : username)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'))
      return Text{"username_format", {}};
  return std::nullopt;
}

std::optional<Text> CheckPassword(std::string_view password, std::string_view username, bool demo) {
  if (password.size() > 1024) return Text{"field_too_long", {"1024"}};
  if (demo && password == kDemoPassword) return std::nullopt;
  if (Utf8Length(password) < 10) return Text{"password_weak", {}};
  std::string lower(password);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (lower == username) return Text{"password_username", {}};
  // The passwords tried first by anyone guessing (and the demo's).
  static constexpr std::string_view kCommon[] = {
      "1234567890",   "12345678910",   "0123456789",  "1111111111",  "0000000000", "1234512345",
      "1234567890a",  "a123456789",    "qwertyuiop",  "qwerty1234",  "password12", "password123",
      "passw0rd123",  "abcd123456",    "abc1234567",  "iloveyou12",  "woaini1314", "woaini520",
      "5201314520",   "1314520520",    "admin12345",  "admin123456", "shuanglun",  "shuanglun1",
      "shuanglun123", "shuanglun2026", "88888888888", "6666666666",  "9876543210", "1qaz2wsx3edc",
      "zxcvbnm123",   "asdfghjkl1"};
  for (std::string_view common : kCommon)
    if (lower == common) return Text{"password_common", {}};
  if (lower.find("shuanglun") != std::string::npos) return Text{"password_common", {}};
  return std::nullopt;
}

Result<User> CreateUser(db::Database& db, const Caller& creator, NewUser in) {
  std::map<std::string, Text> errors;
  if (auto m = CheckUsername(in.username)) errors.emplace("username", *m);
  if (auto m = CheckPassword(in.password, in.username, in.demo_password))
    errors.emplace("password", *m);
  CheckRoles(in.roles, errors);
  if (Utf8Length(in.display_name) > 100)
    errors.emplace("display_name", Text{"field_too_long", {"100"}});

  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  // Without regions of its own, a new user gets the creator's (unless the
  // creator sees everything: then the new user sees nothing until given one).
  if (!in.view_region && !in.capture_region && !in.all_regions && !creator.view.all &&
      creator.view.paths.size() == 1) {
    const std::string& path = creator.view.paths.front();
    std::string code = path.substr(0, path.size() - 1);
    code = code.substr(code.rfind('/') == std::string::npos ? 0 : code.rfind('/') + 1);
    in.view_region = code;
    if (creator.capture.Covers(creator.view)) in.capture_region = code;
  }
  SL_ASSIGN_OR_RETURN(auto view, ResolveRegion(*tx, in.view_region, "view_region", errors));
  SL_ASSIGN_OR_RETURN(auto capture,
                      ResolveRegion(*tx, in.capture_region, "capture_region", errors));
  // Nobody grants more than they may change themselves.
  if (in.all_regions && !creator.capture.all)
    errors.emplace("all_regions", Text{"out_of_scope", {}});
  if (view && !creator.capture.Contains(view->path))
    errors.emplace("view_region", Text{"out_of_scope", {}});
  if (capture && !creator.capture.Contains(capture->path))
    errors.emplace("capture_region", Text{"out_of_scope", {}});
  if (in.person_id) {
    // The person must be on file and inside what the creator may change.
    SL_ASSIGN_OR_RETURN(auto person,
                        tx->QueryOne("SELECT region_path FROM person WHERE id = ? AND deleted_at "
                                     "IS NULL",
                                     {in.person_id}));
    if (!person) {
      errors.emplace("person", Text{"person_not_found", {}});
    } else if (!creator.capture.Contains(person->Str(0))) {
      errors.emplace("person", Text{"out_of_scope", {}});
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));

  SL_ASSIGN_OR_RETURN(auto taken, FindUserByName(*tx, in.username));
  if (taken) return Error::Conflict("username_taken");

  const std::string now = NowUtc();
  const db::Value view_param = RegionParam(view), capture_param = RegionParam(capture);
  SL_ASSIGN_OR_RETURN(
      int64_t id,
      tx->InsertId("INSERT INTO app_user (username, display_name, password_hash, "
                   "view_region_id, capture_region_id, all_regions, disabled, demo_password, "
                   "person_id, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, 0, ?, "
                   "?, ?, ?, 1) RETURNING id",
                   {in.username, in.display_name, HashPassword(in.password), view_param,
                    capture_param, int64_t{in.all_regions}, int64_t{in.demo_password},
                    in.person_id ? db::Value(in.person_id) : db::Value(), now, now}));
  SL_TRY(WriteRoles(*tx, id, in.roles));
  SL_ASSIGN_OR_RETURN(auto created, FindUserById(*tx, id));
  SL_TRY(audit::Record(*tx, audit::ActorOf(creator), "user", id, "create", Json(),
                       AuditJson(*created), RegionPathOf(*created)));
  SL_TRY(tx->Commit());
  return std::move(*created);
}

Result<User> UnlockUser(db::Database& db, const Caller& admin, int64_t id) {
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  SL_ASSIGN_OR_RETURN(User u, GetUser(*tx, admin.view, id));
  SL_ASSIGN_OR_RETURN(int64_t forgiven, ClearFailures(*tx, u.username));
  SL_TRY(audit::Record(*tx, audit::ActorOf(admin), "user", u.id, "unlock", Json(),
                       Json{{"failed_logins_cleared", forgiven}}, RegionPathOf(u)));
  SL_TRY(tx->Commit());
  return u;
}

Result<User> UpdateUser(db::Database& db, const Caller& editor, int64_t id, UserChange ch) {
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  SL_ASSIGN_OR_RETURN(User before, GetUser(*tx, editor.view, id));
  if (!editor.capture.Contains(RegionPathOf(before)) && !editor.capture.all)
    return Error::Forbidden("out_of_scope");
  if (ch.version && *ch.version != before.version) return Error::Conflict("version_conflict");

  std::map<std::string, Text> errors;
  if (ch.password)
    if (auto m = CheckPassword(*ch.password, before.username)) errors.emplace("password", *m);
  if (ch.roles) CheckRoles(*ch.roles, errors);
  if (ch.display_name && Utf8Length(*ch.display_name) > 100)
    errors.emplace("display_name", Text{"field_too_long", {"100"}});
  if (ch.disabled && *ch.disabled && id == editor.user_id)
    errors.emplace("disabled", Text{"cannot_disable_self", {}});
  std::optional<RegionRef> view = before.view_region, capture = before.capture_region;
  if (ch.view_region) {
    SL_ASSIGN_OR_RETURN(view, ResolveRegion(*tx, ch.view_region, "view_region", errors));
    if (view && !editor.capture.Contains(view->path))
      errors.emplace("view_region", Text{"out_of_scope", {}});
  }
  if (ch.capture_region) {
    SL_ASSIGN_OR_RETURN(capture, ResolveRegion(*tx, ch.capture_region, "capture_region", errors));
    if (capture && !editor.capture.Contains(capture->path))
      errors.emplace("capture_region", Text{"out_of_scope", {}});
  }
  if (ch.all_regions && *ch.all_regions && !editor.capture.all)
    errors.emplace("all_regions", Text{"out_of_scope", {}});
  if (!errors.empty()) return Error::Invalid(std::move(errors));

  const db::Value view_param = RegionParam(view), capture_param = RegionParam(capture);
  const bool new_password = ch.password.has_value();
  SL_TRY(tx->Exec(
      "UPDATE app_user SET display_name = ?, view_region_id = ?, capture_region_id = ?, "
      "all_regions = ?, disabled = ?, password_hash = ?, demo_password = ?, updated_at = ?, "
      "version = version + 1 WHERE id = ?",
      {ch.display_name.value_or(before.display_name), view_param, capture_param,
       int64_t{ch.all_regions.value_or(before.all_regions)},
       int64_t{ch.disabled.value_or(before.disabled)},
       new_password ? HashPassword(*ch.password) : before.password_hash,
       int64_t{new_password ? false : before.demo_password}, NowUtc(), id}));
  if (ch.roles) SL_TRY(WriteRoles(*tx, id, *ch.roles));
  // A disabled user or a new password ends every session of that user.
  if ((ch.disabled && *ch.disabled) || new_password)
    SL_TRY(tx->Exec("DELETE FROM session WHERE user_id = ?", {id}));
  SL_ASSIGN_OR_RETURN(auto after, FindUserById(*tx, id));
  Json before_json = AuditJson(before), after_json = AuditJson(*after);
  if (new_password) after_json["password_changed"] = true;
  SL_TRY(audit::Record(*tx, audit::ActorOf(editor), "user", id, "update", before_json, after_json,
                       RegionPathOf(*after)));
  SL_TRY(tx->Commit());
  return std::move(*after);
}

Status ChangeOwnPassword(db::Database& db, const Caller& caller, const std::string& old_password,
                         const std::string& new_password, const std::string& keep_session) {
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  SL_ASSIGN_OR_RETURN(auto user, FindUserById(*tx, caller.user_id));
  if (!user) return Error::Unauthenticated("unauthenticated");
  std::map<std::string, Text> errors;
  if (!VerifyPassword(user->password_hash, old_password))
    errors.emplace("old_password", Text{"password_old_wrong", {}});
  if (auto m = CheckPassword(new_password, user->username)) errors.emplace("password", *m);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  const std::string now = NowUtc();
  SL_TRY(
      tx->Exec("UPDATE app_user SET password_hash = ?, demo_password = 0, updated_at = ?, "
               "version = version + 1 WHERE id = ?",
               {HashPassword(new_password), now, user->id}));
  // Whoever else holds a session of this account is signed out.
  SL_TRY(tx->Exec("DELETE FROM session WHERE user_id = ? AND token_hash <> ?",
                  {user->id, Sha256Hex(keep_session)}));
  SL_TRY(audit::Record(*tx, audit::ActorOf(caller), "user", user->id, "update",
                       Json{{"password_changed", false}}, Json{{"password_changed", true}},
                       RegionPathOf(*user)));
  return tx->Commit();
}

Status SetPassword(db::Database& db, const std::string& username, const std::string& password,
                   const audit::Actor& actor) {
  if (auto m = CheckPassword(password, username)) return Error::Invalid({{"password", *m}});
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  SL_ASSIGN_OR_RETURN(auto user, FindUserByName(*tx, username));
  if (!user) return Error::NotFound("user_not_found");
  SL_TRY(
      tx->Exec("UPDATE app_user SET password_hash = ?, demo_password = 0, updated_at = ?, "
               "version = version + 1 WHERE id = ?",
               {HashPassword(password), NowUtc(), user->id}));
  SL_TRY(tx->Exec("DELETE FROM session WHERE user_id = ?", {user->id}));
  SL_TRY(audit::Record(*tx, actor, "user", user->id, "update", Json{{"password_changed", false}},
                       Json{{"password_changed", true}}, RegionPathOf(*user)));
  return tx->Commit();
}

Result<std::vector<std::string>> DemoPasswordUsers(db::Database& db) {
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
  SL_ASSIGN_OR_RETURN(auto rows, tx->Query("SELECT username, display_name FROM app_user WHERE "
                                           "demo_password = 1 AND disabled = 0 ORDER BY id"));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Str(0) + "  " + r.Str(1));
  return out;
}

}  // namespace sl::auth
