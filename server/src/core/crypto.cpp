#include "core/crypto.hpp"

#include <sodium.h>

#include <cstdlib>
#include <mutex>
#include <vector>

namespace sl {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no randomness: nothing is safe to do
  });
}

namespace {
std::string Hex(const unsigned char* p, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}
}  // namespace

std::string RandomHex(size_t n) {
  EnsureSodium();
  std::vector<unsigned char> buf(n);
  randombytes_buf(buf.data(), n);
  return Hex(buf.data(), n);
}

std::string Sha256Hex(std::string_view data) {
  EnsureSodium();
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return Hex(out, sizeof out);
}

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  EnsureSodium();
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(data.data()),
                                data.size());
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&st, out);
  return Hex(out, sizeof out);
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  EnsureSodium();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

namespace {
bool Unhex(std::string_view hex, unsigned char* out, size_t n) {
  size_t len = 0;
  return sodium_hex2bin(out, n, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == n;
}

bool KeyPair(std::string_view seed_hex, unsigned char* pk, unsigned char* sk) {
  EnsureSodium();
  unsigned char seed[crypto_sign_SEEDBYTES];
  if (!Unhex(seed_hex, seed, sizeof seed)) return false;
  crypto_sign_seed_keypair(pk, sk, seed);
  sodium_memzero(seed, sizeof seed);
  return true;
}
}  // namespace

std::string SignPublicKeyHex(std::string_view seed_hex) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  if (!KeyPair(seed_hex, pk, sk)) return {};
  sodium_memzero(sk, sizeof sk);
  return Hex(pk, sizeof pk);
}

std::string SignHex(std::string_view seed_hex, std::string_view message) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  if (!KeyPair(seed_hex, pk, sk)) return {};
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), sk);
  sodium_memzero(sk, sizeof sk);
  return Hex(sig, sizeof sig);
}

bool SignatureValid(std::string_view public_key_hex, std::string_view message,
                    std::string_view signature_hex) {
  EnsureSodium();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
  if (!Unhex(public_key_hex, pk, sizeof pk) || !Unhex(signature_hex, sig, sizeof sig)) return false;
  return crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), pk) == 0;
}

}  // namespace sl
