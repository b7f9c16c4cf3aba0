#include "http/server.hpp"

#include <signal.h>

#include <fstream>
#include <iterator>
#include <map>

#include <spdlog/spdlog.h>
#include <restinio/all.hpp>

namespace sl::http {

namespace {

// Past this size an answer's memory is given back once it is written.
constexpr size_t kLargeAnswerBytes = 256 * 1024;

// restinio's own messages: a connection closed on an error (a reset, a
// malformed request) is a warning in the server's log; its per-request
// tracing shows at --log-level debug.
class ConnectionLog {
 public:
  template <class Message>
  void trace(Message&& message) const {
    if (spdlog::should_log(spdlog::level::debug)) spdlog::debug("http: {}", message());
  }
  template <class Message>
  void info(Message&& message) const {
    trace(std::forward<Message>(message));
  }
  template <class Message>
  void warn(Message&& message) const {
    spdlog::warn("http: {}", message());
  }
  template <class Message>
  void error(Message&& message) const {
    warn(std::forward<Message>(message));
  }
};

using Traits = restinio::traits_t<restinio::asio_timer_manager_t, ConnectionLog>;

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The reason phrase of a status line (RFC 9110), which some clients and
// proxies log or show.
std::string ReasonPhrase(int status) {
  static const std::map<int, const char*> kPhrases = {{200, "OK"},
                                                      {201, "Created"},
                                                      {202, "Accepted"},
                                                      {204, "No Content"},
                                                      {301, "Moved Permanently"},
                                                      {302, "Found"},
                                                      {304, "Not Modified"},
                                                      {400, "Bad Request"},
                                                      {401, "Unauthorized"},
                                                      {403, "Forbidden"},
                                                      {404, "Not Found"},
                                                      {405, "Method Not Allowed"},
                                                      {409, "Conflict"},
                                                      {410, "Gone"},
                                                      {413, "Content Too Large"},
                                                      {414, "URI Too Long"},
                                                      {415, "Unsupported Media Type"},
                                                      {422, "Unprocessable Content"},
                                                      {429, "Too Many Requests"},
                                                      {431, "Request Header Fields Too Large"},
                                                      {500, "Internal Server Error"},
                                                      {503, "Service Unavailable"}};
  auto it = kPhrases.find(status);
  return it == kPhrases.end() ? "" : it->second;
}

restinio::request_handling_status_t HandleRequest(App& app, const restinio::request_handle_t& req,
                                                  bool metrics_listener = false) {
  RawRequest raw;
  raw.metrics_listener = metrics_listener;
  raw.method = req->header().method().c_str();
  raw.target = std::string(req->header().request_target());
  for (const auto& f : req->header()) {
    auto name = Lower(std::string(f.name()));
    auto& slot = raw.headers[name];
    slot = slot.empty() ? std::string(f.value()) : slot + ", " + std::string(f.value());
  }
  raw.body = req->body();
  raw.address = req->remote_endpoint().address().to_string();

  Response r = app.Handle(raw);
  auto resp = req->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<uint16_t>(r.status)}, ReasonPhrase(r.status)});
  resp.append_header(restinio::http_field::content_type, r.content_type);
  for (const auto& [name, value] : r.headers) resp.append_header(name, value);
  if (!r.send_file.empty()) {
    // Read, not sendfile(2): a browser that resets the connection mid-file
    // (navigating away) made restinio's sendfile error path use freed
    // memory. The web's files are small; ordinary writes end cleanly.
    std::ifstream in(r.send_file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) spdlog::warn("static file {}: cannot read", r.send_file);
    resp.set_body(std::move(bytes));
  } else if (r.status != 204) {
    // Moved, not copied: a large answer (a province's plan) is tens of megabytes.
    std::string body = r.raw_body
                           ? std::move(*r.raw_body)
                           : r.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    // A large answer was built from many more bytes than it holds.
    if (body.size() > kLargeAnswerBytes) r.release_memory = true;
    resp.set_body(std::move(body));
  }
  resp.done();
  if (r.release_memory) {
    r = Response();  // the answer's JSON tree, before the trim
    app.ReleaseMemory();
  }
  return restinio::request_accepted();
}

}  // namespace

Status Serve(App& app, const ServerOptions& options, const std::function<void()>& on_ready) {
  // A peer that closes its end must not end the process (writes answer EPIPE).
  signal(SIGPIPE, SIG_IGN);
  // Block the stop signals in every thread, so that this one takes them with sigwait.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto settings = restinio::server_settings_t<Traits>{}
                      .address(options.host)
                      .port(options.port)
                      .read_next_http_message_timelimit(std::chrono::seconds(30))
                      .write_http_response_timelimit(std::chrono::seconds(30))
                      .handle_request_timeout(std::chrono::seconds(60))
                      // Four times the limits App answers with 414 / 431.
                      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                                    .max_url_size(4 * kMaxTargetBytes)
                                                    .max_field_name_size(4 * 1024)
                                                    .max_field_value_size(4 * kMaxHeaderBytes)
                                                    .max_field_count(400)
                                                    .max_body_size(options.max_body))
                      .request_handler([&app](auto req) { return HandleRequest(app, req); });
  try {
    auto server =
        restinio::run_async(restinio::own_io_context(), std::move(settings), options.threads);
    decltype(server) metrics;
    if (options.metrics_port != 0) {
      auto metrics_settings =
          restinio::server_settings_t<Traits>{}
              .address(options.metrics_host)
              .port(options.metrics_port)
              .request_handler([&app](auto req) { return HandleRequest(app, req, true); });
      metrics = restinio::run_async(restinio::own_io_context(), std::move(metrics_settings), 1);
    }
    if (on_ready) on_ready();
    int sig = 0;
    sigwait(&signals, &sig);
    spdlog::info("signal {} received: stopping", sig);
    if (metrics) metrics->stop();
    server->stop();
    if (metrics) metrics->wait();
    server->wait();
  } catch (const std::exception& e) {
    return Error::Unavailable("listen_failed",
                              {options.host + ":" + std::to_string(options.port), e.what()});
  }
  return OkStatus();
}

}  // namespace sl::http
