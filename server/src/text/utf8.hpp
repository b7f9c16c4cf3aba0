#pragma once
// UTF-8, the one codec of the server: decoding with replacement of invalid
// input, encoding, and the valid prefix of a byte string (how uploads tell
// UTF-8 from GB18030).

#include <cstddef>
#include <string>
#include <string_view>

namespace sl::text {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at s[i] and advances i. Invalid or truncated UTF-8
// (overlong forms, surrogates, > U+10FFFF) yields U+FFFD and skips the maximal
// invalid prefix, at least one byte, so that bad input is reported, never
// echoed raw.
char32_t DecodeUtf8(std::string_view s, std::size_t& i);
// Appends the UTF-8 form of a code point (<= U+10FFFF).
void AppendUtf8(std::string& out, char32_t c);
std::string EncodeUtf8(char32_t c);
// Length of the longest prefix of complete, valid UTF-8 sequences;
// `truncated` tells whether what follows is a valid but incomplete sequence at
// the end.
std::size_t Utf8ValidPrefix(std::string_view s, bool& truncated);
// Characters as Excel counts them (UTF-16 units: 2 past U+FFFF).
std::size_t CharCount(std::string_view s);
// The longest prefix of `s` of at most `max_chars` characters (as CharCount).
std::string Truncate(std::string_view s, std::size_t max_chars);

}  // namespace sl::text
