#include "core/time.hpp"

#include <ctime>

namespace sl {

std::string FormatUtc(Clock::time_point t) {
  const std::time_t tt = Clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
}

std::string NowUtc() { return FormatUtc(Clock::now()); }

std::string UtcFromNow(std::chrono::seconds delta) { return FormatUtc(Clock::now() + delta); }

}  // namespace sl
