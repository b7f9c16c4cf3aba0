#include "registry/validators.hpp"

#include <array>
#include <stdexcept>
#include <utility>
#include <vector>

#include "core/date.hpp"

#include "text/utf8.hpp"

namespace sl::registry {

namespace {

// Text handling ---------------------------------------------------------------

bool IsBlank(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\v' || c == U'\f' ||
         c == 0x00A0 || c == 0x3000 || c == 0x200B || c == 0xFEFF;
}

// Decodes `input`, folds full-width forms (０-９, Ａ-Ｚ, ａ-ｚ, －, （）, ＋ ...) and
// the ideographic space to ASCII, typographic dashes to '-', and trims blanks
// (including a byte order mark or zero-width space from a pasted cell).
std::u32string Fold(std::string_view input) {
  std::u32string out;
  for (size_t i = 0; i < input.size();) {
    char32_t c = text::DecodeUtf8(input, i);
    if (c >= 0xFF01 && c <= 0xFF5E) {
      c -= 0xFEE0;
    } else if (c == 0x3000) {
      c = U' ';
    } else if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212) {
      c = U'-';
    }
    out += c;
  }
  size_t begin = 0, end = out.size();
  while (begin < end && IsBlank(out[begin])) ++begin;
  while (end > begin && IsBlank(out[end - 1])) --end;
  return out.substr(begin, end - begin);
}

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// The ASCII string of `s`; callers have checked that every character is ASCII.
std::string Narrow(const std::u32string& s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) out += static_cast<char>(c);
  return out;
}

// Everything but the last 4 characters as asterisks (all of them when there
// are 4 or fewer): the safe display of a value that is not well formed.
std::string MaskAllButLast4(std::string_view value) {
  const std::u32string s = Fold(value);
  std::string out;
  for (size_t i = 0; i < s.size(); ++i)
    out += s.size() > 4 && i + 4 >= s.size() ? text::EncodeUtf8(s[i]) : "*";
  return out;
}

Error FieldError(std::string_view field, std::string key, std::vector<std::string> args = {}) {
  return Error::Invalid({{std::string(field), Text{std::move(key), std::move(args)}}});
}

// Dates -------------------------------------------------------------------------

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool IsRealDate(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  const int days = m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
  return d <= days;
}

// ID cards ----------------------------------------------------------------------

// Province-level codes of GB/T 2260 (71 Taiwan, 81 Hong Kong, 82 Macao) and
// 83, which residence permits of Taiwan residents use.
bool IsProvinceCode(std::string_view two) {
  static constexpr std::array<std::string_view, 35> kProvinces = {
      "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
      "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
      "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83"};
  for (auto p : kProvinces)
    if (p == two) return true;
  return false;
}

// USCC --------------------------------------------------------------------------

// The value of a character of kUsccAlphabet, or -1.
int UsccValue(char c) {
  const size_t pos = kUsccAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// Registration authorities of GB 32100-2015 table 1: 1 机构编制, 2 外交, 3 司法行政,
// 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商 (market regulation), A 中央军委改革和
// 编制办公室, N 农业 (rural collective economic organizations), Y 其他.
bool IsAuthority(char32_t c) {
  return (c >= U'1' && c <= U'9') || c == U'A' || c == U'N' || c == U'Y';
}

bool InUsccAlphabet(char32_t c) { return c < 0x80 && UsccValue(static_cast<char>(c)) >= 0; }

// Phones --------------------------------------------------------------------------

bool IsPhoneSeparator(char32_t c) { return c == U' ' || c == U'-' || c == U'(' || c == U')'; }

}  // namespace

// ID cards ------------------------------------------------------------------------

std::optional<char> IdCardCheckChar(std::string_view first17) {
  // ISO 7064 MOD 11-2: weight 2^(18-i) mod 11 for position i, the check
  // character makes the weighted sum of all 18 congruent to 1 (mod 11).
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  if (first17.size() != 17 || !IsDigits(first17)) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return "10X98765432"[sum % 11];
}

