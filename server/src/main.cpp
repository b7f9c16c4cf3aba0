// The command line: wires the parts together, nothing else.

#include <unistd.h>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <string>

#include "assign/plan.hpp"
#include "audit/audit.hpp"
#include "auth/roles.hpp"
#include "auth/users.hpp"
#include "core/messages.hpp"
#include "db/db.hpp"
#include "demo/demo.hpp"
#include "http/app.hpp"
#include "http/server.hpp"
#include "pairing/pairing.hpp"
#include "regions/import.hpp"
#include "registry/registry.hpp"
#include "registry/spreadsheet.hpp"
#include "text/text.hpp"

namespace {

using sl::Result;
using sl::Status;

int Fail(const sl::Error& e) {
  std::cerr << "error: " << sl::Say(e.message, sl::Lang::kEn);
  for (const auto& [field, text] : e.fields)
    std::cerr << "\n  " << field << ": " << sl::Say(text, sl::Lang::kEn);
  if (!e.detail.empty()) std::cerr << " (" << e.detail << ")";
  std::cerr << "\n";
  return 1;
}

std::string DefaultDb() {
  const char* env = std::getenv("SHUANGLUN_DB");
  return env && *env ? env : "sqlite:var/shuanglun.db";
}

// The first of the candidates that exists: next to the working folder, then the
// source tree the binary was built from.
std::string FindDir(const std::string& relative, const char* built_in) {
  if (std::filesystem::exists(relative)) return relative;
  return built_in;
}

Result<std::unique_ptr<sl::db::Database>> OpenDb(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) {
    const auto parent = std::filesystem::path(url.substr(7)).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  return sl::db::Database::Open(url);
}

std::string ReadPassword() {
  if (isatty(STDIN_FILENO)) std::cerr << "password: " << std::flush;
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

sl::Caller CommandLineCaller() {
  sl::Caller c;
  c.username = "cli";
  c.permissions = sl::auth::AllPermissions();
  c.view = c.capture = sl::Scope::Everything();
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Shuanglun 双轮: party building + chamber of commerce, four-level pairing"};
  cli.require_subcommand(1);
  cli.fallthrough();  // --db may follow the subcommand: `shuanglun init --db URL`
  std::string db_url = DefaultDb();
  cli.add_option("--db", db_url, "Database URL: sqlite:PATH or postgresql://...")
      ->capture_default_str();
  cli.set_version_flag("--version", "shuanglun 0.1");

  // serve
  auto* serve = cli.add_subcommand("serve", "Serve the web application and the API");
  std::string listen = "127.0.0.1:8080";
  std::string web_dir = FindDir("web/dist", SL_WEB_DIR);
  size_t threads = 4;
  bool secure_cookies = false;
  serve->add_option("--listen", listen, "Address and port")->capture_default_str();
  serve->add_option("--web", web_dir, "Folder of the built front end")->capture_default_str();
  serve->add_option("--threads", threads, "Worker threads")->capture_default_str();
  serve->add_flag("--secure-cookies", secure_cookies, "Mark cookies Secure (behind TLS)");

  // init
  auto* init = cli.add_subcommand("init", "Create the database, or bring its schema up to date");
  bool demo = false;
  std::string data_dir = FindDir("data", SL_DATA_DIR);
  init->add_flag("--demo", demo, "Fill a new database with the 楠市镇 demo");
  init->add_option("--data", data_dir, "Folder of the demo data")->capture_default_str();

  // user add | passwd
  auto* user =
      cli.add_subcommand("user", "Manage users (the password is read from standard input)");
  user->require_subcommand(1);
  user->fallthrough();
  auto* user_add = user->add_subcommand("add", "Add a user");
  std::string username, display_name, view_region, capture_region;
  std::vector<std::string> roles;
  bool all_regions = false;
  user_add->add_option("username", username)->required();
  user_add->add_option("--role", roles, "Role (repeatable)")->required();
  user_add->add_option("--region", view_region, "Region code the user sees and changes");
  user_add->add_option("--capture", capture_region, "Region code the user changes, if narrower");
  user_add->add_option("--name", display_name, "Display name");
  user_add->add_flag("--all-regions", all_regions, "The user sees and changes every region");
  auto* user_passwd = user->add_subcommand("passwd", "Set a user's password");
  user_passwd->add_option("username", username)->required();

  // regions import
  auto* regions = cli.add_subcommand("regions", "Region code list");
  regions->require_subcommand(1);
  regions->fallthrough();
  auto* regions_import = regions->add_subcommand(
      "import", "Import provinces.csv cities.csv areas.csv streets.csv villages.csv from a folder");
  std::string regions_path, under;
  regions_import->add_option("path", regions_path)->required();
  regions_import->add_option("--under", under, "Only codes under this prefix, e.g. 431127");

  // import | export
  auto* import_cmd = cli.add_subcommand(
      "import",
      "Import an .xlsx or .csv ledger: people, organizations, enterprises, memberships, pairings");
  std::string kind_name, file_path;
  bool dry_run = false;
  import_cmd->add_option("kind", kind_name)->required();
  import_cmd->add_option("file", file_path)->required();
  import_cmd->add_flag("--dry-run", dry_run, "Check every row, save nothing");
  auto* export_cmd = cli.add_subcommand("export", "Export a ledger as .xlsx");
  export_cmd->add_option("kind", kind_name)->required();
  export_cmd->add_option("file", file_path)->required();

  // assign
  auto* assign_cmd = cli.add_subcommand(
      "assign", "Propose the optimal pairing of a level under a region (and apply it)");
  int assign_level = 0;
  std::string assign_region, assign_date;
  bool assign_apply = false;
  int assign_keep = 100, assign_load = 10;
  assign_cmd
      ->add_option(
          "--level", assign_level,
          "1 to 6: 1-4 the four levels, 5 mentors for activists, 6 county cadres for enterprises")
      ->required();
  assign_cmd->add_option("--region", assign_region, "Region code, e.g. 431127103")->required();
  assign_cmd->add_option("--date", assign_date, "The day it applies from (default today)");
  assign_cmd->add_option("--keep-weight", assign_keep, "What leaving an existing pair costs");
  assign_cmd->add_option("--load-weight", assign_load, "How strongly loads are evened");
  assign_cmd->add_flag("--apply", assign_apply, "Apply the plan when it is optimal");

  auto* reindex = cli.add_subcommand(
      "reindex", "Recompute the search index and sort order of people, organizations, enterprises");

  // audit verify
  auto* audit_cmd = cli.add_subcommand("audit", "The change log");
  audit_cmd->require_subcommand(1);
  audit_cmd->fallthrough();
  auto* audit_verify = audit_cmd->add_subcommand("verify", "Check the audit hash chain");

  CLI11_PARSE(cli, argc, argv);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");

  auto opened = OpenDb(db_url);
  if (!opened.ok()) return Fail(opened.error());
  sl::db::Database& db = **opened;

  if (init->parsed()) {
    auto version = sl::db::SchemaVersion(db);
    if (!version.ok()) return Fail(version.error());
    const bool fresh = *version == 0;
    if (auto st = sl::db::Migrate(db, sl::registry::MigrationDataSteps()); !st.ok())
      return Fail(st.error());
    std::cout << "schema version " << sl::db::LatestSchemaVersion() << "\n";
    if (demo) {
      if (!fresh) {
        std::cout << "the database already existed: demo data not added\n";
        return 0;
      }
      if (auto st = sl::demo::Create(db, data_dir); !st.ok()) return Fail(st.error());
      std::cout << "demo users (password " << sl::demo::kPassword << "):\n";
      for (const auto& p : sl::demo::Personas())
        std::cout << "  " << p.username << "\t" << p.description << "\n";
    }
    return 0;
  }

  if (auto st = sl::db::CheckSchema(db); !st.ok()) return Fail(st.error());

  if (serve->parsed()) {
    const size_t colon = listen.rfind(':');
    if (colon == std::string::npos) return Fail(sl::Error::BadRequest("bad_listen", {listen}));
    sl::http::ServerOptions options;
    options.host = listen.substr(0, colon);
    try {
      options.port = static_cast<uint16_t>(std::stoi(listen.substr(colon + 1)));
    } catch (...) {
      return Fail(sl::Error::BadRequest("bad_listen", {listen}));
    }
    options.threads = std::max<size_t>(1, threads);
    if (auto st = sl::db::RefreshAllStatistics(db); !st.ok()) return Fail(st.error());
    sl::http::AppOptions app_options;
    app_options.web_dir = std::filesystem::exists(web_dir) ? web_dir : "";
    app_options.secure_cookies = secure_cookies;
    if (app_options.web_dir.empty())
      spdlog::warn("no built front end at {}: serving the API only", web_dir);
    auto demo_users = sl::auth::DemoPasswordUsers(db);
    if (demo_users.ok() && !demo_users->empty()) {
      spdlog::warn(
          "these users still have the demo password '{}'; change it with "
          "`shuanglun user passwd NAME` before real use:",
          sl::demo::kPassword);
      for (const auto& u : *demo_users) spdlog::warn("  {}", u);
    }
    if (auto st = sl::text::WarmUp(); !st.ok())
      spdlog::warn("text: {} (search and sorting work with less)", st.error().detail);
    sl::http::App app(db, app_options);
    auto st = sl::http::Serve(app, options, [&] {
      spdlog::info("serving http://{} (database {})", listen,
                   db_url.rfind("sqlite:", 0) == 0 ? db_url : std::string("postgresql"));
    });
    if (!st.ok()) return Fail(st.error());
    spdlog::info("stopped");
    return 0;
  }

  if (user_add->parsed()) {
    sl::auth::NewUser u;
    u.username = username;
    u.password = ReadPassword();
    u.roles = roles;
    u.display_name = display_name;
    u.all_regions = all_regions;
    if (!view_region.empty()) u.view_region = view_region;
    u.capture_region = capture_region.empty() ? u.view_region : std::optional(capture_region);
    auto created = sl::auth::CreateUser(db, CommandLineCaller(), std::move(u));
    if (!created.ok()) return Fail(created.error());
    std::cout << "user " << created->username << " added (id " << created->id << ")\n";
    return 0;
  }
  if (user_passwd->parsed()) {
    auto st = sl::auth::SetPassword(db, username, ReadPassword(), sl::audit::System("cli"));
    if (!st.ok()) return Fail(st.error());
    std::cout << "password of " << username << " changed\n";
    return 0;
  }
  if (regions_import->parsed()) {
    sl::regions::ImportOptions options;
    options.under = under;
    options.progress = [](int64_t n) {
      if (n % 100000 == 0) std::cerr << n << " rows\r" << std::flush;
    };
    auto stats = sl::regions::ImportFolder(db, regions_path, options, sl::audit::System("cli"));
    if (!stats.ok()) return Fail(stats.error());
    std::cout << stats->rows << " rows: " << stats->inserted << " new, " << stats->updated
              << " already there\n";
    return 0;
  }
  if (import_cmd->parsed() || export_cmd->parsed()) {
    sl::pairing::RegisterSheetKinds();
    const sl::registry::SheetKind* kind = sl::registry::FindSheetKind(kind_name);
    if (!kind) {
      std::string names;
      for (const auto& n : sl::registry::SheetKindNames()) names += (names.empty() ? "" : ", ") + n;
      std::cerr << "error: KIND is one of " << names << "\n";
      return 2;
    }
    if (export_cmd->parsed()) {
      sl::Request filters;
      filters.lang = sl::Lang::kZhCN;
      auto st = sl::registry::ExportXlsxFile(db, CommandLineCaller(), *kind, filters, file_path);
      if (!st.ok()) return Fail(st.error());
      std::cout << "exported " << kind_name << " to " << file_path << "\n";
      return 0;
    }
    auto table = sl::io::OpenTableFile(file_path);
    if (!table.ok()) return Fail(table.error());
    sl::registry::ImportOptions options;
    options.dry_run = dry_run;
    options.progress = [](int64_t n) {
      if (n % 10000 == 0) std::cerr << n << " rows\r" << std::flush;
    };
    auto report = sl::registry::ImportTable(db, CommandLineCaller(), *kind, **table, options);
    if (!report.ok()) return Fail(report.error());
    if (!dry_run && report->error_count == 0) {
      if (auto st = sl::db::RefreshAllStatistics(db); !st.ok()) return Fail(st.error());
    }
    for (const auto& e : report->errors)
      std::cerr << "row " << e.row << (e.column.empty() ? "" : " " + e.column) << ": " << e.message
                << "\n";
    std::cout << report->rows << " rows: " << report->created << " new, " << report->updated
              << " changed, " << report->unchanged << " unchanged, " << report->error_count
              << " errors; "
              << (report->error_count ? "nothing saved"
                  : dry_run           ? "dry run, nothing saved"
                                      : "saved")
              << "\n";
    return report->error_count ? 1 : 0;
  }
  if (assign_cmd->parsed()) {
    sl::assign::PlanOptions options;
    options.level = assign_level;
    options.region = assign_region;
    options.date = assign_date;
    options.weights.keep = assign_keep;
    options.weights.load = assign_load;
    auto tx = db.Begin(sl::db::Mode::kWrite);
    if (!tx.ok()) return Fail(tx.error());
    auto plan = sl::assign::CreatePlan(**tx, CommandLineCaller(), options);
    if (!plan.ok()) return Fail(plan.error());
    const sl::Json p = sl::assign::PlanSummary(plan->json);
    const auto& c = p["changes"];
    const auto& n = p["counts"];
    std::cout << "plan " << p["id"] << ": " << p["status"].get<std::string>() << ", cost "
              << p["cost"] << ", " << p["stats"]["targets"] << " targets, " << p["stats"]["sources"]
              << " sources, " << p["stats"]["components"] << " components, solved in "
              << p["stats"]["solve_ms"] << " ms\n"
              << "  kept " << n["kept"] << ", moved " << n["moved"] << ", new " << n["new"]
              << ", ended " << n["ended"] << "\n";
    for (const auto& m : c["moved"])
      std::cout << "  move " << m["target"]["name"].get<std::string>() << ": "
                << m["from"]["name"].get<std::string>() << " -> "
                << m["to"]["name"].get<std::string>() << "\n";
    if (p.contains("diagnosis")) {
      for (const auto& sh : p["diagnosis"]["shortages"])
        std::cout << "  short: " << sh["targets"].size() << " targets need " << sh["needed"]
                  << ", their " << sh["sources"].size() << " sources give at most "
                  << sh["available"] << "\n";
      for (const auto& f : p["diagnosis"]["fixes"]) std::cout << "  fix: " << f.dump() << "\n";
    }
    if (assign_apply && p["status"] == "optimal") {
      auto applied = sl::assign::ApplyPlan(**tx, CommandLineCaller(), p["id"].get<int64_t>());
      if (!applied.ok()) return Fail(applied.error());
      std::cout << "applied: " << sl::assign::PlanSummary(applied->json)["applied"].dump() << "\n";
    }
    if (auto st = (*tx)->Commit(); !st.ok()) return Fail(st.error());
    return p["status"] == "optimal" ? 0 : 1;
  }
  if (reindex->parsed()) {
    auto tx = db.Begin(sl::db::Mode::kWrite);
    if (!tx.ok()) return Fail(tx.error());
    int64_t records = 0;
    if (auto st = sl::registry::RebuildSearchIndex(**tx, &records); !st.ok())
      return Fail(st.error());
    if (auto st = (*tx)->Commit(); !st.ok()) return Fail(st.error());
    std::cout << records << " records indexed\n";
    return 0;
  }
  if (audit_verify->parsed()) {
    auto tx = db.Begin(sl::db::Mode::kRead);
    if (!tx.ok()) return Fail(tx.error());
    auto n = sl::audit::VerifyChain(**tx);
    if (!n.ok()) return Fail(n.error());
    std::cout << *n << " audit rows, chain intact\n";
    return 0;
  }
  return 0;
}
