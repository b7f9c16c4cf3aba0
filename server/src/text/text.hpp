#pragma once
// Chinese text for matching and ordering names: Traditional/Simplified and
// width folding, pinyin readings, the search_text and sort_key column values.
// Every function is thread-safe; the OpenCC and ICU data load on first use
// (or at WarmUp()).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace sl::text {

// Loads OpenCC t2s, the ICU transliterator and the pinyin collator now, so that
// startup fails fast and the first request does not pay ~0.15 s. Optional: the
// functions below degrade (no Traditional folding, code-point order) if a
// library's data is missing, and WarmUp() is how to find out.
Status WarmUp();

// The form used to compare text: Traditional -> Simplified (OpenCC t2s),
// full-width ASCII -> ASCII, ASCII lowercased, whitespace (also U+3000 and
// control characters) trimmed and inner runs collapsed to one space, zero-width
// characters dropped. Invalid UTF-8 becomes U+FFFD.
std::string Fold(std::string_view s);

// Fold() for a search box: a pinyin query also loses its spaces and
// apostrophes ("nan shi", "xi'an"), since pinyin tokens in search_text have none.
std::string FoldQuery(std::string_view query);

// Whether a folded query is pinyin-like: ASCII letters, possibly with spaces or
// apostrophes between syllables.
bool IsPinyinQuery(std::string_view folded);

// All toneless lowercase readings of one Han character, the most common in
// names and places first; ü is written "v" (吕 -> "lv"). ICU Han-Latin gives a
// single reading, so polyphonic name characters come from a curated table
// (曾 zeng/ceng, 长 chang/zhang, ...). Empty for non-Han or unknown characters.
std::vector<std::string> PinyinReadings(char32_t c);

// Separator of the tokens in SearchText(). Pinyin tokens never contain it, so a
// folded query without a space never matches across two tokens; only the name
// token can contain a space (a name written with one).
inline constexpr char kSearchTextSeparator = ' ';

// At most this many reading combinations of a name go into SearchText(); past
// it, further polyphonic characters contribute only their first readings.
inline constexpr std::size_t kMaxReadingCombinations = 16;

// The search_text column value: `search_text LIKE '%' || FoldQuery(q) || '%'`
// finds the row when q is a substring of the (Simplified) name, of its full
// pinyin ("nanshizhen") or of its pinyin initials ("nsz"). Tokens: the folded
// name, then per reading combination the full pinyin and the initials; non-Han
// characters pass through folded ("A座" -> "a座 azuo az"); a reading with ü is
// spelled both with v and with u (lv, lu).
std::string SearchText(std::string_view name);

// The rows of the search index of a name: every suffix, starting at a
// character, of every token of SearchText() (name, full pinyin, initials),
// cut to kSearchTokenMaxBytes, sorted and without repeats. A folded query q
// (FoldQuery) is a substring of a token exactly when some index row starts
// with q, so `token >= q AND token < PrefixUpperBound(q)` finds the record by
// a range scan; pinyin suffixes start on syllables ("zhangjiali": jiali, li).
// "张佳丽" -> 丽 佳丽 张佳丽 jiali jl l li zhangjiali zjl.
std::vector<std::string> SearchTokens(std::string_view name);
inline constexpr std::size_t kSearchTokenMaxBytes = 24;

// The starts of a record's index rows, for a test of one record at a time:
// each row (SearchTokens) cut to kSearchStartBytes (whole characters) after a
// kSearchStartMark, without repeats. Folding turns control characters into
// spaces, so neither a name nor a query holds the mark, and a folded query q
// of at most kSearchStartBytes is found in `kSearchStartMark + q` exactly when
// some index row starts with q. A broad search (a letter, a surname) walks a
// list's order and tests each record so instead of gathering every index row
// that starts with q (store::PageRows).
inline constexpr std::size_t kSearchStartBytes = 6;
inline constexpr char kSearchStartMark = '\x1f';
std::string SearchStarts(const std::vector<std::string>& tokens);

// The part of a folded query that the index can look up: its first
// kSearchTokenMaxBytes (whole characters). Past that, confirm with search_text.
std::string SearchTokenPrefix(std::string_view folded_query);

// A lowercase hex string whose bytewise order is pinyin order: the ICU
// "zh@collation=pinyin" sort key of the name's first readings (so 长沙 sorts
// as chang-sha; ICU alone files it under zhang), then that of the folded name
// to break ties. Numbers sort by value (2组 before 10组); Latin letters sort
// among the pinyin ("a座" right after 阿).
std::string SortKey(std::string_view name);

}  // namespace sl::text
