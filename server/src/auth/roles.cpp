#include "auth/roles.hpp"

namespace sl::auth {

const std::vector<RoleDef>& Roles() {
  static const std::vector<RoleDef> kRoles = {
      {"admin", {kRegionsRead, kRegionsWrite, kUsersAdmin, kAuditRead}},
      {"county_org", {kRegionsRead, kAuditRead}},
      {"town_office", {kRegionsRead, kAuditRead}},
      {"village_secretary", {kRegionsRead}},
      {"chamber_secretary", {kRegionsRead}},
  };
  return kRoles;
}

bool KnownRole(std::string_view role) {
  for (const auto& r : Roles())
    if (r.name == role) return true;
  return false;
}

std::set<std::string> PermissionsOf(const std::vector<std::string>& roles) {
  std::set<std::string> out;
  for (const auto& name : roles)
    for (const auto& r : Roles())
      if (r.name == name) out.insert(r.permissions.begin(), r.permissions.end());
  return out;
}

std::set<std::string> AllPermissions() {
  std::set<std::string> out;
  for (const auto& r : Roles()) out.insert(r.permissions.begin(), r.permissions.end());
  return out;
}

}  // namespace sl::auth
