#pragma once
// What the subcommands of `shuanglun` share: a subcommand and the one way
// to report its error. main.cpp holds serve, init and the data commands;
// maintenance.cpp reindex, audit, backup and restore.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "db/db.hpp"

namespace sl::cli {

// A subcommand: what it does with the open database, and whether it needs the
// schema up to date first (every one but init).
struct Command {
  CLI::App* app;
  std::function<int(db::Database&)> run;
  bool needs_schema = true;
};

// Prints the error (in English) and answers the exit code 1.
int Fail(const Error& e);

// The key file (core/keys.hpp) the command line was given, or the default
// for the database; set once the options are parsed.
struct Paths {
  std::string db_url, keys;
};

// reindex, audit verify | anchor, backup, restore.
std::vector<Command> AddMaintenance(CLI::App& cli, const Paths& paths);
// brief, figures rebuild.
std::vector<Command> AddFigures(CLI::App& cli);

}  // namespace sl::cli
