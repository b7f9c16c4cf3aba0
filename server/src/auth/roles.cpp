#include "auth/roles.hpp"

namespace sl::auth {

const std::vector<RoleDef>& Roles() {
  static const std::vector<RoleDef> kRoles = {
      {"admin",
       {kRegionsRead,         kRegionsWrite,         kUsersAdmin,           kAuditRead,
        "people.read",        "people.write",        "people.manage",       "people.sensitive",
        "organizations.read", "organizations.write", "enterprises.read",    "enterprises.write",
        "memberships.read",   "memberships.write",   "stats.read",          "pairing.read",
        "pairing.write",      "rules.write",         "contacts.read",       "contacts.write",
        "contacts.manage",    "compliance.read",     "projects.read",       "projects.write",
        "events.read",        "events.write",        "events.manage",       "events.kinds",
        "groups.write",       "projects.manage",     "indicators.write",    "land.read",
        "land.write",         "income.read",         "income.write",        "requests.read",
        "requests.write",     "requests.manage",     "requests.categories", "holidays.write",
        "briefs.read",        "briefs.manage"}},
      // The county reads and compares, and sets the county's rules; personal
      // data stays masked (people.sensitive is the town office's).
      {"county_org",
       {kRegionsRead, kAuditRead, "people.read", "organizations.read", "enterprises.read",
        "memberships.read", "stats.read", "pairing.read", "pairing.write", "rules.write",
        "contacts.read", "compliance.read", "projects.read", "events.read", "land.read",
        "income.read", "requests.read", "requests.oversee", "briefs.read"}},
      {"town_office",
       {kRegionsRead,       kAuditRead,          "people.read",        "people.write",
        "people.manage",    "people.sensitive",  "organizations.read", "organizations.write",
        "enterprises.read", "enterprises.write", "memberships.read",   "memberships.write",
        "stats.read",       "pairing.read",      "pairing.write",      "rules.write",
        "contacts.read",    "contacts.write",    "contacts.manage",    "compliance.read",
        "projects.read",    "projects.write",    "events.read",        "events.write",
        "events.manage",    "groups.write",      "projects.manage",    "land.read",
        "land.write",       "income.read",       "income.write",       "requests.read",
        "requests.write",   "requests.manage",   "briefs.read"}},
      {"village_secretary",
       {kRegionsRead,       "people.read",  "people.write",  "people.manage",  "organizations.read",
        "enterprises.read", "pairing.read", "contacts.read", "contacts.write", "compliance.read",
        "events.read",      "events.write", "events.manage", "groups.write",   "projects.read",
        "land.read",        "land.write",   "income.read",   "income.write",   "requests.read",
        "requests.write"}},
      // The chamber keeps its members and their enterprises: it adds people
      // and changes its members' details (people.write without
      // people.manage); everyone else it only reads, without personal data.
      {"chamber_secretary",
       {kRegionsRead, "people.read", "people.write", "organizations.read", "enterprises.read",
        "enterprises.write", "memberships.read", "memberships.write", "stats.read", "projects.read",
        "projects.write", "events.read", "events.write", "requests.read", "requests.members",
        "requests.write"}},
      // A town leader (a user linked to their person): reads the town, logs
      // contacts, and acts on what is paired to them (pairing access).
      {"leader",
       {kRegionsRead, "people.read", "organizations.read", "enterprises.read", "memberships.read",
        "stats.read", "pairing.read", "contacts.read", "contacts.write", "compliance.read",
        "projects.read", "events.read", "land.read", "income.read", "requests.read",
        "requests.write"}},
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
