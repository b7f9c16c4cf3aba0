// The command line: wires the parts together, nothing else. Each subcommand
// is its options (Add…) and what it does (Run…).

#include <unistd.h>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "assign/plan.hpp"
#include "audit/audit.hpp"
#include "auth/roles.hpp"
#include "auth/users.hpp"
#include "cli/cli.hpp"
#include "core/crypto.hpp"
#include "core/keys.hpp"
#include "core/messages.hpp"
#include "core/time.hpp"
#include "db/db.hpp"
#include "db/replica.hpp"
#include "demo/demo.hpp"
#include "http/app.hpp"
#include "http/server.hpp"
#include "http/sheet_kinds.hpp"
#include "io/table_reader.hpp"
#include "regions/import.hpp"
#include "registry/registry.hpp"
#include "sheets/sheets.hpp"
#include "store/search_index.hpp"
#include "text/text.hpp"

namespace {

using sl::cli::Command;
using sl::cli::Fail;

using sl::Result;
using sl::Status;
using sl::db::Database;

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

Result<std::unique_ptr<Database>> OpenDb(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) {
    const auto parent = std::filesystem::path(url.substr(7)).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  return Database::Open(url);
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

// serve --------------------------------------------------------------------------

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  std::string web_dir = FindDir("web/dist", SL_WEB_DIR);
  size_t threads = 4;
  bool secure_cookies = false;
  std::string metrics_listen;  // HOST:PORT for /metrics alone; "" serves it with the rest
  std::string log_level = "info";
  std::string access_log = "all";
  std::vector<std::string> trusted_proxies;
  std::string read_db;       // a streaming replica's URL for report queries
  int read_db_max_lag = 30;  // seconds
};

// "HOST:PORT" into its parts.
bool ParseListen(const std::string& listen, std::string& host, uint16_t& port) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  host = listen.substr(0, colon);
  try {
    const int p = std::stoi(listen.substr(colon + 1));
    if (p <= 0 || p > 65535) return false;
    port = static_cast<uint16_t>(p);
  } catch (...) {
    return false;
  }
  return true;
}

void WarnDemoPasswords(Database& db) {
  auto demo_users = sl::auth::DemoPasswordUsers(db);
  if (!demo_users.ok() || demo_users->empty()) return;
  spdlog::warn(
      "these users still have the demo password '{}'; change it with "
      "`shuanglun user passwd NAME` before real use:",
      sl::demo::kPassword);
  for (const auto& u : *demo_users) spdlog::warn("  {}", u);
}

int RunServe(Database& db, const std::string& db_url, const ServeArgs& a) {
  sl::http::ServerOptions options;
  if (!ParseListen(a.listen, options.host, options.port))
    return Fail(sl::Error::BadRequest("bad_listen", {a.listen}));
  if (!a.metrics_listen.empty() &&
      !ParseListen(a.metrics_listen, options.metrics_host, options.metrics_port))
    return Fail(sl::Error::BadRequest("bad_listen", {a.metrics_listen}));
  options.threads = std::max<size_t>(1, a.threads);
  const auto access_log = sl::http::ParseAccessLog(a.access_log);
  if (!access_log) return Fail(sl::Error::BadRequest("bad_access_log", {a.access_log}));
  spdlog::set_level(spdlog::level::from_str(a.log_level));
  if (auto st = sl::db::RefreshAllStatistics(db); !st.ok()) return Fail(st.error());
  sl::http::AppOptions app_options;
  app_options.web_dir = std::filesystem::exists(a.web_dir) ? a.web_dir : "";
  app_options.secure_cookies = a.secure_cookies;
  app_options.metrics_elsewhere = options.metrics_port != 0;
  app_options.access_log = *access_log;
  app_options.trusted_proxies = a.trusted_proxies;
  // Reports from a replica: opened like the primary, checked the same way.
  std::unique_ptr<Database> replica_db;
  std::unique_ptr<sl::db::ReadReplica> reports;
  if (!a.read_db.empty()) {
    if (db.dialect() != sl::db::Dialect::kPostgres || a.read_db.rfind("sqlite:", 0) == 0)
      return Fail(sl::Error::BadRequest("read_db_needs_postgres"));
    auto opened = Database::Open(a.read_db);
    if (!opened.ok()) return Fail(opened.error());
    if (auto st = sl::db::CheckSchema(**opened); !st.ok()) return Fail(st.error());
    sl::db::ReplicaOptions replica_options;
    replica_options.max_lag = std::chrono::seconds(a.read_db_max_lag);
    reports = std::make_unique<sl::db::ReadReplica>(db, std::move(*opened), replica_options);
    app_options.reports = reports.get();
  }
  if (app_options.web_dir.empty())
    spdlog::warn("no built front end at {}: serving the API only", a.web_dir);
  WarnDemoPasswords(db);
  if (auto st = sl::text::WarmUp(); !st.ok())
    spdlog::warn("text: {} (search and sorting work with less)", st.error().detail);
  sl::http::App app(db, app_options);
  auto st = sl::http::Serve(app, options, [&] {
    spdlog::info("serving http://{} (database {})", a.listen,
                 db_url.rfind("sqlite:", 0) == 0 ? db_url : std::string("postgresql"));
  });
  if (!st.ok()) return Fail(st.error());
  spdlog::info("stopped");
  return 0;
}

