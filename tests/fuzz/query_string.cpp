// Fuzz target: request targets (path and query string), cookies and
// Accept-Language, as the HTTP layer parses them before any handler runs.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/handler.hpp"
#include "core/messages.hpp"
#include "http/app.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t q = input.find('?');
  std::map<std::string, std::string> params;
  (void)sl::http::MatchPath("/api/v1/regions/{code}", input.substr(0, q), params);
  (void)sl::http::MatchPath("/api/v1/users/{id}", input.substr(0, q), params);
  (void)sl::http::PercentDecode(input, false);
  if (auto query =
          sl::http::ParseQueryString(q == std::string_view::npos ? input : input.substr(q + 1))) {
    sl::Request r;
    r.query = *query;
    (void)sl::ParsePage(r);
  }
  (void)sl::LangFromAcceptLanguage(input);
  (void)sl::ParseInt(input);
  return 0;
}
