// Enterprises: name, unified social credit code, legal representative, capital.

#include <algorithm>
#include <set>

#include "audit/audit.hpp"
#include "core/time.hpp"
#include "db/scope.hpp"
#include "registry/registry.hpp"
#include "registry/validators.hpp"
#include "store/checks.hpp"
#include "store/search_index.hpp"
#include "store/write.hpp"
#include "text/text.hpp"

namespace sl::registry {

using store::Fields;
using store::Need;

namespace {

const store::RecordQuery<Enterprise>& Enterprises() {
  static const store::RecordQuery<Enterprise> k{
      "enterprise e JOIN region r ON r.id = e.region_id LEFT JOIN person lr ON lr.id = "
      "e.legal_representative_id",
      store::RowMap<Enterprise>("e.id, e.name, e.uscc, e.legal_representative_id, lr.name",
                                &Enterprise::id, &Enterprise::name, &Enterprise::uscc,
                                &Enterprise::legal_representative)
          .Add("e.industry, e.registered_capital_fen, e.founded_on", &Enterprise::industry,
               &Enterprise::registered_capital_fen, &Enterprise::founded_on)
          .Add("e.region_id, r.code, r.name, e.region_path", &Enterprise::region)
          .Stamps("e"),
      {},
      store::Keys{"enterprise e", "e.id"}};
  return k;
}

constexpr const char* kOrder = "e.sort_key, e.id";

Result<Enterprise> Reload(db::Tx& tx, int64_t id) {
  store::Where w;
  w.And("e.id = ?", {id});
  return Enterprises().Get(tx, w, "enterprise_not_found");
}

Status EnterpriseWhere(db::Tx& tx, const Caller& caller, const EnterpriseFilter& f,
                       store::Where& w) {
  w.And("e.deleted_at IS NULL");
  w.ScopeOrPaired(caller.view, "e.region_path", "e.id", "enterprise");
  if (!f.region.empty()) SL_TRY(w.UnderRegion(tx, f.region, "e.region_path"));
  w.Equals("e.industry", f.industry);
  w.Search(f.q, store::SearchKind::kEnterprise, "e");
  return OkStatus();
}

const store::Listing<Enterprise, EnterpriseFilter>& EnterpriseList() {
  static const store::Listing<Enterprise, EnterpriseFilter> k{
      [](const EnterpriseFilter&) { return Enterprises(); }, EnterpriseWhere,
      [](const EnterpriseFilter&) { return std::string(kOrder); }};
  return k;
}

struct Checked {
  EnterpriseInput in;
  std::optional<RegionRef> region;
  std::optional<Ref> legal_representative;  // the person named, when one is
};

// The checks that need no database: the input normalized (trimmed, choice
// ids, the code in capitals), or its errors.
void CheckFields(EnterpriseInput& in, bool create, Fields& errors) {
  store::CheckText(in.name, "name", errors, 100, store::RequiredOnCreate(create));
  store::CheckChoice(in.industry, Industries(), "industry", errors,
                     create ? Need::kRequired : Need::kOptional);
  store::CheckDate(in.founded_on, "founded_on", errors);
  if (create && (!in.uscc || in.uscc->empty())) errors.emplace("uscc", Text{"field_required", {}});
  if (in.uscc && !in.uscc->empty()) {
    auto code = ParseUscc(*in.uscc);
    if (!code.ok()) {
      const auto& e = code.error();
      errors.emplace("uscc", e.fields.count("uscc") ? e.fields.at("uscc") : e.message);
    } else {
      in.uscc = code->code;
    }
  }
  store::CheckNotNegative(in.registered_capital_fen, "registered_capital_fen", errors);
}

// Whether a normalized input leaves the record as it is (an absent field
// leaves its value; `region_code` is the input's region, if any).
bool Unchanged(const EnterpriseInput& in, const std::optional<std::string>& region_code,
               const Enterprise& before) {
  const int64_t old_rep = before.legal_representative ? before.legal_representative->id : 0;
  return (!in.name || *in.name == before.name) &&
         (!in.uscc || in.uscc->empty() || *in.uscc == before.uscc) &&
         (!in.industry || *in.industry == before.industry) &&
         (!region_code || *region_code == before.region.code) &&
         (!in.founded_on || *in.founded_on == before.founded_on.value_or("")) &&
         (!in.legal_representative || *in.legal_representative == old_rep) &&
         (!in.registered_capital_fen ||
          *in.registered_capital_fen == before.registered_capital_fen);
}

// `uscc_query` false: the caller checks that the code is not on file
// (CreateEnterprises, for many at once).
Result<Checked> Check(db::Tx& tx, const Caller& caller, EnterpriseInput in,
                      const Enterprise* existing, bool uscc_query = true) {
  Fields errors;
  Checked c;
  const bool create = existing == nullptr;
  CheckFields(in, create, errors);
  if (uscc_query && in.uscc && !in.uscc->empty() && !errors.count("uscc")) {
    SL_ASSIGN_OR_RETURN(auto other, FindEnterpriseByUscc(tx, *in.uscc));
    if (other && (!existing || *other != existing->id))
      errors.emplace("uscc", Text{"enterprise_uscc_taken", {}});
  }
  if (in.legal_representative && *in.legal_representative > 0) {
    auto person = GetPerson(tx, caller.view, *in.legal_representative);
    if (!person.ok())
      errors.emplace("legal_representative", Text{"person_not_found", {}});
    else
      c.legal_representative = Ref{person->id, person->name};
  }
  SL_ASSIGN_OR_RETURN(c.region, store::CheckRegion(tx, caller, in.region, "region", errors,
                                                   create ? Need::kRequired : Need::kOptional));
  SL_TRY(store::Finish(errors));
  c.in = std::move(in);
  return c;
}

// `fn(first, last)` for each run of up to 500 of `keys` (an IN list each).
template <class Keys, class Fn>
Status InChunks(const Keys& keys, Fn&& fn) {
  constexpr size_t kChunk = 500;
  for (size_t at = 0; at < keys.size(); at += kChunk)
    SL_TRY(fn(keys.begin() + at, keys.begin() + at + std::min(kChunk, keys.size() - at)));
  return OkStatus();
}

// Which of these normalized credit codes a live record has.
Result<std::set<std::string>> CodesOnFile(db::Tx& tx, const std::vector<std::string>& codes) {
  const std::set<std::string> wanted(codes.begin(), codes.end());
  std::set<std::string> out;
  SL_TRY(InChunks(
      std::vector<std::string>(wanted.begin(), wanted.end()), [&](auto first, auto last) -> Status {
        db::Params params;
        const std::string in = db::InList(first, last, params);
        SL_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT uscc FROM enterprise WHERE uscc IN " + in +
                                                    " AND deleted_at IS NULL",
                                                params));
        for (const auto& r : rows) out.insert(r.Str(0));
        return OkStatus();
      }));
  return out;
}

}  // namespace

