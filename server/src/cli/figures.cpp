// The figures' subcommands: `brief` writes the work brief of a region and
// period to a file; `figures rebuild` recomputes the per-town aggregates.

#include <fstream>
#include <iostream>
#include <memory>

#include "auth/roles.hpp"
#include "cli/cli.hpp"
#include "figures/brief.hpp"
#include "figures/figures.hpp"
#include "io/document.hpp"

namespace sl::cli {

namespace {

struct BriefArgs {
  std::string region, from, to, format = "docx", out;
};

int RunBrief(db::Database& db, const BriefArgs& a) {
  if (a.format != "docx" && a.format != "html" && a.format != "xlsx") {
    std::cerr << "error: --format is docx, html or xlsx\n";
    return 2;
  }
  Caller caller;
  caller.username = "cli";
  caller.permissions = auth::AllPermissions();
  // The whole region's requests, not only a chamber's members'.
  caller.permissions.erase("requests.members");
  caller.view = caller.capture = Scope::Everything();
  auto brief = figures::MakeBrief(db, caller, a.region, a.from, a.to);
  if (!brief.ok()) return Fail(brief.error());
  std::string bytes;
  if (a.format == "docx") {
    bytes = io::ToDocx(brief->document);
  } else if (a.format == "html") {
    bytes = io::ToHtml(brief->document);
  } else {
    auto xlsx = figures::BriefXlsx(*brief);
    if (!xlsx.ok()) return Fail(xlsx.error());
    bytes = std::move(*xlsx);
  }
  std::ofstream out(a.out, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    std::cerr << "error: cannot write " << a.out << "\n";
    return 1;
  }
  std::cout << brief->document.title << ": " << brief->used.size() << " figures, " << bytes.size()
            << " bytes to " << a.out << "\n";
  return 0;
}

int RunRebuild(db::Database& db) {
  auto stored = figures::Rebuild(db);
  if (!stored.ok()) return Fail(stored.error());
  std::cout << *stored << " aggregates rebuilt\n";
  return 0;
}

}  // namespace

std::vector<Command> AddFigures(CLI::App& cli) {
  auto a = std::make_shared<BriefArgs>();
  auto* brief =
      cli.add_subcommand("brief", "Write the work brief (工作简报) of a region and period");
  brief->add_option("--region", a->region, "Region code, e.g. 431127103")->required();
  brief->add_option("--from", a->from, "First day (default: 1 January of the year)");
  brief->add_option("--to", a->to, "Last day (default: 31 December of the year)");
  brief->add_option("--format", a->format, "docx, html or xlsx")->capture_default_str();
  brief->add_option("--out", a->out, "The file to write")->required();
  auto* figures_cmd = cli.add_subcommand("figures", "The figures' per-town aggregates");
  figures_cmd->require_subcommand(1);
  figures_cmd->fallthrough();
  auto* rebuild = figures_cmd->add_subcommand(
      "rebuild",
      "Drop the stored aggregates (figures and compliance) and compute those of the stored "
      "periods and days again");
  return {{brief, [a](db::Database& db) { return RunBrief(db, *a); }}, {rebuild, RunRebuild}};
}

}  // namespace sl::cli
