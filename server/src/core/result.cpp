#include "core/result.hpp"

namespace sl {

namespace {
Error Make(ErrorCode code, std::string key, std::vector<std::string> args) {
  Error e;
  e.code = code;
  e.message = Text{key, std::move(args)};
  e.key = std::move(key);
  return e;
}
}  // namespace

Error Error::BadRequest(std::string key, std::vector<std::string> args) {
  return Make(ErrorCode::kBadRequest, std::move(key), std::move(args));
}
Error Error::Unauthenticated(std::string key, std::vector<std::string> args) {
  return Make(ErrorCode::kUnauthenticated, std::move(key), std::move(args));
}
Error Error::Forbidden(std::string key, std::vector<std::string> args) {
  return Make(ErrorCode::kForbidden, std::move(key), std::move(args));
}
Error Error::NotFound(std::string key, std::vector<std::string> args) {
  return Make(ErrorCode::kNotFound, std::move(key), std::move(args));
}
Error Error::Conflict(std::string key, std::vector<std::string> args) {
  return Make(ErrorCode::kConflict, std::move(key), std::move(args));
}
Error Error::Gone(std::string key, std::vector<std::string> args) {
  return Make(ErrorCode::kGone, std::move(key), std::move(args));
}
Error Error::Invalid(std::map<std::string, Text> fields) {
  Error e = Make(ErrorCode::kInvalid, "invalid", {});
  e.fields = std::move(fields);
  return e;
}
Error Error::TooManyRequests(std::string key, std::vector<std::string> args) {
  return Make(ErrorCode::kTooManyRequests, std::move(key), std::move(args));
}
Error Error::Unavailable(std::string key, std::vector<std::string> args) {
  return Make(ErrorCode::kUnavailable, std::move(key), std::move(args));
}
Error Error::Internal(std::string detail) {
  Error e = Make(ErrorCode::kInternal, "internal", {});
  e.detail = std::move(detail);
  return e;
}

}  // namespace sl
