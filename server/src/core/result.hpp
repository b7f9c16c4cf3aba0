#pragma once
// Expected failures are values: every operation that can fail for a reason a
// user or caller can act on returns Result<T>. http/errors.cpp maps ErrorCode to
// an HTTP status and the JSON error body in one place.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/messages.hpp"

namespace sl {

enum class ErrorCode {
  kBadRequest,       // 400: malformed input (JSON syntax, bad query string)
  kUnauthenticated,  // 401: no session or wrong credentials
  kForbidden,        // 403: permission, scope or CSRF
  kNotFound,         // 404
  kConflict,         // 409: unique key taken, stale version
  kGone,             // 410: was good once (an expired code)
  kPayloadTooLarge,  // 413
  kUriTooLong,       // 414
  kHeadersTooLarge,  // 431
  kInvalid,          // 422: well-formed but breaks a rule; see fields
  kTooManyRequests,  // 429: throttled
  kUnavailable,      // 503: database down, shutting down
  kInternal,         // 500: a broken invariant, never bad input
};

// An error: a stable machine code (`key`, e.g. "invalid_json"), a message for
// people and, for kInvalid, a message per offending field. Messages are Text
// (a catalog key plus arguments) so that the HTTP layer can say them in the
// caller's language.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string key;
  Text message;
  std::map<std::string, Text> fields;

  // The message key doubles as the error key: Error::NotFound("user_not_found").
  static Error BadRequest(std::string key, std::vector<std::string> args = {});
  static Error Unauthenticated(std::string key, std::vector<std::string> args = {});
  static Error Forbidden(std::string key, std::vector<std::string> args = {});
  static Error NotFound(std::string key, std::vector<std::string> args = {});
  static Error Conflict(std::string key, std::vector<std::string> args = {});
  static Error Gone(std::string key, std::vector<std::string> args = {});
  static Error Invalid(std::map<std::string, Text> fields);
  static Error TooManyRequests(std::string key, std::vector<std::string> args = {});
  static Error Unavailable(std::string key, std::vector<std::string> args = {});
  // A broken invariant; `detail` is logged, never shown to the caller.
  static Error Internal(std::string detail);
  std::string detail;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

// Result of an operation with no value.
struct Ok {};
using Status = Result<Ok>;
inline Status OkStatus() { return Ok{}; }

}  // namespace sl

// Propagates an error from a Result-returning expression; evaluates to nothing.
#define SL_TRY(expr)                                          \
  do {                                                        \
    auto sl_try_r_ = (expr);                                  \
    if (!sl_try_r_.ok()) return std::move(sl_try_r_).error(); \
  } while (0)

#define SL_CONCAT_INNER_(a, b) a##b
#define SL_CONCAT_(a, b) SL_CONCAT_INNER_(a, b)
// Declares `lhs` from a Result-returning expression or returns its error.
#define SL_ASSIGN_OR_RETURN(lhs, expr) \
  SL_ASSIGN_OR_RETURN_IMPL_(SL_CONCAT_(sl_r_, __COUNTER__), lhs, expr)
#define SL_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return std::move(tmp).error();   \
  lhs = std::move(tmp).value()