Result<IdCard> ParseIdCard(std::string_view input, std::string_view field, std::string_view today) {
  std::u32string s = Fold(input);
  if (s.size() != 18) return FieldError(field, "id_card_length", {std::to_string(s.size())});
  if (s[17] == U'x') s[17] = U'X';
  for (size_t i = 0; i < 18; ++i) {
    if (IsDigit(s[i]) || (i == 17 && s[i] == U'X')) continue;
    return FieldError(field, "id_card_characters", {std::to_string(i + 1), text::EncodeUtf8(s[i])});
  }
  const std::string n = Narrow(s);

  if (!IsProvinceCode(n.substr(0, 2))) return FieldError(field, "id_card_region", {n.substr(0, 2)});

  const std::string date = n.substr(6, 4) + "-" + n.substr(10, 2) + "-" + n.substr(12, 2);
  if (!IsRealDate(std::stoi(n.substr(6, 4)), std::stoi(n.substr(10, 2)),
                  std::stoi(n.substr(12, 2))))
    return FieldError(field, "id_card_birth_date", {date});
  if (date < "1900-01-01") return FieldError(field, "id_card_birth_early", {date});
  // ISO dates compare as text.
  if (date > (today.empty() ? TodayInChina() : std::string(today)))
    return FieldError(field, "id_card_birth_future", {date});

  const char check = *IdCardCheckChar(std::string_view(n).substr(0, 17));
  if (n[17] != check) return FieldError(field, "id_card_check_digit", {std::string(1, check)});

  IdCard card;
  card.number = n;
  card.region = n.substr(0, 6);
  card.birth_date = date;
  card.gender = (n[16] - '0') % 2 == 1 ? "male" : "female";
  card.masked = MaskIdCard(n);
  return card;
}

std::string MakeIdCard(std::string_view region6, std::string_view birth_yyyymmdd,
                       std::string_view sequence3) {
  if (region6.size() != 6 || birth_yyyymmdd.size() != 8 || sequence3.size() != 3 ||
      !IsDigits(region6) || !IsDigits(birth_yyyymmdd) || !IsDigits(sequence3))
    throw std::invalid_argument("MakeIdCard: want 6 + 8 + 3 digits");
  std::string n = std::string(region6) + std::string(birth_yyyymmdd) + std::string(sequence3);
  n += *IdCardCheckChar(n);
  return n;
}

std::string MaskIdCard(std::string_view number) {
  std::u32string s = Fold(number);
  if (s.size() == 18) {
    std::string out;
    for (size_t i = 0; i < 6; ++i) out += text::EncodeUtf8(s[i]);
    out += "********";
    if (s[17] == U'x') s[17] = U'X';
    for (size_t i = 14; i < 18; ++i) out += text::EncodeUtf8(s[i]);
    return out;
  }
  return MaskAllButLast4(number);
}

// USCC ----------------------------------------------------------------------------

std::optional<char> UsccCheckChar(std::string_view first17) {
  // GB 32100-2015 (after GB/T 17710): weight 3^(i-1) mod 31 for position i,
  // check value 31 - sum mod 31, where 31 reads as 0.
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  if (first17.size() != 17) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    const int v = UsccValue(first17[i]);
    if (v < 0) return std::nullopt;
    sum += v * kWeights[i];
  }
  return kUsccAlphabet[(31 - sum % 31) % 31];
}

std::optional<char> OrgCodeCheckChar(std::string_view first8) {
  // GB 11714-1997: digits are 0-9 and the letters A-Z are 10-35 (its own
  // character set, wider than kUsccAlphabet); C9 = 11 - sum mod 11, where 10
  // is written X and 11 is written 0.
  static constexpr int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  if (first8.size() != 8) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) {
    const char c = first8[i];
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    if (c >= 'A' && c <= 'Z') v = c - 'A' + 10;
    if (v < 0) return std::nullopt;
    sum += v * kWeights[i];
  }
  const int c9 = 11 - sum % 11;
  return c9 == 10 ? 'X' : c9 == 11 ? '0' : static_cast<char>('0' + c9);
}

