// The few cryptographic primitives Kehu needs, all from libsodium.
#pragma once

#include <string>
#include <string_view>

namespace kehu::crypto {

// Must be called once before any other function (idempotent, thread-safe).
void Init();

// `bytes` random bytes, hex- or base64url-encoded (no padding).
std::string RandomHex(size_t bytes);
std::string RandomToken(size_t bytes = 32);

// Lower-case hex SHA-256.
std::string Sha256Hex(std::string_view data);

// Argon2id password hashing (crypto_pwhash_str, interactive limits: 64 MiB, 2 passes). The hash
// names its own limits, so verification follows whatever a hash was made with.
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& hash);

// True when KEHU_INSECURE_FAST_PASSWORD_HASH=1: HashPassword then uses libsodium's minimum
// limits. Only for test runs, which create and log in thousands of users: at interactive limits
// each hash costs about 250 ms on a 2-core machine, most of the API test suite's time. Same code
// path and format; unfit for real passwords, so `kehu serve` warns when it is set.
bool InsecureFastPasswordHash();

// Constant-time comparison.
bool SecureEquals(std::string_view a, std::string_view b);

}  // namespace kehu::crypto
