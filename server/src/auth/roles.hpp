#pragma once
// Roles and their permissions. Roles are defined in code (they change with the
// features, not per deployment); users hold roles as data.

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sl::auth {

// Permissions, by feature. A handler's route names the one it needs.
inline constexpr const char* kRegionsRead = "regions.read";
inline constexpr const char* kRegionsWrite = "regions.write";
inline constexpr const char* kUsersAdmin = "users.admin";
inline constexpr const char* kAuditRead = "audit.read";

struct RoleDef {
  std::string_view name;
  std::vector<std::string_view> permissions;
};

const std::vector<RoleDef>& Roles();
bool KnownRole(std::string_view role);
// The union of the roles' permissions; unknown roles add nothing.
std::set<std::string> PermissionsOf(const std::vector<std::string>& roles);
// Every permission any role has (for the OpenAPI document and tests).
std::set<std::string> AllPermissions();

}  // namespace sl::auth