Result<Uscc> ParseUscc(std::string_view input, std::string_view field) {
  std::u32string s = Fold(input);
  if (s.size() != 18) return FieldError(field, "uscc_length", {std::to_string(s.size())});
  for (auto& c : s)
    if (c >= U'a' && c <= U'z') c -= U'a' - U'A';
  for (size_t i = 0; i < 18; ++i) {
    if (!InUsccAlphabet(s[i]))
      return FieldError(field, "uscc_characters", {std::to_string(i + 1), text::EncodeUtf8(s[i])});
  }
  for (size_t i = 2; i < 8; ++i) {
    if (!IsDigit(s[i]))
      return FieldError(field, "uscc_region", {std::to_string(i + 1), text::EncodeUtf8(s[i])});
  }
  if (!IsAuthority(s[0])) return FieldError(field, "uscc_authority", {text::EncodeUtf8(s[0])});
  const std::string code = Narrow(s);
  const std::string_view view = code;

  // Positions 9-17 are an organization code whose own check character
  // (position 17) GB 32100 requires, so it is enforced. Every published code
  // we checked passes it; the codes seen failing a check are pre-standard
  // pilot codes (Fujian, 2014-2015: 91350200M000000510, 91350211M0000XUF46),
  // and those fail the MOD 31 check of position 18, not this one. When both
  // checks fail, the mistake is most likely in positions 9-17, so that is
  // what we say rather than proposing a new last character.
  const char org_check = *OrgCodeCheckChar(view.substr(8, 8));
  if (code[16] != org_check)
    return FieldError(field, "uscc_org_check", {std::string(1, org_check)});
  const char check = *UsccCheckChar(view.substr(0, 17));
  if (code[17] != check) return FieldError(field, "uscc_check", {std::string(1, check)});

  Uscc u;
  u.code = code;
  u.authority = code.substr(0, 1);
  u.category = code.substr(1, 1);
  u.region = code.substr(2, 6);
  u.org_code = code.substr(8, 9);
  u.check = code.substr(17, 1);
  return u;
}

std::string MakeUscc(std::string_view authority_category, std::string_view region6,
                     std::string_view org8) {
  const auto in_alphabet = [](std::string_view s) {
    for (char c : s)
      if (UsccValue(c) < 0) return false;
    return true;
  };
  if (authority_category.size() != 2 || region6.size() != 6 || org8.size() != 8 ||
      !IsAuthority(static_cast<unsigned char>(authority_category[0])) ||
      !in_alphabet(authority_category) || !IsDigits(region6) || !in_alphabet(org8))
    throw std::invalid_argument("MakeUscc: want authority+category, 6 digits, 8 characters");
  std::string code = std::string(authority_category) + std::string(region6) + std::string(org8);
  code += *OrgCodeCheckChar(org8);
  code += *UsccCheckChar(code);
  return code;
}

// Phones --------------------------------------------------------------------------

