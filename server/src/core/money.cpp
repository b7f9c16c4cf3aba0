#include "core/money.hpp"

#include <algorithm>
#include <cstdio>

#include "core/handler.hpp"

namespace sl {

std::optional<int64_t> ParseWan(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ','), s.end());
  const size_t dot = s.find('.');
  auto whole = ParseInt(s.substr(0, dot));
  if (!whole || *whole < 0 || *whole > 1'000'000'000) return std::nullopt;
  int64_t fen = *whole * 1'000'000;
  if (dot != std::string::npos) {
    std::string frac = s.substr(dot + 1);
    while (frac.size() > 2 && frac.back() == '0') frac.pop_back();
    if (frac.empty() || frac.size() > 6 ||
        !std::all_of(frac.begin(), frac.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
    while (frac.size() < 6) frac.push_back('0');
    fen += *ParseInt(frac);
  }
  return fen;
}

std::string FormatWan(int64_t fen) {
  char buf[40];
  if (fen % 1'000'000 == 0) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(fen / 1'000'000));
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%lld.%06lld", static_cast<long long>(fen / 1'000'000),
                static_cast<long long>(fen % 1'000'000));
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  return s;
}

}  // namespace sl
