#pragma once
// The 楠市镇 demo: the 蓝山县 region extract and one user per persona, all with
// the password "shuanglun". Later features add their demo data here.

#include <string>
#include <vector>

#include "core/caller.hpp"
#include "core/result.hpp"
#include "db/db.hpp"

namespace sl::demo {

inline constexpr const char* kPassword = "shuanglun";

struct Persona {
  const char* username;
  const char* role;
  const char* region;  // "" for every region
  const char* display_name;
  const char* description;  // shown by `make run`
};
const std::vector<Persona>& Personas();

// Fills an empty, migrated database. `data_dir` holds regions/*.csv.
Status Create(db::Database& db, const std::string& data_dir);

// The 楠市镇 registry (people, organizations, enterprises, the chamber), written
// in `tx` by `caller`, who must see and change 楠市镇.
Status CreateNanshiRegistry(db::Tx& tx, const Caller& caller);

}  // namespace sl::demo
