#include "core/handler.hpp"

#include <cctype>
#include <charconv>
#include <cstdio>

#include "core/date.hpp"

namespace sl {

std::optional<std::string> Request::Query(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::optional<int64_t> ParseInt(std::string_view text) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

namespace {
Result<int64_t> QueryInt(const Request& r, const std::string& name, int64_t fallback, int64_t lo,
                         int64_t hi) {
  auto v = r.Query(name);
  if (!v) return fallback;
  auto n = ParseInt(*v);
  if (!n || *n < lo || *n > hi) return Error::BadRequest("bad_query", {name});
  return *n;
}
}  // namespace

Result<Page> ParsePage(const Request& request) {
  Page p;
  SL_ASSIGN_OR_RETURN(p.page, QueryInt(request, "page", 1, 1, 1'000'000'000));
  SL_ASSIGN_OR_RETURN(p.size, QueryInt(request, "page_size", 20, 1, 200));
  return p;
}

std::string QueryText(const Request& r, const char* name) { return r.Query(name).value_or(""); }

Result<int64_t> QueryId(const Request& r, const char* name) {
  auto v = r.Query(name);
  if (!v || v->empty()) return int64_t{0};
  auto id = ParseInt(*v);
  if (!id || *id < 0) return Error::BadRequest("bad_query", {name});
  return *id;
}

Result<std::string> QueryDate(const Request& r, const char* name, std::string fallback) {
  auto v = r.Query(name);
  if (!v || v->empty()) return fallback;
  if (!IsIsoDate(*v)) return Error::BadRequest("bad_query", {name});
  return *v;
}

Result<std::string> QueryChoice(const Request& r, const char* name,
                                const std::vector<Choice>& choices) {
  auto v = r.Query(name);
  if (!v || v->empty()) return std::string();
  if (!IsChoice(choices, *v)) return Error::BadRequest("bad_query", {name});
  return *v;
}

Result<int> QueryYear(const Request& r, const char* name) {
  auto v = r.Query(name);
  if (!v || v->empty()) return 0;
  auto year = ParseInt(*v);
  if (!year || *year < 1900 || *year > 2199) return Error::BadRequest("bad_query", {name});
  return static_cast<int>(*year);
}

bool QueryFlag(const Request& r, const char* name) { return r.Query(name) == "true"; }

Result<int64_t> PathId(const Request& r, const char* not_found) {
  auto it = r.params.find("id");
  auto id = it == r.params.end() ? std::nullopt : ParseInt(it->second);
  if (!id || *id <= 0) return Error::NotFound(not_found);
  return *id;
}

Response Download(std::string bytes, std::string content_type, const std::string& filename,
                  const std::string& fallback) {
  Response r;
  r.raw_body = std::move(bytes);
  r.content_type = std::move(content_type);
  std::string encoded;
  for (unsigned char c : filename) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      encoded += buf;
    }
  }
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded);
  return r;
}

}  // namespace sl
