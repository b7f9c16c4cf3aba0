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

Result<std::vector<User>> SelectUsers(db::Tx& tx, const std::string& rest,
                                      const db::Params& params) {
  SL_ASSIGN_OR_RETURN(auto rows,
                      tx.Query(std::string("SELECT ") + kUserColumns + kUserFrom + rest, params));
  std::vector<User> users;
  for (const auto& r : rows) {
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
    users.push_back(std::move(u));
  }
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
