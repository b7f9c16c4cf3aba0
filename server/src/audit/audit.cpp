#include "audit/audit.hpp"

#include <any>
#include <array>
#include <set>

#include "core/crypto.hpp"
#include "core/date.hpp"
#include "core/time.hpp"
#include "db/scope.hpp"

namespace sl::audit {

namespace {

constexpr std::array<std::string_view, 21> kEntities = {"user",
                                                        "region",
                                                        "person",
                                                        "organization",
                                                        "enterprise",
                                                        "membership",
                                                        "pairing",
                                                        "contact",
                                                        "rule",
                                                        "project",
                                                        "event",
                                                        "event_kind",
                                                        "indicator",
                                                        "project_value",
                                                        "land_contract",
                                                        "land_receipt",
                                                        "collective_income",
                                                        "request",
                                                        "request_category",
                                                        "holiday",
                                                        "brief_template"};

// The fields of a row that its hash covers.
struct RowFields {
  std::string_view at;
  int64_t user_id;
  std::string_view username, entity;
  int64_t entity_id;
  std::string_view action, before, after, region_path;
};

// Version 1 (rows written before hash_v) left out the username and the
// region path; version 2 covers every stored field but the id, which the
// chain's order pins.
constexpr int64_t kHashVersion = 2;

std::string RowHash(const std::string& prev, const RowFields& f, int64_t version) {
  std::string s;
  s.reserve(prev.size() + f.before.size() + f.after.size() + 160);
  if (version >= 2) s.append("v2\n");
  s.append(prev).append("\n").append(f.at).append("\n").append(std::to_string(f.user_id));
  if (version >= 2) s.append("\n").append(f.username);
  s.append("\n").append(f.entity).append("\n").append(std::to_string(f.entity_id));
  s.append("\n").append(f.action).append("\n").append(f.before).append("\n").append(f.after);
  if (version >= 2) s.append("\n").append(f.region_path);
  return Sha256Hex(s);
}

std::string Dump(const Json& j) { return j.is_null() ? std::string() : j.dump(); }

}  // namespace

Actor ActorOf(const Caller& caller) { return {caller.user_id, caller.username}; }
Actor System(std::string name) { return {0, std::move(name)}; }

bool KnownEntity(std::string_view entity) {
  for (auto e : kEntities)
    if (e == entity) return true;
  return false;
}

// The rows of this transaction not yet written, and the chain head after them.
struct Pending {
  std::string head;
  std::vector<db::Params> rows;
  // The figures' units this transaction changed (figure_version).
  std::set<std::string> units;
};
constexpr std::string_view kPendingMemo = "audit.pending";
constexpr size_t kFlushRows = 2000;
const std::vector<std::string> kColumns = {"at",          "user_id",   "username",    "entity",
                                           "entity_id",   "action",    "before_json", "after_json",
                                           "region_path", "prev_hash", "hash",        "hash_v"};

// The figures' unit of a path: its town, or itself above a town
// (figures::KeyOf agrees).
std::string_view FigureUnit(std::string_view path) { return db::TownPart(path); }

// The unit of an official code ("431127103224" -> "43/4311/431127/431127103/").
std::string UnitOfCode(std::string_view code) {
  std::string path;
  for (size_t n : {2, 4, 6, 9})
    if (code.size() >= n && (n == 2 || path.size() > 0)) {
      path.append(code.substr(0, n)).push_back('/');
      if (code.size() == n) break;
    }
  return path;
}

// One statement per unit, in path order (concurrent writers take the rows'
// locks in one order). "" is the unit of records without a place.
Status BumpUnits(db::Tx& tx, const std::set<std::string>& units) {
  for (const std::string& unit : units)
    SL_TRY(
        tx.Exec("INSERT INTO figure_version (path, version) VALUES (?, 1) ON CONFLICT (path) "
                "DO UPDATE SET version = figure_version.version + 1",
                {unit}));
  return OkStatus();
}

Pending* Find(db::Tx& tx) {
  auto memo = tx.memo().find(kPendingMemo);
  return memo == tx.memo().end() ? nullptr : std::any_cast<Pending>(&memo->second);
}

Status Flush(db::Tx& tx) {
  Pending* pending = Find(tx);
  if (pending == nullptr || pending->rows.empty()) return OkStatus();
  SL_TRY(tx.BulkInsert("audit", kColumns, pending->rows));
  pending->rows.clear();
  return OkStatus();
}

// This transaction's pending rows, begun on first use: the chain head read
// (and locked) and the work at commit registered.
Result<Pending*> Open(db::Tx& tx) {
  if (Pending* pending = Find(tx)) return pending;
  SL_TRY(tx.Exec("UPDATE audit_head SET hash = hash WHERE id = 1"));
  SL_ASSIGN_OR_RETURN(auto head, tx.QueryOne("SELECT hash FROM audit_head WHERE id = 1"));
  tx.memo()[std::string(kPendingMemo)] = Pending{head ? head->Str(0) : std::string(), {}, {}};
  tx.BeforeCommit([&tx]() -> Status {
    SL_TRY(Flush(tx));
    SL_TRY(tx.Exec("UPDATE audit_head SET hash = ? WHERE id = 1", {Find(tx)->head}));
    return BumpUnits(tx, Find(tx)->units);
  });
  return Find(tx);
}

Status Touch(db::Tx& tx, std::string_view region_path) {
  SL_ASSIGN_OR_RETURN(Pending * pending, Open(tx));
  pending->units.insert(std::string(FigureUnit(region_path)));
  return OkStatus();
}

Status Record(db::Tx& tx, const Actor& actor, std::string_view entity, int64_t entity_id,
              std::string_view action, const Json& before, const Json& after,
              std::string_view region_path) {
  // The chain head, once per transaction: updating the head row first takes
  // its lock, so concurrent writers append one after another and the chain
  // stays linear. After that the head and the new rows live in the
  // transaction's memo; the rows go out in bulk (every kFlushRows, and before
  // commit) and the head is written back once, at commit. One statement per
  // record, or rewriting the head row per record (a version chain PostgreSQL
  // walks again on every read of it), made large imports crawl.
  SL_ASSIGN_OR_RETURN(Pending * pending, Open(tx));
  // A record without a place (a kind, an indicator) changes every place's figures.
  pending->units.insert(std::string(FigureUnit(region_path)));
  // A record moved to another place leaves its old unit changed as well.
  for (const Json* j : {&before, &after})
    if (j->is_object())
      if (auto r = j->find("region"); r != j->end()) {
        const Json* code = r->is_object() && r->contains("code") ? &(*r)["code"] : &*r;
        if (code->is_string()) pending->units.insert(UnitOfCode(code->get<std::string>()));
      }
  const std::string at = NowUtc();
  const std::string b = Dump(before), a = Dump(after);
  std::string hash =
      RowHash(pending->head,
              {at, actor.user_id, actor.username, entity, entity_id, action, b, a, region_path},
              kHashVersion);
  pending->rows.push_back({at, actor.user_id ? db::Value(actor.user_id) : db::Value(),
                           actor.username, std::string(entity), entity_id, std::string(action),
                           before.is_null() ? db::Value() : db::Value(b),
                           after.is_null() ? db::Value() : db::Value(a),
                           region_path.empty() ? db::Value() : db::Value(std::string(region_path)),
                           pending->head, hash, kHashVersion});
  pending->head = std::move(hash);
  return pending->rows.size() >= kFlushRows ? Flush(tx) : OkStatus();
}

Result<Json> List(db::Tx& tx, const Scope& view, std::string_view entity, int64_t entity_id,
                  const Page& page) {
  Filter f;
  f.entity = std::string(entity);
  f.entity_id = entity_id;
  return List(tx, view, f, page);
}

Result<Json> List(db::Tx& tx, const Scope& view, const Filter& f, const Page& page) {
  SL_TRY(Flush(tx));  // this transaction's own rows too
  db::Params params;
  // Rows without a region are visible only to callers who see everything.
  std::string where = view.all ? "(1=1)" : db::ScopeCondition(view, "region_path", params);
  const auto equal = [&](const char* column, db::Value v) {
    where += std::string(" AND ") + column + " = ?";
    params.push_back(std::move(v));
  };
  if (!f.entity.empty()) equal("entity", f.entity);
  if (f.entity_id != 0) equal("entity_id", f.entity_id);
  if (!f.username.empty()) equal("username", f.username);
  if (!f.action.empty()) equal("action", f.action);
  if (!f.from.empty()) {
    where += " AND at >= ?";
    params.emplace_back(ChinaDayStartUtc(f.from));
  }
  if (!f.to.empty()) {
    where += " AND at < ?";
    params.emplace_back(ChinaDayStartUtc(AddDays(f.to, 1)));
  }
  SL_ASSIGN_OR_RETURN(auto count, tx.QueryOne("SELECT COUNT(*) FROM audit WHERE " + where, params));
  db::Params page_params = params;
  page_params.emplace_back(page.size);
  page_params.emplace_back(page.offset());
  SL_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id, at, user_id, username, entity, entity_id, "
                                          "action, before_json, after_json FROM audit WHERE " +
                                              where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                                          page_params));
  Json items = Json::array();
  for (const auto& r : rows) {
    auto parse = [&](size_t i) {
      return r.IsNull(i) ? Json() : Json::parse(r.Str(i), nullptr, false);
    };
    items.push_back(
        {{"id", r.Int(0)},
         {"at", r.Str(1)},
         {"user", {{"id", r.OptInt(2) ? Json(r.Int(2)) : Json()}, {"username", r.Str(3)}}},
         {"entity", r.Str(4)},
         {"entity_id", r.Int(5)},
         {"action", r.Str(6)},
         {"before", parse(7)},
         {"after", parse(8)}});
  }
  return Json{{"items", std::move(items)}, {"total", count ? count->Int(0) : 0}};
}

