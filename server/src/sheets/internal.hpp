#pragma once
// What sheets.cpp and import.cpp share and nothing outside the feature uses.

#include <string>
#include <vector>

#include "sheets/sheets.hpp"

namespace sl::sheets::internal {

// Excel's limit on a cell's text.
inline constexpr size_t kMaxCellChars = 32767;

// A column's header in a language.
const char* Header(const Column& c, Lang lang);
// Which column each header names; -1 for absent columns.
std::vector<int> MatchHeaders(const std::vector<Column>& columns,
                              const std::vector<std::string>& headers);
// The header of the column a field's error belongs to ("" when none).
std::string ColumnHeader(const SheetKind& kind, const std::string& key, Lang lang);

}  // namespace sl::sheets::internal
