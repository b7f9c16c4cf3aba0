#pragma once
// Shared by the text module's .cpp files only.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sl::text::internal {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at s[i] and advances i. Invalid or truncated UTF-8
// (overlong forms, surrogates, > U+10FFFF) yields U+FFFD and skips the maximal
// invalid prefix, at least one byte.
inline char32_t DecodeUtf8(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  std::size_t len;
  char32_t c;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    c = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    c = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    c = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    ++i;
    return kReplacement;
  }
  std::size_t k = 1;
  for (; k < len; ++k) {
    if (i + k >= s.size()) break;
    const unsigned char b = byte(i + k);
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) break;
    c = (c << 6) | (b & 0x3F);
  }
  i += k;
  return k == len ? c : kReplacement;
}

inline void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

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
