#include "regions/import.hpp"

#include <filesystem>
#include <fstream>
#include <vector>

#include "io/csv.hpp"
#include "regions/regions.hpp"
#include "text/text.hpp"

namespace sl::regions {

namespace {

constexpr size_t kBatch = 5000;
constexpr const char* kFiles[] = {"provinces.csv", "cities.csv", "areas.csv", "streets.csv",
                                  "villages.csv"};

bool Wanted(std::string_view code, std::string_view under) {
  if (under.empty()) return true;
  // Under the prefix, or an ancestor of it.
  return code.substr(0, under.size()) == under || under.substr(0, code.size()) == code;
}

}  // namespace

Result<ImportStats> ImportFolder(db::Database& db, const std::string& folder,
                                 const ImportOptions& options, const audit::Actor& actor) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const char* name : kFiles)
    if (fs::exists(fs::path(folder) / name)) files.push_back(fs::path(folder) / name);
  if (files.empty()) return Error::NotFound("region_files_missing", {folder});

  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  SL_TRY(tx->Exec(
      "CREATE TEMP TABLE IF NOT EXISTS region_stage (code TEXT NOT NULL, name TEXT NOT NULL, "
      "official_name TEXT NOT NULL, level TEXT NOT NULL, parent_code TEXT, path TEXT NOT NULL, "
      "search_text TEXT NOT NULL, sort_key TEXT NOT NULL)"));
  SL_TRY(tx->Exec("DELETE FROM region_stage"));

  const std::vector<std::string> columns = {"code",        "name", "official_name", "level",
                                            "parent_code", "path", "search_text",   "sort_key"};
  ImportStats stats;
  std::vector<db::Params> batch;
  batch.reserve(kBatch);
  auto flush = [&]() -> Status {
    if (batch.empty()) return OkStatus();
    SL_TRY(tx->BulkInsert("region_stage", columns, batch));
    batch.clear();
    if (options.progress) options.progress(stats.rows);
    return OkStatus();
  };

  std::vector<std::string> fields;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error::NotFound("region_files_missing", {file.string()});
    io::CsvReader reader(in);
    bool header = true;
    for (;;) {
      auto more = reader.Next(fields);
      if (!more.ok()) {
        Error e = std::move(more).error();
        e.message.args.insert(e.message.args.begin(), file.filename().string());
        e.key = "region_file_malformed";
        e.message.key = e.key;
        return e;
      }
      if (!*more) break;
      if (header) {
        header = false;
        continue;
      }
      if (fields.size() < 2 || (fields.size() == 1 && fields[0].empty())) continue;
      const std::string& code = fields[0];
      const std::string_view level = LevelOfCode(code);
      if (level.empty())
        return Error::BadRequest("region_code_malformed",
                                 {file.filename().string(), std::to_string(reader.line()), code});
      if (!Wanted(code, options.under)) continue;
      const std::string& official = fields[1];
      std::string name = EverydayName(official);
      std::string parent = ParentCode(code);
      batch.push_back({code, name, official, std::string(level),
                       parent.empty() ? db::Value() : db::Value(parent), PathOfCode(code),
                       text::SearchText(name), text::SortKey(name)});
      ++stats.rows;
      if (batch.size() >= kBatch) SL_TRY(flush());
    }
  }
  SL_TRY(flush());

  SL_ASSIGN_OR_RETURN(auto existing,
                      tx->QueryOne("SELECT COUNT(*) FROM region_stage s WHERE EXISTS "
                                   "(SELECT 1 FROM region r WHERE r.code = s.code)"));
  stats.updated = existing ? existing->Int(0) : 0;
  stats.inserted = stats.rows - stats.updated;
  SL_TRY(tx->Exec(
      "INSERT INTO region (code, name, official_name, level, parent_code, path, search_text, "
      "sort_key) SELECT code, name, official_name, level, parent_code, path, search_text, "
      "sort_key FROM region_stage WHERE 1=1 ON CONFLICT (code) DO UPDATE SET "
      "name = excluded.name, official_name = excluded.official_name, "
      "search_text = excluded.search_text, sort_key = excluded.sort_key"));
  SL_TRY(tx->Exec("DELETE FROM region_stage"));
  SL_TRY(audit::Record(*tx, actor, "region", 0, "import", Json(),
                       Json{{"folder", folder},
                            {"under", options.under},
                            {"rows", stats.rows},
                            {"inserted", stats.inserted},
                            {"updated", stats.updated}},
                       ""));
  SL_TRY(tx->Commit());
  return stats;
}

}  // namespace sl::regions