Result<Phone> ParsePhone(std::string_view input, std::string_view field) {
  std::u32string s = Fold(input);
  for (auto& c : s)
    if (c >= U'A' && c <= U'Z') c += U'a' - U'A';
  if (s.empty()) return FieldError(field, "phone_format");

  // An extension after an explicit marker; the earliest marker wins, and at
  // the same place the longer one ("ext" before "x").
  std::u32string main = s, ext_text;
  bool has_ext = false;
  {
    static const std::u32string kMarkers[] = {U"分机号", U"分機號", U"分机", U"分機", U"转",
                                              U"轉",     U"ext.",   U"ext",  U"x",    U"#"};
    size_t best = std::u32string::npos, best_len = 0;
    for (const auto& m : kMarkers) {
      const size_t p = s.find(m);
      if (p != std::u32string::npos && (p < best || (p == best && m.size() > best_len))) {
        best = p;
        best_len = m.size();
      }
    }
    if (best != std::u32string::npos) {
      main = s.substr(0, best);
      ext_text = s.substr(best + best_len);
      has_ext = true;
    }
  }

  // Digits of the main part, and where separators split them into groups.
  std::string digits;
  std::vector<size_t> breaks;
  bool plus = false;
  for (char32_t c : main) {
    if (IsDigit(c)) {
      digits += static_cast<char>(c);
    } else if (c == U'+' && digits.empty() && !plus) {
      plus = true;
    } else if (IsPhoneSeparator(c)) {
      if (!digits.empty() && (breaks.empty() || breaks.back() != digits.size()))
        breaks.push_back(digits.size());
    } else {
      return FieldError(field, "phone_characters");
    }
  }
  std::string ext;
  if (has_ext) {
    for (char32_t c : ext_text) {
      if (IsDigit(c)) {
        ext += static_cast<char>(c);
      } else if (!IsPhoneSeparator(c) && c != U'.' && c != U':') {
        return FieldError(field, "phone_extension");
      }
    }
  }

  // The country prefix: +86 or 0086. After it, a landline loses its leading
  // 0 (+86 10 12345678, +86 746 7654321); we put it back.
  const auto drop_front = [&](size_t n) {
    digits.erase(0, n);
    std::vector<size_t> kept;
    for (size_t b : breaks)
      if (b > n) kept.push_back(b - n);
    breaks = std::move(kept);
  };
  bool international = false;
  if (plus) {
    if (digits.rfind("86", 0) != 0) return FieldError(field, "phone_country");
    drop_front(2);
    international = true;
  } else if (digits.rfind("0086", 0) == 0) {
    drop_front(4);
    international = true;
  }
  if (digits.empty()) return FieldError(field, "phone_format");
  if (international && digits[0] != '0' && (digits[0] != '1' || digits.rfind("10", 0) == 0)) {
    digits.insert(digits.begin(), '0');
    for (auto& b : breaks) ++b;
  }

  if (digits[0] == '1') {
    if (digits.size() != 11 || digits[1] < '3') return FieldError(field, "phone_mobile");
    if (has_ext) return FieldError(field, "phone_extension");
    Phone p;
    p.number = digits;
    p.kind = "mobile";
    return p;
  }

  if (digits[0] == '0') {
    // Area codes: 010 and 020-029 (two digits after the 0, 8-digit local
    // numbers), otherwise three digits after the 0 (7 or 8 digits).
    if (digits.size() < 3 || digits[1] == '0' || (digits[1] == '1' && digits[2] != '0'))
      return FieldError(field, "phone_landline");
    const size_t area = digits[1] == '1' || digits[1] == '2' ? 3 : 4;
    if (digits.size() <= area) return FieldError(field, "phone_landline");
    std::string local = digits.substr(area);
    // 0746-7654321-801: a last group that starts right after 7 or 8 local
    // digits is the extension. Without separators the split is ambiguous.
    if (!has_ext && local.size() > 8 && !breaks.empty()) {
      const size_t b = breaks.back();
      if (b > area && (b - area == 7 || b - area == 8) && b < digits.size()) {
        ext = digits.substr(b);
        local = digits.substr(area, b - area);
        has_ext = true;
      }
    }
    const size_t min_local = area == 3 ? 8 : 7;
    if (local.size() < min_local || local.size() > 8 || local[0] < '2')
      return FieldError(field, "phone_landline");
    if (has_ext && (ext.empty() || ext.size() > 6)) return FieldError(field, "phone_extension");
    Phone p;
    p.kind = "landline";
    p.area_code = digits.substr(0, area);
    p.local = local;
    p.extension = ext;
    p.number = p.area_code + "-" + local + (ext.empty() ? "" : "-" + ext);
    return p;
  }

  if ((digits.size() == 7 || digits.size() == 8) && !international)
    return FieldError(field, "phone_area_code");
  return FieldError(field, "phone_format");
}

std::string MaskPhone(std::string_view phone) {
  auto parsed = ParsePhone(phone);
  if (!parsed.ok()) return MaskAllButLast4(phone);
  const Phone& p = *parsed;
  if (p.kind == "mobile") return p.number.substr(0, 3) + "****" + p.number.substr(7);
  return p.area_code + "-" + std::string(p.local.size() - 4, '*') +
         p.local.substr(p.local.size() - 4) + (p.extension.empty() ? "" : "-" + p.extension);
}

}  // namespace sl::registry
