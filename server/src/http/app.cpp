#include "http/app.hpp"

#include <malloc.h>

#include <algorithm>
#include <charconv>

#include "sheets/sheets.hpp"

#include <chrono>
#include <filesystem>

#include <spdlog/spdlog.h>

#include "audit/audit.hpp"
#include "auth/roles.hpp"
#include "db/db.hpp"
#include "http/errors.hpp"
#include "regions/regions.hpp"

namespace sl::http {

namespace {

bool ChangesState(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string Header(const RawRequest& r, const std::string& name) {
  auto it = r.headers.find(name);
  return it == r.headers.end() ? std::string() : it->second;
}

std::string CookieValue(const std::string& cookies, std::string_view name) {
  size_t pos = 0;
  while (pos < cookies.size()) {
    size_t end = cookies.find(';', pos);
    if (end == std::string::npos) end = cookies.size();
    std::string_view part(cookies.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
    pos = end + 1;
  }
  return {};
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Response ErrorResponse(const Error& e, Lang lang) {
  Response r;
  r.status = StatusOf(e.code);
  r.body = ErrorBody(e, lang);
  if (e.code == ErrorCode::kTooManyRequests && !e.message.args.empty())
    r.headers.emplace_back("Retry-After", e.message.args.front());
  return r;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      const int hi = HexDigit(s[i + 1]), lo = HexDigit(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (plus_is_space && s[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::optional<std::multimap<std::string, std::string>> ParseQueryString(std::string_view q) {
  std::multimap<std::string, std::string> out;
  size_t pos = 0;
  while (pos <= q.size() && !q.empty()) {
    size_t end = q.find('&', pos);
    if (end == std::string_view::npos) end = q.size();
    std::string_view part = q.substr(pos, end - pos);
    if (!part.empty()) {
      const size_t eq = part.find('=');
      auto name = PercentDecode(part.substr(0, eq), true);
      auto value = PercentDecode(eq == std::string_view::npos ? "" : part.substr(eq + 1), true);
      if (!name || !value) return std::nullopt;
      out.emplace(std::move(*name), std::move(*value));
    }
    pos = end + 1;
  }
  return out;
}

bool MatchPath(std::string_view pattern, std::string_view path,
               std::map<std::string, std::string>& params) {
  params.clear();
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty() || pattern.front() != '/' || path.front() != '/')
      return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    const size_t pe = std::min(pattern.find('/'), pattern.size());
    const size_t se = std::min(path.find('/'), path.size());
    const std::string_view pseg = pattern.substr(0, pe), seg = path.substr(0, se);
    if (pseg.size() > 2 && pseg.front() == '{' && pseg.back() == '}') {
      if (seg.empty()) return false;
      auto decoded = PercentDecode(seg, false);
      if (!decoded) return false;
      params[std::string(pseg.substr(1, pseg.size() - 2))] = std::move(*decoded);
    } else if (pseg != seg) {
      return false;
    }
    pattern.remove_prefix(pe);
    path.remove_prefix(se);
  }
  return true;
}

const std::vector<std::pair<std::string, std::string>>& SecurityHeaders() {
  static const std::vector<std::pair<std::string, std::string>> kHeaders = {
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "same-origin"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
  };
  return kHeaders;
}

std::optional<AccessLog> ParseAccessLog(std::string_view text) {
  if (text == "all") return AccessLog{};
  if (text == "errors") return AccessLog{AccessLog::Mode::kErrors, 1};
  if (text == "off") return AccessLog{AccessLog::Mode::kOff, 1};
  if (text.rfind("1/", 0) != 0) return std::nullopt;
  const std::string_view digits = text.substr(2);
  uint64_t every = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), every);
  if (ec != std::errc() || end != digits.data() + digits.size() || every == 0) return std::nullopt;
  return AccessLog{AccessLog::Mode::kAll, every};
}

bool ShouldLog(const AccessLog& log, int status, double seconds, uint64_t n) {
  if (log.mode == AccessLog::Mode::kOff) return false;
  if (status >= 400 || seconds >= kSlowRequestSeconds) return true;
  return log.mode == AccessLog::Mode::kAll && n % log.every == 0;
}

App::App(db::Database& db, AppOptions options)
    : db_(db),
      options_(std::move(options)),
      auth_{db, {}, options_.session, options_.secure_cookies},
      jobs_(db, options_.jobs) {
  if (!options_.web_dir.empty())
    options_.web_dir = std::filesystem::weakly_canonical(options_.web_dir).string();
  routes_ = BuildRoutes();
  jobs_.OnRecover("import", sheets::UndoImportJob);
  jobs_.Start();
}

void App::ReleaseMemory() {
  db_.ReleaseMemory();
  malloc_trim(0);
}

std::string ClientAddress(const RawRequest& raw, const std::vector<std::string>& trusted_proxies) {
  const auto trusted = [&](std::string_view a) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end();
  };
  if (!trusted(raw.address)) return raw.address;
  auto header = raw.headers.find("x-forwarded-for");
  if (header == raw.headers.end()) return raw.address;
  std::string_view rest = header->second, last;
  while (!rest.empty()) {
    const size_t comma = rest.rfind(',');
    std::string_view hop = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    while (!hop.empty() && hop.front() == ' ') hop.remove_prefix(1);
    while (!hop.empty() && hop.back() == ' ') hop.remove_suffix(1);
    if (hop.empty() || hop.size() > 64) break;  // not an address a proxy wrote
    last = hop;
    if (!trusted(hop)) break;
  }
  return last.empty() ? raw.address : std::string(last);
}

Response App::Handle(const RawRequest& raw) {
  const auto start = std::chrono::steady_clock::now();
  Request request;
  request.lang = LangFromAcceptLanguage(Header(raw, "accept-language"));
  std::string route_label = "unmatched";
  Caller caller;
  Response response = Dispatch(raw, request, caller, route_label);
  for (const auto& h : SecurityHeaders()) response.headers.push_back(h);
  if (request.path.rfind("/api/", 0) == 0)
    response.headers.emplace_back("Cache-Control", "no-store");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.Observe(raw.method, route_label, response.status, seconds);
  if (ShouldLog(options_.access_log, response.status, seconds, requests_++))
    spdlog::info("{} {} {} {} {:.1f}ms {}", request.address.empty() ? raw.address : request.address,
                 raw.method, raw.target, response.status, seconds * 1000,
                 request.caller ? request.caller->username : "-");
  // A long request (a province's compliance, a province-wide plan) has built
  // and freed tens or hundreds of MB; the pages go back once its answer is
  // written instead of staying in the thread's malloc arena for good (a trim
  // costs well under a millisecond next to such a request).
  response.release_memory = seconds > 0.05;
  return response;
}

Response App::Dispatch(const RawRequest& raw, Request& request, Caller& caller,
                       std::string& route_label) {
  // Our limits sit below the HTTP parser's (http/server.cpp), so that a
  // request past them is answered, not dropped.
  if (raw.target.size() > kMaxTargetBytes) {
    Error e = Error::BadRequest("uri_too_long", {std::to_string(kMaxTargetBytes)});
    e.code = ErrorCode::kUriTooLong;
    return ErrorResponse(e, request.lang);
  }
  size_t header_bytes = 0;
  for (const auto& [name, value] : raw.headers) header_bytes += name.size() + value.size() + 4;
  if (header_bytes > kMaxHeaderBytes) {
    Error e = Error::BadRequest("headers_too_large", {std::to_string(kMaxHeaderBytes)});
    e.code = ErrorCode::kHeadersTooLarge;
    return ErrorResponse(e, request.lang);
  }
  const std::string_view target = raw.target;
  const std::string_view path_only = target.substr(0, target.find('?'));
  // The metrics listener serves /metrics and nothing else; with one, the
  // public listener does not serve /metrics.
  if (raw.metrics_listener != (path_only == "/metrics") &&
      (raw.metrics_listener || options_.metrics_elsewhere))
    return ErrorResponse(Error::NotFound("not_found"), request.lang);
  const size_t qpos = target.find('?');
  auto path = PercentDecode(target.substr(0, qpos), false);
  auto query = ParseQueryString(qpos == std::string_view::npos ? "" : target.substr(qpos + 1));
  if (!path || path->empty() || path->front() != '/')
    return ErrorResponse(Error::BadRequest("bad_query", {"path"}), request.lang);
  request.path = *path;
  if (!query) return ErrorResponse(Error::BadRequest("bad_query", {"query"}), request.lang);
  request.query = std::move(*query);
  request.method = raw.method;
  request.address = ClientAddress(raw, options_.trusted_proxies);
  request.content_type = Header(raw, "content-type");
  request.user_agent = Header(raw, "user-agent");
  request.session_token = CookieValue(Header(raw, "cookie"), auth::kSessionCookie);

  const Route* route = nullptr;
  bool path_known = false;
  for (const auto& r : routes_) {
    if (!MatchPath(r.path, request.path, request.params)) continue;
    path_known = true;
    if (r.method == raw.method) {
      route = &r;
      break;
    }
  }
  if (!route) {
    if (path_known) {
      route_label = "method_not_allowed";
      Response r = ErrorResponse(Error::BadRequest("method_not_allowed"), request.lang);
      r.status = 405;
      return r;
    }
    if (request.path.rfind("/api/", 0) == 0)
      return ErrorResponse(Error::NotFound("not_found"), request.lang);
    route_label = "static";
    return StaticFile(request.path);
  }
  route_label = route->path;

  if (ChangesState(raw.method) && Header(raw, "x-requested-with") != "shuanglun")
    return ErrorResponse(Error::Forbidden("csrf_missing"), request.lang);
  if (raw.body.size() > route->max_body) {
    Error e = Error::BadRequest("payload_too_large", {std::to_string(route->max_body)});
    e.code = ErrorCode::kPayloadTooLarge;
    return ErrorResponse(e, request.lang);
  }
  request.body = raw.body;

  if (route->permission != kPublic) {
    if (request.session_token.empty())
      return ErrorResponse(Error::Unauthenticated("unauthenticated"), request.lang);
    auto user = auth::Authenticate(db_, options_.session, request.session_token);
    if (!user.ok()) return ErrorResponse(user.error(), request.lang);
    caller = auth::CallerOf(*user);
    request.caller = &caller;
    if (route->permission != kSignedIn && !caller.Can(route->permission))
      return ErrorResponse(Error::Forbidden("forbidden"), request.lang);
  }

  Result<Response> result = Error::Internal("no handler");
  try {
    result = route->handler(request);
  } catch (const std::exception& e) {
    // A broken invariant; bad input never ends up here.
    result = Error::Internal(e.what());
  }
  if (!result.ok()) {
    const Error& e = result.error();
    if (e.code == ErrorCode::kInternal)
      spdlog::error("{} {}: {}", raw.method, request.path, e.detail);
    return ErrorResponse(e, request.lang);
  }
  return std::move(result).value();
}

Response App::StaticFile(const std::string& path) const {
  namespace fs = std::filesystem;
  Response r;
  if (options_.web_dir.empty()) {
    r = ErrorResponse(Error::NotFound("not_found"), Lang::kZhCN);
    return r;
  }
  const fs::path root = options_.web_dir;
  fs::path file = fs::weakly_canonical(root / fs::path(path).relative_path());
  // Never outside the web folder.
  const auto rel = file.lexically_relative(root);
  const bool inside = !rel.empty() && *rel.begin() != "..";
  std::error_code ec;
  if (!inside || !fs::is_regular_file(file, ec)) {
    // Single-page-app fallback: paths without an extension are the app's routes.
    if (fs::path(path).has_extension())
      return ErrorResponse(Error::NotFound("not_found"), Lang::kZhCN);
    file = root / "index.html";
    if (!fs::is_regular_file(file, ec))
      return ErrorResponse(Error::NotFound("not_found"), Lang::kZhCN);
  }
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"}};
  auto type = kTypes.find(file.extension().string());
  r.content_type = type == kTypes.end() ? "application/octet-stream" : type->second;
  r.send_file = file.string();
  // Hashed assets never change; index.html must be revalidated.
  const bool hashed = file.parent_path().filename() == "assets";
  r.headers.emplace_back("Cache-Control",
                         hashed ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace sl::http
