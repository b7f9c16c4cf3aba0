#include "demo/demo.hpp"

#include "auth/roles.hpp"
#include "auth/users.hpp"
#include "regions/import.hpp"

namespace sl::demo {

const std::vector<Persona>& Personas() {
  static const std::vector<Persona> kPersonas = {
      {"admin", "admin", "", "系统管理员", "administrator, everything"},
      {"lanshan", "county_org", "431127", "蓝山县委组织部",
       "county organization department, 蓝山县 431127"},
      {"nanshi", "town_office", "431127103", "楠市镇党政办", "town office, 楠市镇 431127103"},
      {"pengjia", "village_secretary", "431127103224", "朋佳村党支部书记",
       "朋佳村 secretary, 431127103224"},
      {"chamber", "chamber_secretary", "431127103", "楠市镇商会秘书",
       "the town chamber's secretary, 431127103"},
  };
  return kPersonas;
}

Status Create(db::Database& db, const std::string& data_dir) {
  const audit::Actor system = audit::System("demo");
  regions::ImportOptions options;
  options.under = "431127";
  SL_TRY(regions::ImportFolder(db, data_dir + "/regions", options, system));

  Caller creator;
  creator.username = "demo";
  creator.permissions = auth::AllPermissions();
  creator.view = creator.capture = Scope::Everything();
  for (const auto& p : Personas()) {
    auth::NewUser u;
    u.username = p.username;
    u.password = kPassword;
    u.roles = {p.role};
    u.display_name = p.display_name;
    u.all_regions = std::string_view(p.region).empty();
    if (!u.all_regions) u.view_region = u.capture_region = std::string(p.region);
    u.demo_password = true;
    SL_TRY(auth::CreateUser(db, creator, std::move(u)));
  }
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  SL_TRY(CreateNanshiRegistry(*tx, creator));
  return tx->Commit();
}

}  // namespace sl::demo
