// The maintenance subcommands: reindex, audit verify | anchor, backup and
// restore.

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "audit/audit.hpp"
#include "cli/cli.hpp"
#include "core/crypto.hpp"
#include "core/json.hpp"
#include "core/keys.hpp"
#include "core/messages.hpp"
#include "core/time.hpp"
#include "registry/registry.hpp"
#include "store/search_index.hpp"

namespace sl::cli {

int Fail(const sl::Error& e) {
  // At the command line an internal error's detail is the message itself.
  if (e.code == sl::ErrorCode::kInternal && !e.detail.empty()) {
    std::cerr << "error: " << e.detail << "\n";
    return 1;
  }
  std::cerr << "error: " << sl::Say(e.message, sl::Lang::kEn);
  for (const auto& [field, text] : e.fields)
    std::cerr << "\n  " << field << ": " << sl::Say(text, sl::Lang::kEn);
  if (!e.detail.empty()) std::cerr << " (" << e.detail << ")";
  std::cerr << "\n";
  return 1;
}

namespace {

using sl::db::Database;

// reindex, audit verify ----------------------------------------------------------

int RunReindex(Database& db) {
  auto tx = db.Begin(sl::db::Mode::kWrite);
  if (!tx.ok()) return Fail(tx.error());
  int64_t records = 0;
  if (auto st = sl::store::RebuildSearchIndex(**tx, &records); !st.ok()) return Fail(st.error());
  if (auto st = (*tx)->Commit(); !st.ok()) return Fail(st.error());
  std::cout << records << " records indexed\n";
  return 0;
}

// The audit anchors' signing key, from the key file (created on first use).
sl::Result<std::string> AnchorKey(const std::string& keys, bool create) {
  return sl::KeyFromFile(keys, "audit_anchor_ed25519_seed", 32, create);
}

struct AuditArgs {
  std::string anchor;  // verify: a file `audit anchor` printed
  std::string keys;    // the key file
};

sl::Result<sl::audit::Anchor> ReadAnchor(const std::string& path, const std::string& keys) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  sl::Json j = sl::Json::parse(text.str(), nullptr, false);
  if (!in || j.is_discarded() || !j.is_object() || !j["id"].is_number_integer() ||
      !j["hash"].is_string() || !j["at"].is_string() || !j["signature"].is_string())
    return sl::Error::Internal("the anchor file " + path + " is not an anchor");
  sl::audit::Anchor a{j["id"].get<int64_t>(), j["hash"].get<std::string>(),
                      j["at"].get<std::string>()};
  SL_ASSIGN_OR_RETURN(std::string seed, AnchorKey(keys, false));
  if (!sl::SignatureValid(sl::SignPublicKeyHex(seed), a.Message(),
                          j["signature"].get<std::string>()))
    return sl::Error::Internal("the anchor's signature does not match this deployment's key");
  return a;
}

int RunAuditVerify(Database& db, const AuditArgs& a) {
  std::optional<sl::audit::Anchor> anchor;
  if (!a.anchor.empty()) {
    auto read = ReadAnchor(a.anchor, a.keys);
    if (!read.ok()) return Fail(read.error());
    anchor = *read;
  }
  auto tx = db.Begin(sl::db::Mode::kRead);
  if (!tx.ok()) return Fail(tx.error());
  auto v = sl::audit::VerifyChain(**tx, anchor ? &*anchor : nullptr);
  if (!v.ok()) return Fail(v.error());
  std::cout << v->rows << " audit rows, chain intact";
  if (anchor) std::cout << ", unchanged up to the anchor (row " << anchor->id << ")";
  std::cout << "\n";
  return 0;
}

// Prints the chain's head, signed, for the operator to keep elsewhere.
int RunAuditAnchor(Database& db, const AuditArgs& a) {
  auto seed = AnchorKey(a.keys, true);
  if (!seed.ok()) return Fail(seed.error());
  auto tx = db.Begin(sl::db::Mode::kRead);
  if (!tx.ok()) return Fail(tx.error());
  auto v = sl::audit::VerifyChain(**tx);
  if (!v.ok()) return Fail(v.error());
  const sl::audit::Anchor& head = v->head;
  std::cout << sl::Json{{"id", head.id},
                        {"hash", head.hash},
                        {"at", head.at},
                        {"signed_at", sl::NowUtc()},
                        {"public_key", sl::SignPublicKeyHex(*seed)},
                        {"signature", sl::SignHex(*seed, head.Message())}}
                   .dump()
            << "\n";
  return 0;
}

// backup, restore ----------------------------------------------------------------

struct BackupArgs {
  std::string file;
  bool yes = false;
};

int RunBackup(Database& db, const BackupArgs& a) {
  if (auto st = db.BackupTo(a.file); !st.ok()) return Fail(st.error());
  std::cout << "backup written to " << a.file
            << (db.dialect() == sl::db::Dialect::kSqlite ? " (an SQLite database file)"
                                                         : " (pg_dump custom format)")
            << "; the key file is not in it: back it up apart\n";
  return 0;
}

// Replaces the database with a backup, brings its schema up to date, ends
// every session (they were the old database's) and checks the result.
int RunRestore(Database& db, const BackupArgs& a, const std::string& keys) {
  if (!a.yes) {
    std::cerr << "restore replaces every record in the database with the backup's; "
                 "run it again with --yes\n";
    return 1;
  }
  if (auto st = db.RestoreFrom(a.file); !st.ok()) return Fail(st.error());
  if (auto st = sl::db::Migrate(db, sl::store::SearchIndexMigrationSteps()); !st.ok())
    return Fail(st.error());
  auto tx = db.Begin(sl::db::Mode::kWrite);
  if (!tx.ok()) return Fail(tx.error());
  auto ended = (*tx)->Exec("DELETE FROM session");
  if (!ended.ok()) return Fail(ended.error());
  if (auto st = (*tx)->Commit(); !st.ok()) return Fail(st.error());
  std::cout << "restored from " << a.file << "; " << *ended << " sessions ended\n";
  // Its ID-card numbers were hashed with the key backed up beside it.
  if (auto st = registry::LoadIdCardKey(db, keys); !st.ok()) return Fail(st.error());
  AuditArgs audit;
  audit.keys = keys;
  return RunAuditVerify(db, audit);
}

}  // namespace

