#include <algorithm>
#include <cmath>
#include <cstring>

#include "io/xlsx_parts.hpp"
#include "text/utf8.hpp"

namespace sl::io {

namespace xlsx {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

// "_xHHHH_" at s[i]: the code unit, or -1.
int32_t EscapeAt(std::string_view s, size_t i) {
  if (i + 7 > s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') return -1;
  uint32_t v = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    const char c = s[k];
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v |= static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      v |= static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return -1;
    }
  }
  return static_cast<int32_t>(v);
}

// OOXML strings escape characters XML cannot carry as _xHHHH_ (Excel writes
// a carriage return as _x000D_, a literal "_x" as _x005F_x).
void AppendUnescaped(std::string_view s, std::string& out) {
  size_t i = 0;
  for (;;) {
    const size_t p = s.find("_x", i);
    if (p == std::string_view::npos) {
      out.append(s.substr(i));
      return;
    }
    int32_t u = EscapeAt(s, p);
    if (u < 0) {
      out.append(s.substr(i, p + 2 - i));
      i = p + 2;
      continue;
    }
    out.append(s.substr(i, p - i));
    i = p + 7;
    uint32_t cp = static_cast<uint32_t>(u);
    if (cp >= 0xD800 && cp < 0xDC00) {
      const int32_t lo = EscapeAt(s, i);
      if (lo >= 0xDC00 && lo < 0xE000) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<uint32_t>(lo) - 0xDC00);
        i += 7;
      } else {
        cp = 0xFFFD;
      }
    } else if (cp >= 0xDC00 && cp < 0xE000) {
      cp = 0xFFFD;
    }
    if (cp != 0) text::AppendUtf8(out, cp);
  }
}

std::string ColumnName(int col) {
  std::string s;
  for (int c = col + 1; c > 0; c = (c - 1) / 26)
    s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
  return s;
}

// Days since 1970-01-01 -> civil date (H. Hinnant's algorithm).
void CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

// Date or time: built-in ids, or y/m/d/h/s outside quotes, brackets and
// escapes. Time only: h or s but neither y nor d ("m" may be minutes).
StyleKind KindOfFormat(int id, std::string_view code) {
  if (code.empty()) {
    if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47) || (id >= 32 && id <= 35) || id == 55 ||
        id == 56)
      return StyleKind::kTime;
    // 14-22 everywhere; 27-36 and 50-58 are the zh-CN/zh-TW/ja/ko built-ins
    // that Chinese Excel and WPS write without defining them.
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
      return StyleKind::kDate;
    return StyleKind::kPlain;
  }
  bool date = false, time = false, month_or_minute = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const size_t q = code.find('"', i + 1);
      if (q == std::string_view::npos) break;
      i = q;
    } else if (c == '[') {
      const size_t q = code.find(']', i + 1);
      if (q == std::string_view::npos) break;
      i = q;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else {
      switch (c | 0x20) {
        case 'y':
        case 'd':
          date = true;
          break;
        case 'h':
        case 's':
          time = true;
          break;
        case 'm':
          month_or_minute = true;
          break;
        default:
          break;
      }
    }
  }
  if (date) return StyleKind::kDate;
  if (time) return StyleKind::kTime;
  return month_or_minute ? StyleKind::kDate : StyleKind::kPlain;
}

std::string SerialToIso(double serial, bool date1904, bool time_only) {
  // 9999-12-31 is Excel's last day.
  const double max_serial = date1904 ? 2957003.0 : 2958465.0;
  if (!std::isfinite(serial) || serial < 0 || serial >= max_serial + 1) return {};
  double whole = std::floor(serial);
  int64_t secs = std::llround((serial - whole) * 86400.0);
  if (secs >= 86400) {
    whole += 1;
    secs -= 86400;
  }
  char buf[40];
  const int hh = static_cast<int>(secs / 3600), mi = static_cast<int>(secs / 60 % 60),
            ss = static_cast<int>(secs % 60);
  // The 1900 system has no day 0: a value below 1 is a time of day.
  if ((time_only || !date1904) && whole < 1 && serial < 1) {
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", hh, mi, ss);
    return buf;
  }
  auto days = static_cast<int64_t>(whole);
  int64_t epoch;  // days from 1970-01-01 to the system's day 0
  if (date1904) {
    epoch = -24107;  // 1904-01-01
  } else {
    epoch = -25569;  // 1899-12-30; serials below 60 precede Excel's fictitious 1900-02-29
    if (days < 60) ++days;
  }
  int64_t y;
  unsigned m, d;
  CivilFromDays(epoch + days, y, m, d);
  if (secs == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(y), m, d);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d", static_cast<int>(y), m, d, hh,
                  mi, ss);
  }
  return buf;
}