Result<Enterprise> GetEnterprise(db::Tx& tx, const Scope& view, int64_t id) {
  store::Where w;
  w.And("e.id = ? AND e.deleted_at IS NULL", {id});
  w.ScopeOrPaired(view, "e.region_path", "e.id", "enterprise");
  return Enterprises().Get(tx, w, "enterprise_not_found");
}

Result<Paged<Enterprise>> ListEnterprises(db::Tx& tx, const Caller& caller,
                                          const EnterpriseFilter& f, const Page& page) {
  return EnterpriseList().Page(tx, caller, f, page);
}

Status ForEachEnterprise(db::Tx& tx, const Caller& caller, const EnterpriseFilter& f,
                         const std::function<Status(const Enterprise&)>& fn) {
  return EnterpriseList().ForEach(tx, caller, f, fn);
}

Result<Enterprise> CreateEnterprise(db::Tx& tx, const Caller& caller,
                                    const EnterpriseInput& input) {
  SL_ASSIGN_OR_RETURN(auto created, CreateEnterprises(tx, caller, {input}));
  return std::move(created.front());
}

Result<std::vector<Result<Enterprise>>> CreateEnterprises(
    db::Tx& tx, const Caller& caller, const std::vector<EnterpriseInput>& inputs) {
  std::vector<Result<Enterprise>> out;
  out.reserve(inputs.size());
  std::vector<std::optional<Checked>> checked(inputs.size());
  std::vector<std::string> codes;
  for (size_t i = 0; i < inputs.size(); ++i) {
    auto c = Check(tx, caller, inputs[i], nullptr, /*uscc_query=*/false);
    if (!c.ok() && c.error().code != ErrorCode::kInvalid) return std::move(c).error();
    if (c.ok()) {
      codes.push_back(*c->in.uscc);
      checked[i] = std::move(c).value();
      out.emplace_back(Error::Internal("not written"));
    } else {
      out.emplace_back(std::move(c).error());
    }
  }
  // Codes on file, or twice in this batch: one query per 500 codes.
  SL_ASSIGN_OR_RETURN(const std::set<std::string> on_file, CodesOnFile(tx, codes));
  std::set<std::string> in_batch;
  size_t count = 0;
  for (size_t i = 0; i < checked.size(); ++i) {
    if (!checked[i]) continue;
    const std::string& code = *checked[i]->in.uscc;
    if (on_file.count(code) || !in_batch.insert(code).second) {
      out[i] = Error::Invalid({{"uscc", Text{"enterprise_uscc_taken", {}}}});
      checked[i].reset();
    } else {
      ++count;
    }
  }
  SL_ASSIGN_OR_RETURN(auto ids, tx.ReserveIds("enterprise", count));
  const std::string now = NowUtc();
  std::vector<db::Params> rows, tokens;
  std::vector<size_t> written;
  size_t next_id = 0;
  for (size_t i = 0; i < checked.size(); ++i) {
    if (!checked[i]) continue;
    const Checked& c = *checked[i];
    Enterprise e;
    e.id = ids[next_id++];
    e.name = *c.in.name;
    e.uscc = *c.in.uscc;
    e.legal_representative = c.legal_representative;
    e.industry = *c.in.industry;
    e.registered_capital_fen = c.in.registered_capital_fen.value_or(0);
    e.region = *c.region;
    e.founded_on = c.in.founded_on && !c.in.founded_on->empty() ? c.in.founded_on : std::nullopt;
    e.created_at = e.updated_at = now;
    // The search text covers the name and the code.
    std::vector<std::string> names = store::TokensOf(e.name, e.uscc);
    rows.push_back({e.id, e.name, e.uscc,
                    e.legal_representative ? db::Value(e.legal_representative->id) : db::Value(),
                    e.industry, e.registered_capital_fen, e.region.id, e.region.path,
                    store::OrNull(e.founded_on), store::SearchTextOf(e.name, e.uscc, &names),
                    text::SortKey(e.name), now, now, int64_t{1}});
    for (std::string& token : names)
      tokens.push_back(
          {static_cast<int64_t>(store::SearchKind::kEnterprise), std::move(token), e.id});
    out[i] = std::move(e);
    written.push_back(i);
  }
  SL_TRY(tx.BulkInsert("enterprise",
                       {"id", "name", "uscc", "legal_representative_id", "industry",
                        "registered_capital_fen", "region_id", "region_path", "founded_on",
                        "search_text", "sort_key", "created_at", "updated_at", "version"},
                       rows));
  SL_TRY(store::BulkIndex(tx, tokens));
  for (size_t i : written) {
    const Enterprise& e = *out[i];
    SL_TRY(audit::Record(tx, audit::ActorOf(caller), "enterprise", e.id, "create", Json(),
                         ToJson(e), e.region.path));
  }
  return out;
}

