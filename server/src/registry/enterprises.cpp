// Enterprises: name, unified social credit code, legal representative, capital.

#include "audit/audit.hpp"
#include "registry/common.hpp"
#include "registry/registry.hpp"
#include "registry/validators.hpp"
#include "text/text.hpp"

namespace sl::registry {

using internal::Fields;

namespace {

constexpr const char* kColumns =
    "e.id, e.name, e.uscc, e.legal_representative_id, lr.name, e.industry, "
    "e.registered_capital_fen, e.region_id, r.code, r.name, e.region_path, e.founded_on, "
    "e.created_at, e.updated_at, e.version";
constexpr const char* kFrom =
    "enterprise e JOIN region r ON r.id = e.region_id LEFT JOIN person lr ON lr.id = "
    "e.legal_representative_id";

Enterprise FromRow(const db::Row& r) {
  Enterprise e;
  e.id = r.Int(0);
  e.name = r.Str(1);
  e.uscc = r.Str(2);
  if (!r.IsNull(3)) e.legal_representative = Ref{r.Int(3), r.Str(4)};
  e.industry = r.Str(5);
  e.registered_capital_fen = r.Int(6);
  e.region = RegionRef{r.Int(7), r.Str(8), r.Str(9), r.Str(10)};
  e.founded_on = r.OptStr(11);
  e.created_at = r.Str(12);
  e.updated_at = r.Str(13);
  e.version = r.Int(14);
  return e;
}

Result<Enterprise> Reload(db::Tx& tx, int64_t id) {
  SL_ASSIGN_OR_RETURN(
      auto row,
      tx.QueryOne(std::string("SELECT ") + kColumns + " FROM " + kFrom + " WHERE e.id = ?", {id}));
  if (!row) return Error::Internal("enterprise vanished");
  return FromRow(*row);
}

Status EnterpriseWhere(db::Tx& tx, const Caller& caller, const EnterpriseFilter& f,
                       internal::Where& w) {
  w.And("e.deleted_at IS NULL");
  w.ScopeOrPaired(caller.view, "e.region_path", "e.id", "enterprise");
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "e.region_path"));
  if (!f.industry.empty()) {
    if (!IsChoice(Industries(), f.industry)) return Error::BadRequest("bad_query", {"industry"});
    w.And("e.industry = ?", {f.industry});
  }
  w.Search(f.q, internal::SearchKind::kEnterprise, "e");
  return OkStatus();
}

struct Checked {
  EnterpriseInput in;
  std::optional<RegionRef> region;
};

Result<Checked> Check(db::Tx& tx, const Caller& caller, EnterpriseInput in,
                      const Enterprise* existing) {
  Fields errors;
  Checked c;
  const bool create = existing == nullptr;
  internal::CheckText(in.name, "name", errors, 100, create);
  if (!create && in.name && in.name->empty()) errors.emplace("name", Text{"field_required", {}});
  internal::CheckChoice(in.industry, Industries(), "industry", errors, create);
  internal::CheckDate(in.founded_on, "founded_on", errors);
  if (create && (!in.uscc || in.uscc->empty())) errors.emplace("uscc", Text{"field_required", {}});
  if (in.uscc && !in.uscc->empty()) {
    auto code = ParseUscc(*in.uscc);
    if (!code.ok()) {
      const auto& e = code.error();
      errors.emplace("uscc", e.fields.count("uscc") ? e.fields.at("uscc") : e.message);
    } else {
      in.uscc = code->code;
      SL_ASSIGN_OR_RETURN(auto other, FindEnterpriseByUscc(tx, code->code));
      if (other && (!existing || *other != existing->id))
        errors.emplace("uscc", Text{"enterprise_uscc_taken", {}});
    }
  }
  if (in.registered_capital_fen && *in.registered_capital_fen < 0)
    errors.emplace("registered_capital_fen", Text{"field_not_negative", {}});
  if (in.legal_representative && *in.legal_representative > 0) {
    auto person = GetPerson(tx, caller.view, *in.legal_representative);
    if (!person.ok()) errors.emplace("legal_representative", Text{"person_not_found", {}});
  }
  if (create && (!in.region || in.region->empty()))
    errors.emplace("region", Text{"field_required", {}});
  if (in.region && !in.region->empty()) {
    SL_ASSIGN_OR_RETURN(c.region,
                        internal::RegionForWrite(tx, caller, *in.region, "region", errors));
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  c.in = std::move(in);
  return c;
}

// The search text covers the name and the code.
}  // namespace

Result<Enterprise> GetEnterprise(db::Tx& tx, const Scope& view, int64_t id) {
  internal::Where w;
  w.And("e.id = ? AND e.deleted_at IS NULL", {id});
  w.ScopeOrPaired(view, "e.region_path", "e.id", "enterprise");
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne(std::string("SELECT ") + kColumns + " FROM " + kFrom +
                                                " WHERE " + w.sql,
                                            w.params));
  if (!row) return Error::NotFound("enterprise_not_found");
  return FromRow(*row);
}

Result<Json> ListEnterprises(db::Tx& tx, const Caller& caller, const EnterpriseFilter& f,
                             const Page& page) {
  internal::Where w;
  SL_TRY(EnterpriseWhere(tx, caller, f, w));
  SL_ASSIGN_OR_RETURN(auto found,
                      internal::PageRows(tx, kColumns, kFrom, w, "e.sort_key, e.id", page));
  Json items = Json::array();
  for (const auto& r : found.first) items.push_back(ToJson(FromRow(r)));
  return Json{{"items", std::move(items)}, {"total", found.second}};
}

