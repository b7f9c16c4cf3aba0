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

// The rows about one entity that `view` may see, newest first.
Result<Json> List(db::Tx& tx, const Scope& view, std::string_view entity, int64_t entity_id,
                  const Page& page);

// Recomputes the hash chain; an Internal error names the first broken row.
Result<int64_t> VerifyChain(db::Tx& tx);

// GET /api/v1/audit?entity=&id=
Result<Response> HandleList(db::Database& db, const Request& request);

}  // namespace sl::audit