Command AddServe(CLI::App& cli, const std::string& db_url) {
  auto* cmd = cli.add_subcommand("serve", "Serve the web application and the API");
  auto a = std::make_shared<ServeArgs>();
  cmd->add_option("--listen", a->listen, "Address and port")->capture_default_str();
  cmd->add_option("--web", a->web_dir, "Folder of the built front end")->capture_default_str();
  cmd->add_option("--threads", a->threads, "Worker threads")->capture_default_str();
  cmd->add_flag("--secure-cookies", a->secure_cookies, "Mark cookies Secure (behind TLS)");
  cmd->add_option("--metrics-listen", a->metrics_listen,
                  "Serve /metrics only on this HOST:PORT (e.g. one only the monitoring reaches)");
  cmd->add_option("--log-level", a->log_level, "Least severe messages written")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str();
  cmd->add_option("--access-log", a->access_log,
                  "Requests written at info level: all, 1/N (one in N), errors (failed and slow "
                  "ones only) or off; failed and slow requests are written unless off")
      ->capture_default_str();
  cmd->add_option("--trust-proxy", a->trusted_proxies,
                  "Address of a reverse proxy (nginx) whose X-Forwarded-For names the client "
                  "(repeatable)");
  cmd->add_option("--read-db", a->read_db,
                  "A streaming replica of the PostgreSQL database: reports (compliance, "
                  "statistics, figures, briefs, exports) read from it while it keeps up");
  cmd->add_option("--read-db-max-lag", a->read_db_max_lag,
                  "Seconds the replica may lag before reports read from the primary")
      ->check(CLI::Range(0, 86400))
      ->capture_default_str();
  return {cmd, [a, &db_url](Database& db) { return RunServe(db, db_url, *a); }};
}

// init ---------------------------------------------------------------------------

struct InitArgs {
  bool demo = false;
  std::string data_dir = FindDir("data", SL_DATA_DIR);
};

int RunInit(Database& db, const InitArgs& a, const std::string& keys) {
  auto version = sl::db::SchemaVersion(db);
  if (!version.ok()) return Fail(version.error());
  const bool fresh = *version == 0;
  if (auto st = sl::db::Migrate(db, sl::store::SearchIndexMigrationSteps()); !st.ok())
    return Fail(st.error());
  if (auto st = sl::registry::LoadIdCardKey(db, keys); !st.ok()) return Fail(st.error());
  std::cout << "schema version " << sl::db::LatestSchemaVersion() << "\n";
  if (!a.demo) return 0;
  if (!fresh) {
    std::cout << "the database already existed: demo data not added\n";
    return 0;
  }
  if (auto st = sl::demo::Create(db, a.data_dir); !st.ok()) return Fail(st.error());
  std::cout << "demo users (password " << sl::demo::kPassword << "):\n";
  for (const auto& p : sl::demo::Personas())
    std::cout << "  " << p.username << "\t" << p.description << "\n";
  return 0;
}

