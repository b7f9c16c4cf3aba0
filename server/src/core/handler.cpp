#include "core/handler.hpp"

#include <charconv>

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

}  // namespace sl