std::string Anchor::Message() const {
  return "shuanglun audit anchor\n" + std::to_string(id) + "\n" + hash + "\n" + at;
}

Result<Verified> VerifyChain(db::Tx& tx, const Anchor* anchor) {
  SL_TRY(Flush(tx));
  std::string prev;
  Verified out;
  bool anchor_seen = false;
  Status st = tx.ForEach(
      "SELECT id, at, user_id, username, entity, entity_id, action, before_json, after_json, "
      "region_path, prev_hash, hash, hash_v FROM audit ORDER BY id",
      {}, [&](const db::Row& r) -> Status {
        const std::string at = r.Str(1), username = r.Str(3), entity = r.Str(4), action = r.Str(6),
                          before = r.Str(7), after = r.Str(8), path = r.Str(9);
        const std::string expect =
            RowHash(prev, {at, r.Int(2), username, entity, r.Int(5), action, before, after, path},
                    r.Int(12));
        if (r.Str(10) != prev || r.Str(11) != expect)
          return Error::Internal("audit chain broken at row " + std::to_string(r.Int(0)));
        if (anchor && r.Int(0) == anchor->id) {
          if (r.Str(11) != anchor->hash)
            return Error::Internal("audit row " + std::to_string(r.Int(0)) +
                                   " differs from the anchor: the log before it was changed");
          anchor_seen = true;
        }
        prev = r.Str(11);
        ++out.rows;
        out.head = Anchor{r.Int(0), prev, at};
        return OkStatus();
      });
  SL_TRY(st);
  // The newest row must be the head every write left: rows deleted from the
  // end leave a head that no row has.
  SL_ASSIGN_OR_RETURN(auto head, tx.QueryOne("SELECT hash FROM audit_head WHERE id = 1"));
  if (!head || head->Str(0) != prev)
    return Error::Internal("the audit head does not match the newest row: rows were removed");
  if (anchor && !anchor_seen)
    return Error::Internal("audit row " + std::to_string(anchor->id) +
                           " of the anchor is missing: the log was cut");
  return out;
}

