#pragma once
// The append-only change log: every write records who, when, which entity,
// before and after, in the same transaction as the write. Rows are chained by
// hash (hash = sha256(prev_hash, row)) so that tampering is visible.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/caller.hpp"
#include "core/handler.hpp"
#include "core/json.hpp"
#include "db/db.hpp"

namespace sl::audit {

struct Actor {
  int64_t user_id = 0;  // 0: the system (command line, demo set-up)
  std::string username;
};
Actor ActorOf(const Caller& caller);
Actor System(std::string name = "system");

// The entities the log knows, by their singular names ("user", "region", ...).
bool KnownEntity(std::string_view entity);

// Appends one row. `before` is null for a creation, `after` null for a
// deletion. `region_path` places the row for scope checks ("" = no region:
// visible only to callers who see everything).
Status Record(db::Tx& tx, const Actor& actor, std::string_view entity, int64_t entity_id,
              std::string_view action, const Json& before, const Json& after,
              std::string_view region_path);

// Marks the figures of the place at `region_path` changed by this transaction
// (figures/figures.hpp), for a write that changes the figures of another place
// than its records' own: a visit counts towards the visitor's quota where the
// visitor lives. Record marks its row's place itself.
Status Touch(db::Tx& tx, std::string_view region_path);

// Which rows a list shows: any field left empty (0) does not filter. Days
// are dates in China, `to` included.
struct Filter {
  std::string entity;
  int64_t entity_id = 0;
  std::string username, action, from, to;
};
// The rows `view` may see, newest first.
Result<Json> List(db::Tx& tx, const Scope& view, const Filter& filter, const Page& page);
// The rows about one entity that `view` may see, newest first.
Result<Json> List(db::Tx& tx, const Scope& view, std::string_view entity, int64_t entity_id,
                  const Page& page);

// A point of the chain (a row's id, hash and time), kept outside the database
// to prove later that nothing up to it changed. `Message` is what is signed.
struct Anchor {
  int64_t id = 0;
  std::string hash, at;
  std::string Message() const;
};

struct Verified {
  int64_t rows = 0;
  Anchor head;  // the newest row (id 0 when the log is empty)
};

// Recomputes the hash chain and checks that its newest row is the recorded
// head; with `anchor`, also that the anchor's row is there with its hash. An
// Internal error names what is wrong.
Result<Verified> VerifyChain(db::Tx& tx, const Anchor* anchor = nullptr);

// GET /api/v1/audit?entity=&id=&user=&action=&from=&to= (操作日志)
Result<Response> HandleList(db::Database& db, const Request& request);

}  // namespace sl::audit
