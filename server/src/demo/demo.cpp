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
      {"zhenzhang", "leader", "431127103", "楠市镇镇长",
       "the town's mayor, a leader with entrepreneurs paired to him, 431127103"},
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
  auto add_user = [&](const Persona& p, int64_t person) -> Status {
    auth::NewUser u;
    u.username = p.username;
    u.password = kPassword;
    u.roles = {p.role};
    u.display_name = p.display_name;
    u.all_regions = std::string_view(p.region).empty();
    if (!u.all_regions) u.view_region = u.capture_region = std::string(p.region);
    u.demo_password = true;
    u.person_id = person;
    auto created = auth::CreateUser(db, creator, std::move(u));
    if (!created.ok()) return std::move(created).error();
    return OkStatus();
  };
  for (const auto& p : Personas())
    if (std::string_view(p.role) != "leader") SL_TRY(add_user(p, 0));
  TownCast nanshi;
  {
    SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
    SL_ASSIGN_OR_RETURN(nanshi, CreateNanshiRegistry(*tx, creator));
    SL_ASSIGN_OR_RETURN(TownCast suocheng, CreateSuochengRegistry(*tx, creator));
    SL_TRY(CreateCountyCadres(*tx, creator));
    SL_TRY(CreatePairingDemo(*tx, creator, nanshi, suocheng));
    SL_TRY(CreateEventsDemo(*tx, creator, nanshi));
    SL_TRY(CreateRequestsDemo(*tx, creator, nanshi, suocheng));
    SL_TRY(tx->Commit());
  }
  // The leader persona is the town's mayor (党委副书记、镇长), a person on file.
  for (const auto& p : Personas())
    if (std::string_view(p.role) == "leader") SL_TRY(add_user(p, nanshi.leaders.at(1)));
  return OkStatus();
}

}  // namespace sl::demo