namespace {
// Fields of an entity's snapshots that only a permission may read: others get
// them as null (phones are masked in the snapshot itself).
struct Withheld {
  std::string_view entity, field, permission;
};
constexpr Withheld kWithheld[] = {{"person", "birth_date", "people.sensitive"}};

void Withhold(const Caller& caller, Json& items) {
  for (const Withheld& w : kWithheld) {
    if (caller.Can(std::string(w.permission))) continue;
    for (Json& item : items)
      for (const char* side : {"before", "after"})
        if (item["entity"].get<std::string>() == w.entity)
          if (item[side].is_object() && item[side].contains(w.field))
            item[side][std::string(w.field)] = nullptr;
  }
}
}  // namespace

Result<Response> HandleList(db::Database& db, const Request& request) {
  Filter f;
  f.entity = QueryText(request, "entity");
  if (!f.entity.empty() && !KnownEntity(f.entity))
    return Error::BadRequest("audit_entity_unknown", {f.entity});
  if (auto id_text = request.Query("id")) {
    auto id = ParseInt(*id_text);
    // An id names a record of an entity.
    if (!id || *id <= 0 || f.entity.empty()) return Error::BadRequest("bad_query", {"id"});
    f.entity_id = *id;
  }
  f.username = QueryText(request, "user");
  f.action = QueryText(request, "action");
  SL_ASSIGN_OR_RETURN(f.from, QueryDate(request, "from"));
  SL_ASSIGN_OR_RETURN(f.to, QueryDate(request, "to"));
  SL_ASSIGN_OR_RETURN(Page page, ParsePage(request));
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
  SL_ASSIGN_OR_RETURN(Json out, List(*tx, request.caller->view, f, page));
  Withhold(*request.caller, out["items"]);
  return Response::Ok(std::move(out));
}

}  // namespace sl::audit
