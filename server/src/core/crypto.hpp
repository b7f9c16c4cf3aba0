#pragma once
// Thin wrappers over libsodium: random tokens, SHA-256, constant-time compare.

#include <string>
#include <string_view>

namespace sl {

// Initialises libsodium once; every function below calls it.
void EnsureSodium();
// `n` random bytes as lowercase hex (2n characters).
std::string RandomHex(size_t n);
std::string Sha256Hex(std::string_view data);
// HMAC-SHA-256 of `data` under `key`, as lowercase hex.
std::string HmacSha256Hex(std::string_view key, std::string_view data);
bool ConstantTimeEqual(std::string_view a, std::string_view b);

}  // namespace sl
