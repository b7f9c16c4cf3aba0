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

// Ed25519, for what is signed here and checked elsewhere (audit anchors).
// `seed_hex` is 32 random bytes as hex (RandomHex(32)); the public key and
// the signature come out as hex. Empty on a malformed seed.
std::string SignPublicKeyHex(std::string_view seed_hex);
std::string SignHex(std::string_view seed_hex, std::string_view message);
bool SignatureValid(std::string_view public_key_hex, std::string_view message,
                    std::string_view signature_hex);

}  // namespace sl
