#pragma once
// What the projects' own files share. Used by projects/ alone.

#include <cstdint>
#include <vector>

#include "projects/projects.hpp"

namespace sl::projects::internal {

// Whether one of these enterprises belongs to a chamber member in the
// caller's capture scope (what the chamber's secretary may write).
Result<bool> OwnedByMember(db::Tx& tx, const Caller& caller, const std::vector<int64_t>& owners);

}  // namespace sl::projects::internal
