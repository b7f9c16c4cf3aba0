#include "store/write.hpp"

#include "audit/audit.hpp"
#include "core/time.hpp"
#include "text/text.hpp"

namespace sl::store {

Result<int64_t> InsertRecord(db::Tx& tx, std::string_view table, const Values& values) {
  const std::string now = NowUtc();
  std::string columns, marks;
  db::Params params;
  for (const auto& [column, value] : values) {
    columns.append(column).append(", ");
    marks += "?, ";
    params.push_back(value);
  }
  params.emplace_back(now);
  params.emplace_back(now);
  return tx.InsertId(std::string("INSERT INTO ")
                         .append(table)
                         .append(" (")
                         .append(columns)
                         .append("created_at, updated_at, version) VALUES (")
                         .append(marks)
                         .append("?, ?, 1) RETURNING id"),
                     params);
}

Status UpdateRecord(db::Tx& tx, std::string_view table, int64_t id, const Values& values) {
  std::string sets;
  db::Params params;
  for (const auto& [column, value] : values) {
    sets.append(column).append(" = ?, ");
    params.push_back(value);
  }
  params.emplace_back(NowUtc());
  params.emplace_back(id);
  SL_TRY(tx.Exec(std::string("UPDATE ").append(table).append(" SET ").append(sets).append(
                     "updated_at = ?, version = version + 1 WHERE id = ?"),
                 params));
  return OkStatus();
}

Status SoftDelete(db::Tx& tx, const Caller& caller, std::string_view table, std::string_view entity,
                  int64_t id, const Json& before, const std::string& path, const Values& also) {
  Values values = also;
  values.emplace_back("deleted_at", NowUtc());
  SL_TRY(UpdateRecord(tx, table, id, values));
  return audit::Record(tx, audit::ActorOf(caller), entity, id, "delete", before, Json(), path);
}

db::Value IdOrKept(const std::optional<int64_t>& given, const std::optional<Ref>& had) {
  if (given) return *given > 0 ? db::Value(*given) : db::Value();
  return had ? db::Value(had->id) : db::Value();
}

Values NameColumns(std::string_view name, std::string_view code) {
  return {{"search_text", SearchTextOf(name, code)}, {"sort_key", text::SortKey(name)}};
}

Status IndexName(db::Tx& tx, SearchKind kind, int64_t id, std::string_view old_name,
                 std::string_view old_code, std::string_view name, std::string_view code) {
  return IndexTokens(tx, kind, id,
                     old_name.empty() ? std::vector<std::string>() : TokensOf(old_name, old_code),
                     TokensOf(name, code));
}

Status TouchPersonPlace(db::Tx& tx, int64_t person_id) {
  return tx.ForEach(
      "SELECT region_path FROM person WHERE id = ? UNION SELECT region_path FROM post WHERE "
      "person_id = ? UNION SELECT region_path FROM chamber_membership WHERE person_id = ? UNION "
      "SELECT s.region_path FROM contact k JOIN post s ON s.person_id = k.person_id WHERE "
      "k.target_kind = 'person' AND k.target_id = ? UNION SELECT m.region_path FROM contact k "
      "JOIN chamber_membership m ON m.person_id = k.person_id WHERE k.target_kind = 'person' AND "
      "k.target_id = ?",
      {person_id, person_id, person_id, person_id, person_id},
      [&](const db::Row& r) { return audit::Touch(tx, r.Str(0)); });
}

}  // namespace sl::store
