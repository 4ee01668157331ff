#include "core/crypto.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

namespace kehu::crypto {
namespace {

// The API tests set KEHU_INSECURE_FAST_PASSWORD_HASH for their servers; this process does not,
// so here HashPassword must use the interactive limits real passwords get.
TEST(CryptoTest, PasswordHashesUseInteractiveArgon2idLimitsUnlessTestsAskOtherwise) {
  Init();
  ASSERT_FALSE(InsecureFastPasswordHash());
  const std::string hash = HashPassword("客户-密码-2026");
  EXPECT_EQ(hash.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << hash;
  EXPECT_TRUE(VerifyPassword("客户-密码-2026", hash));
  EXPECT_FALSE(VerifyPassword("客户-密码-2027", hash));
  EXPECT_NE(HashPassword("客户-密码-2026"), hash) << "each hash has its own salt";
}

// A hash made at the minimum limits (what test servers store) verifies in a process hashing at
// interactive limits: the limits travel inside the hash.
TEST(CryptoTest, VerificationFollowsTheLimitsInsideTheHash) {
  Init();
  char minimum[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str(minimum, "pw", 2, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN), 0);
  EXPECT_EQ(std::string(minimum).rfind("$argon2id$v=19$m=8,t=1,p=1$", 0), 0u) << minimum;
  EXPECT_TRUE(VerifyPassword("pw", minimum));
  EXPECT_FALSE(VerifyPassword("pW", minimum));
}

}  // namespace
}  // namespace kehu::crypto
