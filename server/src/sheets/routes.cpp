// Handlers of the sheets: templates, imports (dry run, annotated file) and
// exports of any registered kind.

#include "sheets/sheets.hpp"

namespace sl::sheets {

namespace {

Result<const SheetKind*> KindParam(const std::string& value) {
  std::string name = value;
  if (name.size() > 5 && name.compare(name.size() - 5, 5, ".xlsx") == 0)
    name.resize(name.size() - 5);
  const SheetKind* kind = FindSheetKind(name);
  if (!kind) return Error::NotFound("not_found");
  return kind;
}

std::string FileName(SheetKind kind, Lang lang, const char* suffix) {
  return Say(Text{"sheet_name_" + kind.name, {}}, lang) + suffix + ".xlsx";
}

// The uploaded file's name, which says whether it is .xlsx or .csv.
std::string UploadName(const Request& r) {
  return r.Query("filename")
      .value_or(r.content_type.find("csv") != std::string::npos ? "upload.csv" : "upload.xlsx");
}

Result<std::unique_ptr<io::TableReader>> OpenUpload(const Request& r) {
  if (r.body.empty()) return Error::BadRequest("sheet_no_file");
  return OpenUploadBytes(r.body, UploadName(r));
}

}  // namespace

Json ReportJson(const ImportReport& report, bool dry_run) {
  Json errors = Json::array(), changes = Json::array();
  for (const auto& e : report.errors)
    errors.push_back({{"row", e.row}, {"column", e.column}, {"message", e.message}});
  for (const auto& c : report.changes) {
    Json fields = Json::array();
    for (const auto& f : c.fields)
      fields.push_back({{"column", f.column}, {"before", f.before}, {"after", f.after}});
    changes.push_back({{"row", c.row},
                       {"action", c.created ? "create" : "update"},
                       {"label", c.label},
                       {"fields", std::move(fields)}});
  }
  return Json{{"rows", report.rows},
              {"created", report.created},
              {"updated", report.updated},
              {"unchanged", report.unchanged},
              {"errors", std::move(errors)},
              {"error_count", report.error_count},
              {"changes", std::move(changes)},
              {"dry_run", dry_run},
              {"saved", !dry_run && report.error_count == 0}};
}

Result<Response> HandleTemplate(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(const SheetKind* found, KindParam(r.params.at("kind")));
  const SheetKind& kind = *found;
  if (!r.caller->Can(kind.write_permission) && !r.caller->Can(kind.read_permission))
    return Error::Forbidden("forbidden");
  SL_ASSIGN_OR_RETURN(std::string bytes, TemplateXlsx(db, *r.caller, kind, r.lang));
  return XlsxResponse(std::move(bytes), FileName(kind, r.lang, "导入模板"));
}

Result<Response> HandleImport(db::Database& db, jobs::Runner& runner, const Request& r) {
  SL_ASSIGN_OR_RETURN(const SheetKind* found, KindParam(r.Query("kind").value_or("")));
  const SheetKind& kind = *found;
  if (!r.caller->Can(kind.write_permission)) return Error::Forbidden("forbidden");
  const std::string dry = r.Query("dry_run").value_or("true");
  if (dry != "true" && dry != "false") return Error::BadRequest("bad_query", {"dry_run"});
  ImportOptions options;
  options.dry_run = dry == "true";
  options.lang = r.lang;
  SL_ASSIGN_OR_RETURN(auto counted, OpenUpload(r));
  SL_ASSIGN_OR_RETURN(int64_t rows, CountRows(*counted, kInlineRows));
  if (rows > kInlineRows) {
    const std::string file_name = UploadName(r);
    SL_ASSIGN_OR_RETURN(
        jobs::Job job,
        runner.Submit(*r.caller, {"import", kind.name, file_name, options.dry_run, r.lang},
                      ImportJobWork(kind, *r.caller, r.body, file_name, options)));
    Response accepted{202, {{"job", jobs::ToJson(job, r.lang)}}};
    accepted.headers.emplace_back("Location", "/api/v1/jobs/" + std::to_string(job.id));
    return accepted;
  }
  SL_ASSIGN_OR_RETURN(auto table, OpenUpload(r));
  SL_ASSIGN_OR_RETURN(ImportReport report, ImportTable(db, *r.caller, kind, *table, options));
  return Response::Ok(ReportJson(report, options.dry_run));
}

Result<Response> HandleImportAnnotated(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(const SheetKind* found, KindParam(r.Query("kind").value_or("")));
  const SheetKind& kind = *found;
  if (!r.caller->Can(kind.write_permission)) return Error::Forbidden("forbidden");
  SL_ASSIGN_OR_RETURN(auto table, OpenUpload(r));
  ImportOptions options;
  options.lang = r.lang;
  SL_ASSIGN_OR_RETURN(ImportReport report, ImportTable(db, *r.caller, kind, *table, options));
  SL_ASSIGN_OR_RETURN(auto again, OpenUpload(r));
  SL_ASSIGN_OR_RETURN(std::string bytes, AnnotateTable(*again, report));
  return XlsxResponse(std::move(bytes), FileName(kind, r.lang, "导入检查结果"));
}

Result<Response> HandleExport(db::Database& db, const Request& r) {
  SL_ASSIGN_OR_RETURN(const SheetKind* found, KindParam(r.params.at("kind")));
  const SheetKind& kind = *found;
  if (!r.caller->Can(kind.read_permission)) return Error::Forbidden("forbidden");
  SL_ASSIGN_OR_RETURN(std::string bytes, ExportXlsx(db, *r.caller, kind, r));
  return XlsxResponse(std::move(bytes), FileName(kind, r.lang, ""));
}

}  // namespace sl::sheets
