#pragma once
// argon2id password hashes (libsodium), encoded with their parameters.

#include <string>
#include <string_view>

namespace sl::auth {

// Hashes with argon2id, t=2, m=19 MiB (the OWASP minimum): about 50 ms here,
// and small enough that concurrent logins keep the server's memory low.
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view hash, std::string_view password);
// A hash that no password matches; used to spend the same time on unknown users.
const std::string& DummyHash();

}  // namespace sl::auth
