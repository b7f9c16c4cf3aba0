#pragma once
// The region subtree a figures route answers for: the region the caller
// names (who must see all of it), and with `by=child` its children, so that
// one pass over a ledger's rows adds each row to the whole and to the child
// it lies under.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/caller.hpp"
#include "core/json.hpp"
#include "db/db.hpp"
#include "regions/regions.hpp"

namespace sl::store {

struct Subtree {
  regions::Region place;
  std::vector<regions::Region> children;  // with by_child, the children the caller sees
  bool by_child = false;

  // bad_query without a region; NotFound outside the view; Forbidden
  // (out_of_scope) when the caller sees only part of it.
  static Result<Subtree> Of(db::Tx& tx, const Caller& caller, const std::string& code,
                            bool by_child);
  // "<column> >= ? AND <column> < ?": the rows under the region.
  std::string Range(const std::string& column, db::Params& params) const;
  // The index of the child a row at `path` lies under, or -1 (the region
  // itself, or no breakdown).
  int ChildOf(std::string_view path) const;

 private:
  std::unordered_map<std::string, int> child_at_;  // child path -> index
};

// {"code", "name", "level"} of a region.
Json PlaceJson(const regions::Region& r);

}  // namespace sl::store