// t="d" (ISO 8601 in the cell): "2024-01-05T10:30:00" -> "2024-01-05 10:30:00",
// midnight dropped.
std::string IsoFromDateCell(std::string_view v) {
  v = Trim(v);
  std::string s(v);
  if (s.size() >= 19 && s[10] == 'T') s[10] = ' ';
  if (s.size() > 19 && s[10] == ' ') s.resize(19);  // fractions, zone
  if (EndsWith(s, " 00:00:00")) s.resize(10);
  return s;
}
Error Malformed(const XmlParser& p, std::string what) {
  return Error::BadRequest("xlsx_malformed_xml",
                           {p.part(), std::to_string(p.line()), std::move(what)});
}

Error TooLarge(std::string key, std::vector<std::string> args) {
  Error e = Error::BadRequest(std::move(key), std::move(args));
  e.code = ErrorCode::kPayloadTooLarge;
  return e;
}
std::string ResolveTarget(std::string_view base_dir, std::string_view target) {
  std::string path = !target.empty() && target[0] == '/'
                         ? std::string(target.substr(1))
                         : std::string(base_dir) + std::string(target);
  std::vector<std::string> parts;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    std::string seg = path.substr(i, j - i);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(std::move(seg));
    }
    i = j + 1;
  }
  std::string out;
  for (const auto& s : parts) {
    if (!out.empty()) out.push_back('/');
    out += s;
  }
  return out;
}

std::string DirOf(std::string_view part) {
  const size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

std::string RelsPathOf(std::string_view part) {
  const size_t slash = part.rfind('/');
  const std::string_view file = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return DirOf(part) + "_rels/" + std::string(file) + ".rels";
}

}  // namespace xlsx

Result<std::pair<int, int64_t>> ParseCellRef(std::string_view ref) {
  size_t i = 0;
  int col = 0;
  while (i < ref.size() && i < 4) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + (c - 'A' + 1);
    ++i;
  }
  if (i == 0 || i > 3) return Error::BadRequest("xlsx_bad_cell_ref", {"", std::string(ref)});
  int64_t row = 0;
  if (i < ref.size()) {
    // Absolute references ($A$1) do not occur in cells, so digits only.
    if (!xlsx::ParseUnsigned(ref.substr(i), row) || row < 1 || row > xlsx::kMaxRows ||
        ref[i] == '+' || ref.substr(i).find_first_not_of("0123456789") != std::string_view::npos)
      return Error::BadRequest("xlsx_bad_cell_ref", {"", std::string(ref)});
  }
  return std::make_pair(col - 1, row);
}

bool IsDateFormat(int num_fmt_id, std::string_view format_code) {
  return xlsx::KindOfFormat(num_fmt_id, format_code) != xlsx::StyleKind::kPlain;
}

std::string ExcelSerialToIso(double serial, bool date1904) {
  return xlsx::SerialToIso(serial, date1904, false);
}

std::string FormatNumber(double v) {
  if (v == 0) return "0";  // also -0
  char buf[64];
  // Whole numbers below 10^16 are exact: print all their digits. Otherwise
  // the shortest text that reads back as the same double, in %g style
  // ("1e+20", "0.30000000000000004", "1e-07").
  if (std::fabs(v) < 1e16 && v == std::trunc(v)) {
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(v));
    return std::string(buf, p);
  }
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general);
  if (ec != std::errc()) return {};
  return std::string(buf, p);
}

}  // namespace sl::io
