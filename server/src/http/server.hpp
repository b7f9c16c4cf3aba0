#pragma once
// The HTTP server: RESTinio on a thread pool in front of App. The only
// translation unit that includes RESTinio (it is heavy to compile).

#include <cstdint>
#include <functional>
#include <string>

#include "core/result.hpp"
#include "http/app.hpp"

namespace sl::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  size_t threads = 4;
  // The largest request body accepted at all (imports); routes set lower limits.
  uint64_t max_body = 64ull << 20;
  // A second listener for /metrics alone (port 0: none), so that it can sit
  // on an address only the monitoring reaches.
  std::string metrics_host;
  uint16_t metrics_port = 0;
};

// Serves until SIGTERM or SIGINT, then stops accepting, lets requests in flight
// finish and returns. `on_ready` runs once the socket is listening.
Status Serve(App& app, const ServerOptions& options, const std::function<void()>& on_ready = {});

}  // namespace sl::http
