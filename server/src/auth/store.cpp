// SQL of users and sessions.

#include "auth/users.hpp"
#include "db/scope.hpp"

namespace sl::auth {

namespace {

constexpr const char* kUserColumns =
    "u.id, u.username, u.display_name, u.password_hash, u.all_regions, u.disabled, "
    "u.demo_password, u.created_at, u.updated_at, u.version, "
    "v.id, v.code, v.name, v.path, c.id, c.code, c.name, c.path, u.person_id";
constexpr const char* kUserFrom =
    " FROM app_user u LEFT JOIN region v ON v.id = u.view_region_id "
    "LEFT JOIN region c ON c.id = u.capture_region_id ";

constexpr int kUserColumnCount = 19;

// A user from the kUserColumns of a row (without roles).
User UserOfRow(const db::Row& r) {
  User u;
  u.id = r.Int(0);
  u.username = r.Str(1);
  u.display_name = r.Str(2);
  u.password_hash = r.Str(3);
  u.all_regions = r.Int(4) != 0;
  u.disabled = r.Int(5) != 0;
  u.demo_password = r.Int(6) != 0;
  u.created_at = r.Str(7);
  u.updated_at = r.Str(8);
  u.version = r.Int(9);
  if (!r.IsNull(10)) u.view_region = RegionRef{r.Int(10), r.Str(11), r.Str(12), r.Str(13)};
  if (!r.IsNull(14)) u.capture_region = RegionRef{r.Int(14), r.Str(15), r.Str(16), r.Str(17)};
  u.person_id = r.IsNull(18) ? 0 : r.Int(18);
  return u;
}

Result<std::vector<User>> SelectUsers(db::Tx& tx, const std::string& rest,
                                      const db::Params& params) {
  SL_ASSIGN_OR_RETURN(auto rows,
                      tx.Query(std::string("SELECT ") + kUserColumns + kUserFrom + rest, params));
  std::vector<User> users;
  for (const auto& r : rows) users.push_back(UserOfRow(r));
  // Roles in one query for all users found.
  for (auto& u : users) {
    SL_ASSIGN_OR_RETURN(
        auto roles, tx.Query("SELECT role FROM user_role WHERE user_id = ? ORDER BY role", {u.id}));
    for (const auto& r : roles) u.roles.push_back(r.Str(0));
  }
  return users;
}

// Users visible in `view`: by their view region's path; all-region users and
// users without a region only to callers who see everything.
std::string UserScope(const Scope& view, db::Params& params) {
  if (view.all) return "(1=1)";
  return db::ScopeCondition(view, "v.path", params) + " AND u.all_regions = 0";
}

}  // namespace

Result<std::optional<User>> FindUserByName(db::Tx& tx, std::string_view username) {
  SL_ASSIGN_OR_RETURN(auto users, SelectUsers(tx, "WHERE u.username = ?", {std::string(username)}));
  if (users.empty()) return std::optional<User>();
  return std::optional<User>(std::move(users.front()));
}

Result<std::optional<SessionUser>> FindSessionUser(db::Tx& tx, const std::string& token_hash,
                                                   const std::string& now,
                                                   const std::string& idle_since) {
  // One statement, a row per role: every request asks this first.
  SL_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string("SELECT ") + kUserColumns + ", s.last_seen_at, ur.role" + kUserFrom +
                   "JOIN session s ON s.user_id = u.id "
                   "LEFT JOIN user_role ur ON ur.user_id = u.id "
                   "WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen_at > ? "
                   "ORDER BY ur.role",
               {token_hash, now, idle_since}));
  if (rows.empty()) return std::optional<SessionUser>();
  SessionUser out{UserOfRow(rows.front()), rows.front().Str(kUserColumnCount)};
  for (const auto& r : rows)
    if (!r.IsNull(kUserColumnCount + 1)) out.user.roles.push_back(r.Str(kUserColumnCount + 1));
  return std::optional<SessionUser>(std::move(out));
}

Result<std::optional<User>> FindUserById(db::Tx& tx, int64_t id) {
  SL_ASSIGN_OR_RETURN(auto users, SelectUsers(tx, "WHERE u.id = ?", {id}));
  if (users.empty()) return std::optional<User>();
  return std::optional<User>(std::move(users.front()));
}

Result<User> GetUser(db::Tx& tx, const Scope& view, int64_t id) {
  db::Params params{id};
  const std::string cond = UserScope(view, params);
  SL_ASSIGN_OR_RETURN(auto users, SelectUsers(tx, "WHERE u.id = ? AND " + cond, params));
  if (users.empty()) return Error::NotFound("user_not_found");
  return std::move(users.front());
}

Result<Json> ListUsers(db::Tx& tx, const Scope& view, std::string_view q, const Page& page) {
  db::Params params;
  std::string where = "WHERE " + UserScope(view, params);
  if (!q.empty()) {
    where += " AND (u.username LIKE ? OR u.display_name LIKE ?)";
    const std::string like = "%" + std::string(q) + "%";
    params.emplace_back(like);
    params.emplace_back(like);
  }
  SL_ASSIGN_OR_RETURN(auto count,
                      tx.QueryOne(std::string("SELECT COUNT(*)") + kUserFrom + where, params));
  db::Params page_params = params;
  page_params.emplace_back(page.size);
  page_params.emplace_back(page.offset());
  SL_ASSIGN_OR_RETURN(
      auto users, SelectUsers(tx, where + " ORDER BY u.username LIMIT ? OFFSET ?", page_params));
  Json items = Json::array();
  for (const auto& u : users) items.push_back(ToJson(u));
  return Json{{"items", std::move(items)}, {"total", count ? count->Int(0) : 0}};
}

}  // namespace sl::auth
