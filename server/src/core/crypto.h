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

// Argon2id password hashing (crypto_pwhash_str, interactive limits).
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& hash);

// Constant-time comparison.
bool SecureEquals(std::string_view a, std::string_view b);

}  // namespace kehu::crypto
