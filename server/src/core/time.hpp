#pragma once
// Instants are stored in UTC as ISO-8601 text ("2026-11-29T02:00:00Z"), which
// sorts correctly as text on both databases.

#include <chrono>
#include <cstdint>
#include <string>

namespace sl {

using Clock = std::chrono::system_clock;

std::string FormatUtc(Clock::time_point t);
std::string NowUtc();
// Seconds since the Unix epoch (heartbeats, expiring codes).
int64_t NowSeconds();
// Seconds from now, formatted; negative goes back.
std::string UtcFromNow(std::chrono::seconds delta);

}  // namespace sl
