#include "core/crypto.h"

#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace kehu::crypto {

void Init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
}

std::string RandomHex(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), bytes);
  std::string out(bytes * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), buf.data(), bytes);
  out.resize(bytes * 2);
  return out;
}

std::string RandomToken(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), bytes);
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), buf.data(), bytes, variant);
  out.resize(out.find('\0'));
  return out;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  std::string out(sizeof digest * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), digest, sizeof digest);
  out.resize(sizeof digest * 2);
  return out;
}

bool InsecureFastPasswordHash() {
  static const bool fast = [] {
    const char* v = std::getenv("KEHU_INSECURE_FAST_PASSWORD_HASH");
    return v != nullptr && std::strcmp(v, "1") == 0;
  }();
  return fast;
}

std::string HashPassword(std::string_view password) {
  const bool fast = InsecureFastPasswordHash();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(),
                        fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory hashing a password");
  return out;
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool SecureEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace kehu::crypto
