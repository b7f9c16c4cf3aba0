#pragma once
// The glue between a feature's handlers and its store: one operation in one
// transaction, answered as JSON (or 204), and the usual handlers of a ledger —
// list, create, fetch, update, delete — put together from the feature's own
// pieces: how it reads a form, what its store does, how a record is written
// as JSON. Header-only, so that features write their handlers with it without
// depending on the HTTP server, which depends on them.

#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>

#include "core/handler.hpp"
#include "core/json.hpp"
#include "db/db.hpp"

namespace sl::http {

// f(tx) -> Result<Json>, in a read transaction; 200.
template <class F>
Result<Response> Read(db::Database& db, F&& f) {
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
  SL_ASSIGN_OR_RETURN(Json out, f(*tx));
  return Response::Ok(std::move(out));
}

// f(tx) -> Result<Json>, in a write transaction committed when it succeeds;
// answered with `status`.
template <class F>
Result<Response> Write(db::Database& db, int status, F&& f) {
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  SL_ASSIGN_OR_RETURN(Json out, f(*tx));
  SL_TRY(tx->Commit());
  Response r = Response::Ok(std::move(out));
  r.status = status;
  return r;
}

// f(tx) -> Status, in a write transaction; 204.
template <class F>
Result<Response> Remove(db::Database& db, F&& f) {
  SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kWrite));
  SL_TRY(f(*tx));
  SL_TRY(tx->Commit());
  return Response::NoContent();
}

// A record as its feature's ToJson writes it (found beside the record's type).
template <class T>
Json Plain(const T& record) {
  return ToJson(record);
}

// {"items": [...], "total": N} of a page of records.
template <class Paged, class ToJsonFn>
Json PageJson(const Paged& page, ToJsonFn&& to_json) {
  Json items = Json::array();
  for (const auto& item : page.items) items.push_back(to_json(item));
  Json out{{"items", std::move(items)}, {"total", page.total}};
  if (page.capped) out["total_capped"] = true;  // a search: more than `total` matched
  return out;
}

// A list's records written straight as text, by their AppendJson (a
// description with JsonTextFields): pass kAsText as a ListHandler's to_json.
struct AsText {};
inline constexpr AsText kAsText;

// The text PageJson(page, ToJson).dump() would be.
template <class Paged>
std::string PageText(const Paged& page) {
  std::string out;
  out.reserve(64 + 512 * page.items.size());
  out += "{\"items\":[";
  bool first = true;
  for (const auto& item : page.items) {
    if (!first) out += ',';
    first = false;
    AppendJson(out, item);
  }
  out += "],\"total\":";
  AppendJson(out, page.total);
  if (page.capped) out += ",\"total_capped\":true";
  out += '}';
  return out;
}

// The five handlers of a ledger. `read_form(body)` -> Result<Input>;
// `op(tx, caller, ...)` is the store's operation; `to_json(record)` the answer.

// GET /things: parse_filter(request) -> Result<Filter>; list(tx, caller,
// filter, page) -> Result<Paged<T>>.
template <class ParseFilter, class List, class ToJsonFn>
Result<Response> ListHandler(db::Database& db, const Request& r, ParseFilter&& parse_filter,
                             List&& list, ToJsonFn&& to_json) {
  SL_ASSIGN_OR_RETURN(Page page, ParsePage(r));
  SL_ASSIGN_OR_RETURN(auto filter, parse_filter(r));
  if constexpr (std::is_same_v<std::decay_t<ToJsonFn>, AsText>) {
    SL_ASSIGN_OR_RETURN(auto tx, db.Begin(db::Mode::kRead));
    SL_ASSIGN_OR_RETURN(auto found, list(*tx, *r.caller, filter, page));
    Response out;
    out.raw_body = PageText(found);
    return out;
  } else {
    return Read(db, [&](db::Tx& tx) -> Result<Json> {
      SL_ASSIGN_OR_RETURN(auto found, list(tx, *r.caller, filter, page));
      return PageJson(found, to_json);
    });
  }
}

// POST /things: 201 with the new record.
template <class ReadForm, class Create, class ToJsonFn>
Result<Response> CreateHandler(db::Database& db, const Request& r, ReadForm&& read_form,
                               Create&& create, ToJsonFn&& to_json) {
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(auto in, read_form(body));
  return Write(db, 201, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(auto record, create(tx, *r.caller, in));
    return to_json(record);
  });
}

// GET /things/{id}: get(tx, caller, id); NotFound(not_found) for a bad id.
template <class Get, class ToJsonFn>
Result<Response> FetchHandler(db::Database& db, const Request& r, const char* not_found, Get&& get,
                              ToJsonFn&& to_json) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, not_found));
  return Read(db, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(auto record, get(tx, *r.caller, id));
    return to_json(record);
  });
}

// PATCH /things/{id} (POST for an action on it, answered with `status`).
template <class ReadForm, class Update, class ToJsonFn>
Result<Response> UpdateHandler(db::Database& db, const Request& r, const char* not_found,
                               ReadForm&& read_form, Update&& update, ToJsonFn&& to_json,
                               int status = 200) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, not_found));
  SL_ASSIGN_OR_RETURN(Json body, ParseJsonObject(r.body));
  SL_ASSIGN_OR_RETURN(auto in, read_form(body));
  return Write(db, status, [&](db::Tx& tx) -> Result<Json> {
    SL_ASSIGN_OR_RETURN(auto record, update(tx, *r.caller, id, in));
    return to_json(record);
  });
}

// DELETE /things/{id}: 204.
template <class Delete>
Result<Response> DeleteHandler(db::Database& db, const Request& r, const char* not_found,
                               Delete&& remove) {
  SL_ASSIGN_OR_RETURN(int64_t id, PathId(r, not_found));
  return Remove(db, [&](db::Tx& tx) { return remove(tx, *r.caller, id); });
}

}  // namespace sl::http