Result<Enterprise> UpdateEnterprise(db::Tx& tx, const Caller& caller, int64_t id,
                                    const EnterpriseInput& input, bool* changed) {
  SL_ASSIGN_OR_RETURN(Enterprise before, GetEnterprise(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, before.region.path));
  SL_TRY(store::CheckVersion(input.version, before.version));
  SL_ASSIGN_OR_RETURN(Checked c, Check(tx, caller, input, &before));
  const bool unchanged =
      Unchanged(c.in, c.region ? std::optional(c.region->code) : std::nullopt, before);
  if (changed) *changed = !unchanged;
  if (unchanged) return before;
  const std::string name = c.in.name.value_or(before.name);
  const std::string uscc = c.in.uscc && !c.in.uscc->empty() ? *c.in.uscc : before.uscc;
  const RegionRef region = c.region.value_or(before.region);
  store::Values values = {
      {"name", name},
      {"uscc", uscc},
      {"legal_representative_id",
       store::IdOrKept(c.in.legal_representative, before.legal_representative)},
      {"industry", c.in.industry.value_or(before.industry)},
      {"registered_capital_fen",
       c.in.registered_capital_fen.value_or(before.registered_capital_fen)},
      {"region_id", region.id},
      {"region_path", region.path},
      {"founded_on", store::OrNull(c.in.founded_on ? c.in.founded_on : before.founded_on)}};
  for (auto& v : store::NameColumns(name, uscc)) values.push_back(std::move(v));
  SL_TRY(store::UpdateRecord(tx, "enterprise", id, values));
  SL_TRY(store::IndexName(tx, store::SearchKind::kEnterprise, id, before.name, before.uscc, name,
                          uscc));
  SL_ASSIGN_OR_RETURN(Enterprise after, Reload(tx, id));
  SL_TRY(audit::Record(tx, audit::ActorOf(caller), "enterprise", id, "update", ToJson(before),
                       ToJson(after), after.region.path));
  return after;
}

