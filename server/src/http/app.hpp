#pragma once
// The application as HTTP sees it: the route table and the dispatch of one
// request through CSRF, size limits, session, permission and handler. Free of
// the HTTP library, so that it can be tested without sockets; server.cpp adapts
// RESTinio to it.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/users.hpp"
#include "core/handler.hpp"
#include "db/db.hpp"
#include "db/replica.hpp"
#include "http/metrics.hpp"
#include "jobs/jobs.hpp"

namespace sl::http {

// Who may call a route: anyone, any signed-in user, or holders of a permission.
inline constexpr const char* kPublic = "";
inline constexpr const char* kSignedIn = "session";

struct Route {
  std::string method;
  std::string path;        // "/api/v1/users/{id}"
  std::string permission;  // kPublic, kSignedIn or a permission name
  std::string summary;     // one line for the OpenAPI document
  std::function<Result<Response>(const Request&)> handler;
  size_t max_body = 1 << 20;       // bytes; larger bodies answer 413
  std::vector<std::string> query;  // documented query parameters
};

// Which requests the access log writes (at info level): every one, one in
// `every`, only the failed and slow ones, or none. Failed (4xx, 5xx) and slow
// requests are written whenever the log is not off.
struct AccessLog {
  enum class Mode { kAll, kErrors, kOff };
  Mode mode = Mode::kAll;
  uint64_t every = 1;  // kAll: one request in `every`
};
inline constexpr double kSlowRequestSeconds = 1.0;
// "all", "errors", "off" or "1/N" (one in N, N >= 1).
std::optional<AccessLog> ParseAccessLog(std::string_view text);
// Whether the n-th request (from 0) with this status and time is logged.
bool ShouldLog(const AccessLog& log, int status, double seconds, uint64_t n);

struct AppOptions {
  std::string web_dir;  // the built front end (web/dist); "" serves none
  bool secure_cookies = false;
  auth::SessionPolicy session;
  // /metrics is served on its own listener (--metrics-listen), not this one.
  bool metrics_elsewhere = false;
  jobs::RunnerOptions jobs;
  AccessLog access_log;
  // Addresses of reverse proxies (nginx) whose X-Forwarded-For is believed
  // (--trust-proxy): sign-in throttling and the logs then see the client.
  std::vector<std::string> trusted_proxies;
  // Where report queries (compliance, statistics, figures, briefs, exports)
  // read (--read-db); null reads them where the rest does.
  db::ReadReplica* reports = nullptr;
};

// The largest request line target and header block answered normally: past
// them 414 and 431 (the parser's own limits, http/server.cpp, are 4 times
// these; past those the connection is dropped).
inline constexpr size_t kMaxTargetBytes = 8 * 1024;
inline constexpr size_t kMaxHeaderBytes = 32 * 1024;

// What came in, as read from the socket.
struct RawRequest {
  std::string method;
  std::string target;                          // path and query string, as sent
  std::map<std::string, std::string> headers;  // names lowercased
  std::string body;
  std::string address;
  bool metrics_listener = false;  // came in on the --metrics-listen socket
};

class App {
 public:
  App(db::Database& db, AppOptions options);

  Response Handle(const RawRequest& raw);
  const std::vector<Route>& routes() const { return routes_; }
  Metrics& metrics() { return metrics_; }
  // After a large or long answer: the database's idle caches, then malloc's
  // free pages, go back to the system.
  void ReleaseMemory();
  // The OpenAPI 3.0 document of the route table.
  Json OpenApi() const;

 private:
  Response Dispatch(const RawRequest& raw, Request& request, Caller& caller,
                    std::string& route_label);
  Response StaticFile(const std::string& path) const;
  std::vector<Route> BuildRoutes();

  db::Database& db_;
  AppOptions options_;
  auth::Context auth_;
  Metrics metrics_;
  std::atomic<uint64_t> requests_{0};  // for the access log's sampling
  std::vector<Route> routes_;
  // Last: stopped (its thread joined) before the rest goes.
  jobs::Runner jobs_;
};

// The client's address: the peer's, unless the peer is a trusted proxy;
// then the nearest address in X-Forwarded-For that is not one (proxies
// append the address they saw, so what a client wrote itself lies further
// left and is not believed).
std::string ClientAddress(const RawRequest& raw, const std::vector<std::string>& trusted_proxies);

// Splits a query string into decoded name/value pairs; nullopt when its
// percent-encoding is broken.
std::optional<std::multimap<std::string, std::string>> ParseQueryString(std::string_view query);
// Percent-decodes a path or query part ('+' as space only in queries).
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);
// Matches "/api/v1/users/{id}" against a path, filling params.
bool MatchPath(std::string_view pattern, std::string_view path,
               std::map<std::string, std::string>& params);
// The security headers every response carries.
const std::vector<std::pair<std::string, std::string>>& SecurityHeaders();

}  // namespace sl::http
