#pragma once
// The registry's Excel in and out: templates, imports (xlsx or csv, checked row
// by row with the same operations as the forms, all rows or none) and exports
// that import back unchanged.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/caller.hpp"
#include "core/handler.hpp"
#include "core/messages.hpp"
#include "db/db.hpp"
#include "io/table_reader.hpp"

namespace sl::registry {

enum class SheetKind { kPeople, kOrganizations, kEnterprises, kMemberships };

// "people", "organizations", "enterprises", "memberships".
std::optional<SheetKind> SheetKindFromName(std::string_view name);
std::string_view SheetKindName(SheetKind kind);
// The permission needed to import a kind (its write permission) and to export
// or download its template (its read permission).
const char* WritePermission(SheetKind kind);
const char* ReadPermission(SheetKind kind);

struct ImportError {
  int64_t row = 0;     // the row number the spreadsheet shows
  std::string column;  // the column's header; "" for the whole row or file
  std::string message;
};

struct ImportReport {
  int64_t rows = 0, created = 0, updated = 0, unchanged = 0;
  std::vector<ImportError> errors;  // at most kMaxErrors
  int64_t error_count = 0;
  static constexpr size_t kMaxErrors = 1000;
};

struct ImportOptions {
  bool dry_run = true;
  Lang lang = Lang::kZhCN;
  // Called every 1,000 rows with the number read so far.
  std::function<void(int64_t)> progress;
};

// Reads every row and applies it in one transaction, committed only when it is
// not a dry run and no row has an error.
Result<ImportReport> ImportTable(db::Database& db, const Caller& caller, SheetKind kind,
                                 io::TableReader& table, const ImportOptions& options);

// The file back as .xlsx with an error column (错误) naming each row's mistakes.
Result<std::string> AnnotateTable(io::TableReader& table, const ImportReport& report);

// The import template: headers, drop-downs, an example row, instructions.
Result<std::string> TemplateXlsx(db::Database& db, const Caller& caller, SheetKind kind, Lang lang);
// The list with the filters of its GET route, as .xlsx; `path` "" returns bytes
// (written to a temporary file first).
Result<std::string> ExportXlsx(db::Database& db, const Caller& caller, SheetKind kind,
                               const Request& filters);
Status ExportXlsxFile(db::Database& db, const Caller& caller, SheetKind kind,
                      const Request& filters, const std::string& path);

// Handlers.
Result<Response> HandleTemplate(db::Database& db, const Request& r);
Result<Response> HandleImport(db::Database& db, const Request& r);
Result<Response> HandleImportAnnotated(db::Database& db, const Request& r);
Result<Response> HandleExport(db::Database& db, const Request& r);

}  // namespace sl::registry
