#pragma once
// Who is asking, and what they may see and change. Every store function takes
// the caller's Scope as a required argument and applies it in SQL
// (db/scope.hpp); there is no unscoped path except maintenance commands.

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace sl {

// A set of region subtrees, each named by its materialized path
// ("43/4311/431127/"), or everything. Empty and not `all` means nothing:
// default deny.
struct Scope {
  bool all = false;
  std::vector<std::string> paths;
  // Pairing access (view scopes only): also the entrepreneurs this person
  // answers for today, and their enterprises, wherever they are. 0: none.
  // Applied by the registry's people and enterprise conditions
  // (db::PairedCondition); path tests (Contains, Covers) ignore it.
  int64_t paired_to = 0;

  static Scope Everything() { return {true, {}}; }
  static Scope Nothing() { return {}; }
  static Scope Subtree(std::string path) { return {false, {std::move(path)}}; }

  // Whether a row at `path` (a region path) is inside.
  bool Contains(std::string_view path) const;
  // Whether every row of `other` is inside this scope.
  bool Covers(const Scope& other) const;
};

struct Caller {
  int64_t user_id = 0;
  std::string username;
  std::vector<std::string> roles;
  std::set<std::string> permissions;
  Scope view;     // the subtrees this caller may read
  Scope capture;  // the subtrees this caller may change
  // The registry person this user is (a leader), or 0. Pairing access: what
  // is paired to this person is theirs to read and act on, whatever the scopes.
  int64_t person_id = 0;

  bool Can(const std::string& permission) const { return permissions.count(permission) > 0; }
};

}  // namespace sl
