#pragma once
// The registry's ledgers as sheet kinds (http/sheet_kinds.cpp registers them).

#include <vector>

#include "sheets/sheets.hpp"

namespace sl::registry {

// People (in batches of 1,000, with the same outcomes as one by one).
sheets::SheetKind PeopleSheetKind();
// Villager groups (村民小组) of the villages, kept by the villages.
sheets::SheetKind GroupSheetKind();
// People, organizations, enterprises and chamber memberships.
std::vector<sheets::SheetKind> LedgerSheetKinds();

}  // namespace sl::registry
