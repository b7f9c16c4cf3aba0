#include "http/metrics.hpp"

#include <chrono>
#include <fstream>
#include <sstream>

namespace sl::http {

namespace {
const auto kStart = std::chrono::steady_clock::now();

// Resident memory from /proc, in bytes (0 where unavailable).
uint64_t ResidentBytes() {
  std::ifstream f("/proc/self/statm");
  uint64_t size = 0, resident = 0;
  f >> size >> resident;
  return resident * 4096;
}

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}
}  // namespace

void Metrics::Observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{method, route, status}];
  auto& h = durations_[{method, route}];
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.counts[i];
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render() const {
  std::ostringstream out;
  std::lock_guard lock(mu_);
  out << "# HELP http_requests_total HTTP requests by method, route and status.\n"
      << "# TYPE http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out << "http_requests_total{method=\"" << method << "\",route=\"" << Escape(route)
        << "\",status=\"" << status << "\"} " << n << "\n";
  }
  out << "# HELP http_request_duration_seconds Time to answer a request, by route.\n"
      << "# TYPE http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : durations_) {
    const std::string labels = "method=\"" + key.first + "\",route=\"" + Escape(key.second) + "\"";
    for (size_t i = 0; i < kBuckets.size(); ++i)
      out << "http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i] << "\"} "
          << h.counts[i] << "\n";
    out << "http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << h.count << "\n";
    out << "http_request_duration_seconds_sum{" << labels << "} " << h.sum << "\n";
    out << "http_request_duration_seconds_count{" << labels << "} " << h.count << "\n";
  }
  out << "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
      << "# TYPE process_resident_memory_bytes gauge\n"
      << "process_resident_memory_bytes " << ResidentBytes() << "\n"
      << "# HELP process_uptime_seconds Seconds since the server started.\n"
      << "# TYPE process_uptime_seconds gauge\n"
      << "process_uptime_seconds "
      << std::chrono::duration<double>(std::chrono::steady_clock::now() - kStart).count() << "\n";
  return out.str();
}

}  // namespace sl::http
