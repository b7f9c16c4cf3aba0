#pragma once
// The one place where expected failures become HTTP: status codes and the
// {"error": {"code", "message", "fields"}} body, in the caller's language.

#include "core/json.hpp"
#include "core/messages.hpp"
#include "core/result.hpp"

namespace sl::http {

int StatusOf(ErrorCode code);
Json ErrorBody(const Error& error, Lang lang);

}  // namespace sl::http
