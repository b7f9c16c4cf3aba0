#include "text/utf8.hpp"

namespace sl::text {

namespace {

// The length of the sequence a lead byte starts (0: not a lead byte) and the
// allowed range of its second byte (which rules out overlong forms,
// surrogates and code points above U+10FFFF).
struct Lead {
  std::size_t len = 0;
  char32_t bits = 0;
  unsigned char lo = 0x80, hi = 0xBF;
};

Lead LeadOf(unsigned char b0) {
  Lead l;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    l.len = 2;
    l.bits = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    l.len = 3;
    l.bits = b0 & 0x0F;
    if (b0 == 0xE0) l.lo = 0xA0;
    if (b0 == 0xED) l.hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    l.len = 4;
    l.bits = b0 & 0x07;
    if (b0 == 0xF0) l.lo = 0x90;
    if (b0 == 0xF4) l.hi = 0x8F;
  }
  return l;
}

bool Continues(const Lead& l, std::size_t k, unsigned char b) {
  return k == 1 ? (b >= l.lo && b <= l.hi) : (b >= 0x80 && b <= 0xBF);
}

}  // namespace

char32_t DecodeUtf8(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  const Lead l = LeadOf(b0);
  if (l.len == 0) {
    ++i;
    return kReplacement;
  }
  char32_t c = l.bits;
  std::size_t k = 1;
  for (; k < l.len && i + k < s.size(); ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (!Continues(l, k, b)) break;
    c = (c << 6) | (b & 0x3F);
  }
  i += k;
  return k == l.len ? c : kReplacement;
}

void AppendUtf8(std::string& out, char32_t c) {
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

std::string EncodeUtf8(char32_t c) {
  std::string out;
  AppendUtf8(out, c);
  return out;
}

std::size_t Utf8ValidPrefix(std::string_view s, bool& truncated) {
  truncated = false;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    const Lead l = LeadOf(b0);
    if (l.len == 0) return i;
    for (std::size_t k = 1; k < l.len; ++k) {
      if (i + k >= s.size()) {
        truncated = true;
        return i;
      }
      if (!Continues(l, k, static_cast<unsigned char>(s[i + k]))) return i;
    }
    i += l.len;
  }
  return i;
}

std::size_t CharCount(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) n += DecodeUtf8(s, i) > 0xFFFF ? 2 : 1;
  return n;
}

std::string Truncate(std::string_view s, std::size_t max_chars) {
  std::size_t n = 0, i = 0;
  while (i < s.size()) {
    std::size_t next = i;
    n += DecodeUtf8(s, next) > 0xFFFF ? 2 : 1;
    if (n > max_chars) break;
    i = next;
  }
  return std::string(s.substr(0, i));
}

}  // namespace sl::text