Command AddInit(CLI::App& cli, const sl::cli::Paths& paths) {
  auto* cmd = cli.add_subcommand("init", "Create the database, or bring its schema up to date");
  auto a = std::make_shared<InitArgs>();
  cmd->add_flag("--demo", a->demo, "Fill a new database with the 楠市镇 demo");
  cmd->add_option("--data", a->data_dir, "Folder of the demo data")->capture_default_str();
  return {cmd, [a, &paths](Database& db) { return RunInit(db, *a, paths.keys); }, false};
}

// user add | passwd --------------------------------------------------------------

struct UserArgs {
  std::string username, display_name, view_region, capture_region;
  std::vector<std::string> roles;
  bool all_regions = false;
};

int RunUserAdd(Database& db, const UserArgs& a) {
  sl::auth::NewUser u;
  u.username = a.username;
  u.password = ReadPassword();
  u.roles = a.roles;
  u.display_name = a.display_name;
  u.all_regions = a.all_regions;
  if (!a.view_region.empty()) u.view_region = a.view_region;
  u.capture_region = a.capture_region.empty() ? u.view_region : std::optional(a.capture_region);
  auto created = sl::auth::CreateUser(db, CommandLineCaller(), std::move(u));
  if (!created.ok()) return Fail(created.error());
  std::cout << "user " << created->username << " added (id " << created->id << ")\n";
  return 0;
}

int RunUserPasswd(Database& db, const UserArgs& a) {
  auto st = sl::auth::SetPassword(db, a.username, ReadPassword(), sl::audit::System("cli"));
  if (!st.ok()) return Fail(st.error());
  std::cout << "password of " << a.username << " changed\n";
  return 0;
}

std::vector<Command> AddUser(CLI::App& cli) {
  auto* user =
      cli.add_subcommand("user", "Manage users (the password is read from standard input)");
  user->require_subcommand(1);
  user->fallthrough();
  auto a = std::make_shared<UserArgs>();
  auto* add = user->add_subcommand("add", "Add a user");
  add->add_option("username", a->username)->required();
  add->add_option("--role", a->roles, "Role (repeatable)")->required();
  add->add_option("--region", a->view_region, "Region code the user sees and changes");
  add->add_option("--capture", a->capture_region, "Region code the user changes, if narrower");
  add->add_option("--name", a->display_name, "Display name");
  add->add_flag("--all-regions", a->all_regions, "The user sees and changes every region");
  auto* passwd = user->add_subcommand("passwd", "Set a user's password");
  passwd->add_option("username", a->username)->required();
  return {{add, [a](Database& db) { return RunUserAdd(db, *a); }},
          {passwd, [a](Database& db) { return RunUserPasswd(db, *a); }}};
}

// A long command's progress on a terminal ("120000 rows", rewritten in
// place); nothing when stderr goes to a file or a pipe, whose readers want
// the result lines only.
void ShowProgress(int64_t n, int64_t every) {
  static const bool terminal = isatty(STDERR_FILENO) != 0;
  if (terminal && n % every == 0) std::cerr << n << " rows\r" << std::flush;
}

// regions import -----------------------------------------------------------------

int RunRegionsImport(Database& db, const std::string& path, const std::string& under) {
  sl::regions::ImportOptions options;
  options.under = under;
  options.progress = [](int64_t n) { ShowProgress(n, 100000); };
  auto stats = sl::regions::ImportFolder(db, path, options, sl::audit::System("cli"));
  if (!stats.ok()) return Fail(stats.error());
  std::cout << stats->rows << " rows: " << stats->inserted << " new, " << stats->updated
            << " already there\n";
  return 0;
}

Command AddRegions(CLI::App& cli) {
  auto* regions = cli.add_subcommand("regions", "Region code list");
  regions->require_subcommand(1);
  regions->fallthrough();
  auto* cmd = regions->add_subcommand(
      "import", "Import provinces.csv cities.csv areas.csv streets.csv villages.csv from a folder");
  auto path = std::make_shared<std::string>(), under = std::make_shared<std::string>();
  cmd->add_option("path", *path)->required();
  cmd->add_option("--under", *under, "Only codes under this prefix, e.g. 431127");
  return {cmd, [path, under](Database& db) { return RunRegionsImport(db, *path, *under); }};
}

