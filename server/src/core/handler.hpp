#pragma once
// What a handler sees of an HTTP request and gives back, free of the HTTP
// library: features write handlers against these; http/ adapts them.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/caller.hpp"
#include "core/choice.hpp"
#include "core/json.hpp"
#include "core/messages.hpp"
#include "core/result.hpp"

namespace sl {

struct Request {
  std::string method;
  std::string path;
  std::map<std::string, std::string> params;  // from the route pattern, e.g. {code}
  std::multimap<std::string, std::string> query;
  std::string body;
  std::string content_type;
  std::string address;  // the peer's IP address
  std::string user_agent;
  std::string session_token;  // from the cookie; empty when none
  Lang lang = Lang::kZhCN;
  const Caller* caller = nullptr;  // null for routes that need no session

  std::optional<std::string> Query(const std::string& name) const;
};

struct Response {
  int status = 200;
  Json body;  // sent as JSON unless raw_body is set
  std::optional<std::string> raw_body;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string send_file;  // when set, the body is this file (static assets)
  // Set after a long request (and for a large answer): once the answer is
  // written, the database's idle caches and malloc's free pages go back to
  // the system (App::ReleaseMemory).
  bool release_memory = false;

  static Response Ok(Json body) { return Response{200, std::move(body)}; }
  static Response Created(Json body) { return Response{201, std::move(body)}; }
  static Response NoContent() {
    Response r;
    r.status = 204;
    r.raw_body = "";
    return r;
  }
};

// Paging of list requests: page from 1, page_size 1..200 (default 20).
struct Page {
  int64_t page = 1;
  int64_t size = 20;
  int64_t offset() const { return (page - 1) * size; }
};
Result<Page> ParsePage(const Request& request);

// A whole decimal integer, or nullopt (no sign games, no trailing junk).
std::optional<int64_t> ParseInt(std::string_view text);

// Parameters of a request, each checked as it is read: a bad one is a
// bad_query error (400) naming it, an unknown path id is NotFound.

// A query parameter as given, "" when absent.
std::string QueryText(const Request& r, const char* name);
// An id: 0 when absent or empty; bad_query unless a whole number >= 0.
Result<int64_t> QueryId(const Request& r, const char* name);
// A day (YYYY-MM-DD): `fallback` when absent or empty; bad_query otherwise.
Result<std::string> QueryDate(const Request& r, const char* name, std::string fallback = "");

// A file to download: its bytes, type and name (RFC 5987: the UTF-8 name
// percent-encoded, and `fallback`, a plain ASCII one, for old clients).
Response Download(std::string bytes, std::string content_type, const std::string& filename,
                  const std::string& fallback);
// The id of one of `choices`: "" when absent or empty; bad_query otherwise.
Result<std::string> QueryChoice(const Request& r, const char* name,
                                const std::vector<Choice>& choices);
// A yes/no flag: true only for "true".
// A year (1900..2199), or 0 when absent; bad_query otherwise.
Result<int> QueryYear(const Request& r, const char* name);
bool QueryFlag(const Request& r, const char* name);
// The id of the path parameter {id} ("/people/{id}"), or NotFound(not_found).
Result<int64_t> PathId(const Request& r, const char* not_found);

}  // namespace sl
