#pragma once
// Shared by the text module's .cpp files only.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.hpp"

namespace sl::text::internal {

using text::AppendUtf8;
using text::DecodeUtf8;
using text::kReplacement;

// OpenCC t2s of valid UTF-8; the input unchanged if OpenCC failed to load.
std::string TraditionalToSimplified(const std::string& s);
// Whether t2s may change a text containing c (c is in a key of a changing
// dictionary entry). False for everything if OpenCC failed to load.
bool MayChangeInT2S(char32_t c);
// Loads OpenCC once; empty on success, else why it failed.
std::string OpenCCStatus();

struct PinyinEntry {
  std::vector<std::string> readings;   // toneless, ü as v, most common first
  std::vector<std::string> spellings;  // readings plus their u-for-v spellings
  std::string sort_spelling;           // first reading, ü kept (sorts beside u)
};
// The cached readings of c; nullptr for non-Han or unknown characters.
const PinyinEntry* PinyinEntryFor(char32_t c);
// Loads the ICU transliterator once; empty on success, else why it failed.
std::string TransliteratorStatus();

// The curated readings of a polyphonic character, space-separated, or nullptr.
const char* CuratedReadings(char32_t c);

// Loads the collator once; empty on success, else why it failed.
std::string CollatorStatus();

}  // namespace sl::text::internal