// import | export ----------------------------------------------------------------

struct SheetArgs {
  std::string kind, file;
  bool dry_run = false;
};

// The kind named on the command line, or nullptr after listing the kinds.
const sl::sheets::SheetKind* SheetKindArg(const std::string& name) {
  sl::http::RegisterSheetKinds();
  const sl::sheets::SheetKind* kind = sl::sheets::FindSheetKind(name);
  if (!kind) {
    std::string names;
    for (const auto& n : sl::sheets::SheetKindNames()) names += (names.empty() ? "" : ", ") + n;
    std::cerr << "error: KIND is one of " << names << "\n";
  }
  return kind;
}

int RunExport(Database& db, const SheetArgs& a) {
  const sl::sheets::SheetKind* kind = SheetKindArg(a.kind);
  if (!kind) return 2;
  sl::Request filters;
  filters.lang = sl::Lang::kZhCN;
  auto st = sl::sheets::ExportXlsxFile(db, CommandLineCaller(), *kind, filters, a.file);
  if (!st.ok()) return Fail(st.error());
  std::cout << "exported " << a.kind << " to " << a.file << "\n";
  return 0;
}

int RunImport(Database& db, const SheetArgs& a) {
  const sl::sheets::SheetKind* kind = SheetKindArg(a.kind);
  if (!kind) return 2;
  auto table = sl::io::OpenTableFile(a.file);
  if (!table.ok()) return Fail(table.error());
  sl::sheets::ImportOptions options;
  options.dry_run = a.dry_run;
  options.progress = [](int64_t n) {
    ShowProgress(n, 10000);
    return sl::OkStatus();
  };
  auto report = sl::sheets::ImportTable(db, CommandLineCaller(), *kind, **table, options);
  if (!report.ok()) return Fail(report.error());
  if (!a.dry_run && report->error_count == 0) {
    if (auto st = sl::db::RefreshAllStatistics(db); !st.ok()) return Fail(st.error());
  }
  for (const auto& e : report->errors)
    std::cerr << "row " << e.row << (e.column.empty() ? "" : " " + e.column) << ": " << e.message
              << "\n";
  std::cout << report->rows << " rows: " << report->created << " new, " << report->updated
            << " changed, " << report->unchanged << " unchanged, " << report->error_count
            << " errors; "
            << (report->error_count ? "nothing saved"
                : a.dry_run         ? "dry run, nothing saved"
                                    : "saved")
            << "\n";
  return report->error_count ? 1 : 0;
}

std::vector<Command> AddSheets(CLI::App& cli) {
  auto a = std::make_shared<SheetArgs>();
  auto* import_cmd = cli.add_subcommand(
      "import",
      "Import an .xlsx or .csv ledger: people, organizations, enterprises, memberships, pairings");
  import_cmd->add_option("kind", a->kind)->required();
  import_cmd->add_option("file", a->file)->required();
  import_cmd->add_flag("--dry-run", a->dry_run, "Check every row, save nothing");
  auto* export_cmd = cli.add_subcommand("export", "Export a ledger as .xlsx");
  export_cmd->add_option("kind", a->kind)->required();
  export_cmd->add_option("file", a->file)->required();
  return {{import_cmd, [a](Database& db) { return RunImport(db, *a); }},
          {export_cmd, [a](Database& db) { return RunExport(db, *a); }}};
}

// assign -------------------------------------------------------------------------

struct AssignArgs {
  int level = 0;
  std::string region, date;
  int keep_weight = sl::assign::CostWeights{}.keep, load_weight = sl::assign::CostWeights{}.load;
  bool apply = false;
};

// What the command line says of a plan: status, figures, moves, a diagnosis.
void PrintPlan(const sl::Json& p) {
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
  if (!p.contains("diagnosis")) return;
  for (const auto& sh : p["diagnosis"]["shortages"])
    std::cout << "  short: " << sh["targets"].size() << " targets need " << sh["needed"]
              << ", their " << sh["sources"].size() << " sources give at most " << sh["available"]
              << "\n";
  for (const auto& f : p["diagnosis"]["fixes"]) std::cout << "  fix: " << f.dump() << "\n";
}

