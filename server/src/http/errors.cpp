#include "http/errors.hpp"

namespace sl::http {

int StatusOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadRequest:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kGone:
      return 410;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUriTooLong:
      return 414;
    case ErrorCode::kHeadersTooLarge:
      return 431;
    case ErrorCode::kInvalid:
      return 422;
    case ErrorCode::kTooManyRequests:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      break;
  }
  return 500;
}

Json ErrorBody(const Error& error, Lang lang) {
  Json fields = Json::object();
  for (const auto& [name, text] : error.fields) fields[name] = Say(text, lang);
  return Json{
      {"error", {{"code", error.key}, {"message", Say(error.message, lang)}, {"fields", fields}}}};
}

}  // namespace sl::http