Status DeleteEnterprise(db::Tx& tx, const Caller& caller, int64_t id) {
  SL_ASSIGN_OR_RETURN(Enterprise before, GetEnterprise(tx, caller.view, id));
  SL_TRY(store::CheckCapture(caller, before.region.path));
  // A deleted enterprise frees its code for a corrected record.
  return store::SoftDelete(tx, caller, "enterprise", "enterprise", id, ToJson(before),
                           before.region.path,
                           {{"uscc", before.uscc + "#deleted#" + std::to_string(id)}});
}

Result<std::optional<int64_t>> FindEnterpriseByUscc(db::Tx& tx, const std::string& uscc) {
  SL_ASSIGN_OR_RETURN(auto row, tx.QueryOne("SELECT id FROM enterprise WHERE uscc = ? AND "
                                            "deleted_at IS NULL",
                                            {uscc}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(row->Int(0));
}

Result<EnterprisesOnFile> FindEnterprisesOnFile(db::Tx& tx, const Caller& caller,
                                                const std::vector<std::string>& codes,
                                                const std::vector<int64_t>& ids) {
  EnterprisesOnFile out;
  SL_ASSIGN_OR_RETURN(out.codes, CodesOnFile(tx, codes));
  // The records the caller sees, whole, with `column` in `keys`.
  auto visible = [&](const char* column, const auto& keys) -> Status {
    return InChunks(keys, [&](auto first, auto last) -> Status {
      store::Where w;
      w.And("e.deleted_at IS NULL");
      w.ScopeOrPaired(caller.view, "e.region_path", "e.id", "enterprise");
      db::Params params;
      const std::string in = db::InList(first, last, params);
      w.And(std::string(column) + " IN " + in, std::move(params));
      SL_ASSIGN_OR_RETURN(auto found, Enterprises().All(tx, w, "e.id"));
      for (Enterprise& e : found) {
        const int64_t id = e.id;
        out.by_code.emplace(e.uscc, id);
        out.visible.emplace(id, std::move(e));
      }
      return OkStatus();
    });
  };
  SL_TRY(visible("e.uscc", std::vector<std::string>(out.codes.begin(), out.codes.end())));
  const std::set<int64_t> by_id(ids.begin(), ids.end());
  SL_TRY(visible("e.id", std::vector<int64_t>(by_id.begin(), by_id.end())));
  return out;
}

bool ImportLeavesUnchanged(EnterpriseInput in, const Enterprise& e) {
  Fields errors;
  CheckFields(in, /*create=*/false, errors);
  return errors.empty() && Unchanged(in, in.region, e);
}

}  // namespace sl::registry