int RunAssign(Database& db, const AssignArgs& a) {
  auto tx = db.Begin(sl::db::Mode::kWrite);
  if (!tx.ok()) return Fail(tx.error());
  // The flags as a request body: the options are read (and checked) the
  // same way for the API, the command line and a stored plan.
  sl::Json body = {{"level", a.level},
                   {"region", a.region},
                   {"keep_weight", a.keep_weight},
                   {"load_weight", a.load_weight}};
  if (!a.date.empty()) body["date"] = a.date;
  auto options = sl::assign::ReadPlanOptions(body);
  if (!options.ok()) return Fail(options.error());
  auto plan = sl::assign::CreatePlan(**tx, CommandLineCaller(), *options);
  if (!plan.ok()) return Fail(plan.error());
  const sl::Json& p = plan->summary;
  PrintPlan(p);
  if (a.apply && p["status"] == "optimal") {
    auto applied = sl::assign::ApplyPlan(**tx, CommandLineCaller(), p["id"].get<int64_t>());
    if (!applied.ok()) return Fail(applied.error());
    std::cout << "applied: " << sl::assign::PlanSummary(applied->json)["applied"].dump() << "\n";
  }
  if (auto st = (*tx)->Commit(); !st.ok()) return Fail(st.error());
  return p["status"] == "optimal" ? 0 : 1;
}

Command AddAssign(CLI::App& cli) {
  auto* cmd = cli.add_subcommand(
      "assign", "Propose the optimal pairing of a level under a region (and apply it)");
  auto a = std::make_shared<AssignArgs>();
  cmd->add_option(
         "--level", a->level,
         "1 to 6: 1-4 the four levels, 5 mentors for activists, 6 county cadres for enterprises")
      ->required();
  cmd->add_option("--region", a->region, "Region code, e.g. 431127103")->required();
  cmd->add_option("--date", a->date, "The day it applies from (default today)");
  cmd->add_option("--keep-weight", a->keep_weight, "What leaving an existing pair costs");
  cmd->add_option("--load-weight", a->load_weight, "How strongly loads are evened");
  cmd->add_flag("--apply", a->apply, "Apply the plan when it is optimal");
  return {cmd, [a](Database& db) { return RunAssign(db, *a); }};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Shuanglun 双轮: party building + chamber of commerce, four-level pairing"};
  cli.require_subcommand(1);
  cli.fallthrough();  // --db may follow the subcommand: `shuanglun init --db URL`
  sl::cli::Paths paths{DefaultDb(), ""};
  std::string& db_url = paths.db_url;
  cli.add_option("--db", db_url, "Database URL: sqlite:PATH or postgresql://...")
      ->capture_default_str();
  cli.add_option("--keys", paths.keys,
                 "The key file, secrets kept outside the database (default: the SQLite file's "
                 "name + .keys, else var/shuanglun.keys; or SHUANGLUN_KEYS)");
  cli.set_version_flag("--version", "shuanglun 0.1");

  // In the order --help lists them.
  std::vector<Command> commands = {AddServe(cli, db_url), AddInit(cli, paths)};
  const auto add = [&](std::vector<Command> more) {
    for (Command& c : more) commands.push_back(std::move(c));
  };
  add(AddUser(cli));
  commands.push_back(AddRegions(cli));
  add(AddSheets(cli));
  commands.push_back(AddAssign(cli));
  add(sl::cli::AddFigures(cli));
  add(sl::cli::AddMaintenance(cli, paths));

  CLI11_PARSE(cli, argc, argv);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  if (paths.keys.empty()) paths.keys = sl::DefaultKeyFile(db_url);

  auto opened = OpenDb(db_url);
  if (!opened.ok()) return Fail(opened.error());
  Database& db = **opened;
  for (Command& c : commands) {
    if (!c.app->parsed()) continue;
    if (c.needs_schema) {
      if (auto st = sl::db::CheckSchema(db); !st.ok()) return Fail(st.error());
      if (auto st = sl::registry::LoadIdCardKey(db, paths.keys); !st.ok()) return Fail(st.error());
    }
    return c.run(db);
  }
  return 0;
}