Status ForEachEnterprise(db::Tx& tx, const Caller& caller, const EnterpriseFilter& f,
                         const std::function<Status(const Enterprise&)>& fn) {
  internal::Where w;
  SL_TRY(EnterpriseWhere(tx, caller, f, w));
  return tx.ForEach(std::string("SELECT ") + kColumns + " FROM " + kFrom + " WHERE " + w.sql +
                        " ORDER BY e.sort_key, e.id",
                    w.params, [&](const db::Row& r) { return fn(FromRow(r)); });
}

Result<Enterprise> CreateEnterprise(db::Tx& tx, const Caller& caller,
                                    const EnterpriseInput& input) {
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, input, nullptr));
  const std::string now = internal::Now();
  const std::string& name = *c.in.name;
  SL_ASSIGN_OR_RETURN(
      int64_t id,
      tx.InsertId(
          "INSERT INTO enterprise (name, uscc, legal_representative_id, industry, "
          "registered_capital_fen, region_id, region_path, founded_on, search_text, "
          "sort_key, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, 1) RETURNING id",
          {name, *c.in.uscc,
           c.in.legal_representative && *c.in.legal_representative > 0
               ? db::Value(*c.in.legal_representative)
               : db::Value(),
           *c.in.industry, c.in.registered_capital_fen.value_or(0), c.region->id, c.region->path,
           internal::OrNull(c.in.founded_on), internal::SearchTextOf(name, *c.in.uscc),
           text::SortKey(name), now, now}));
  SL_TRY(internal::IndexTokens(tx, internal::SearchKind::kEnterprise, id, {},
                               internal::TokensOf(name, *c.in.uscc)));
  SL_ASSIGN_OR_RETURN(Enterprise e, Reload(tx, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "enterprise", id, "create", Json(), ToJson(e),
                       e.region.path));
  return e;
}

Result<Enterprise> UpdateEnterprise(db::Tx& tx, const Caller& caller, int64_t id,
                                    const EnterpriseInput& input, bool* changed) {
  SL_ASSIGN_OR_RETURN(Enterprise before, GetEnterprise(tx, caller.view, id));
  SL_TRY(internal::CheckCapture(caller, before.region.path));
  if (input.version && *input.version != before.version) return Error::Conflict("version_conflict");
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, input, &before));
  const int64_t old_rep = before.legal_representative ? before.legal_representative->id : 0;
  const bool unchanged = (!c.in.name || *c.in.name == before.name) &&
                         (!c.in.uscc || c.in.uscc->empty() || *c.in.uscc == before.uscc) &&
                         (!c.in.industry || *c.in.industry == before.industry) &&
                         (!c.region || c.region->id == before.region.id) &&
                         (!c.in.founded_on || *c.in.founded_on == before.founded_on.value_or("")) &&
                         (!c.in.legal_representative || *c.in.legal_representative == old_rep) &&
                         (!c.in.registered_capital_fen ||
                          *c.in.registered_capital_fen == before.registered_capital_fen);
  if (changed) *changed = !unchanged;
  if (unchanged) return before;
  const std::string name = c.in.name.value_or(before.name);
  const std::string uscc = c.in.uscc && !c.in.uscc->empty() ? *c.in.uscc : before.uscc;
  const RegionRef region = c.region.value_or(before.region);
  db::Value lr =
      before.legal_representative ? db::Value(before.legal_representative->id) : db::Value();
  if (c.in.legal_representative)
    lr = *c.in.legal_representative > 0 ? db::Value(*c.in.legal_representative) : db::Value();
  SL_TRY(tx.Exec(
      "UPDATE enterprise SET name = ?, uscc = ?, legal_representative_id = ?, industry = ?, "
      "registered_capital_fen = ?, region_id = ?, region_path = ?, founded_on = ?, search_text = "
      "?, sort_key = ?, updated_at = ?, version = version + 1 WHERE id = ?",
      {name, uscc, lr, c.in.industry.value_or(before.industry),
       c.in.registered_capital_fen.value_or(before.registered_capital_fen), region.id, region.path,
       c.in.founded_on ? internal::OrNull(c.in.founded_on) : internal::OrNull(before.founded_on),
       internal::SearchTextOf(name, uscc), text::SortKey(name), internal::Now(), id}));
  SL_TRY(internal::IndexTokens(tx, internal::SearchKind::kEnterprise, id,
                               internal::TokensOf(before.name, before.uscc),
                               internal::TokensOf(name, uscc)));
  SL_ASSIGN_OR_RETURN(Enterprise after, Reload(tx, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "enterprise", id, "update", ToJson(before),
                       ToJson(after), after.region.path));
  return after;
}

Status DeleteEnterprise(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Enterprise before, GetEnterprise(tx, caller.view, id));
  SL_TRY(internal::CheckCapture(caller, before.region.path));
  // A deleted enterprise frees its code for a corrected record.
  SL_TRY(tx.Exec(
      "UPDATE enterprise SET deleted_at = ?, updated_at = ?, uscc = ?, version = "
      "version + 1 WHERE id = ?",
      {internal::Now(), internal::Now(), before.uscc + "#deleted#" + std::to_string(id), id}));
  return audit::Record(tx, audit::ActorOf(caller), "enterprise", id, "delete", ToJson(before),
                       Json(), before.region.path);
}

Result<std::optional<int64_t>> FindEnterpriseByUscc(db::Tx& tx, const std::string& uscc) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id FROM enterprise WHERE uscc = ? AND "
                                            "deleted_at IS NULL",
                                            {uscc}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(row->Int(0));
}

}  // namespace sl::registry