std::vector<Command> AddMaintenance(CLI::App& cli, const Paths& paths) {
  auto* reindex = cli.add_subcommand(
      "reindex", "Recompute the search index and sort order of people, organizations, enterprises");
  auto* audit_cmd = cli.add_subcommand("audit", "The change log");
  audit_cmd->require_subcommand(1);
  audit_cmd->fallthrough();
  auto a = std::make_shared<AuditArgs>();
  auto* verify = audit_cmd->add_subcommand(
      "verify", "Check the audit hash chain, its head, and with --anchor an earlier anchor");
  verify->add_option("--anchor", a->anchor, "A file `audit anchor` printed");
  auto* anchor = audit_cmd->add_subcommand(
      "anchor", "Print the chain's newest row (id, hash, time) signed with the key file's key");
  auto b = std::make_shared<BackupArgs>();
  auto* backup = cli.add_subcommand(
      "backup", "Write a consistent copy of the database while it serves (docs/operations.md)");
  backup->add_option("--out", b->file, "The backup file to write (must not exist)")->required();
  auto* restore = cli.add_subcommand(
      "restore", "Replace the database with a backup; every session ends (docs/operations.md)");
  restore->add_option("--in", b->file, "A file `shuanglun backup` wrote")->required();
  restore->add_flag("--yes", b->yes, "Yes, replace every record");
  const auto keys = [a, &paths]() {
    a->keys = paths.keys;
    return a;
  };
  return {{reindex, RunReindex},
          {verify, [keys](Database& db) { return RunAuditVerify(db, *keys()); }},
          {anchor, [keys](Database& db) { return RunAuditAnchor(db, *keys()); }},
          {backup, [b](Database& db) { return RunBackup(db, *b); }},
          {restore, [b, &paths](Database& db) { return RunRestore(db, *b, paths.keys); }, false}};
}

}  // namespace sl::cli
