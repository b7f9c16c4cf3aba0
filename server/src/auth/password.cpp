#include "auth/password.hpp"

#include <sodium.h>

#include <cstdlib>

#include "core/crypto.hpp"

namespace sl::auth {

namespace {
constexpr unsigned long long kOps = 2;
constexpr size_t kMem = 19u * 1024u * 1024u;
}  // namespace

std::string HashPassword(std::string_view password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOps, kMem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    std::abort();  // out of memory: nothing sensible to return
  return out;
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  const std::string h(hash);  // must be NUL-terminated
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

const std::string& DummyHash() {
  static const std::string kDummy = HashPassword(RandomHex(16));
  return kDummy;
}

}  // namespace sl::auth
