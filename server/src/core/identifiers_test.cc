#include "core/identifiers.h"

#include <gtest/gtest.h>

namespace kehu::ids {
namespace {

TEST(CreditCode, TheStandardsWorkedExamplePasses) {
  // CHINA.md: weights sum to 1640, 1640 mod 31 = 28, 31 - 28 = 3.
  EXPECT_TRUE(CreditCodeChecksumOk("91350100M000100Y43"));
  EXPECT_TRUE(CreditCodeChecksumOk("91110108551385082Q"));
}

TEST(CreditCode, AWrongCheckCharacterFails) {
  EXPECT_FALSE(CreditCodeChecksumOk("91350100M000100Y44"));
  EXPECT_FALSE(CreditCodeChecksumOk("91350100M0001TGQXM")) << "early Xiamen pilot codes fail the check";
}

TEST(CreditCode, NormalizingUpperCasesStripsSpacesAndRejectsTheWrongAlphabet) {
  EXPECT_EQ(NormalizeCreditCode(" 91350100m000100y43 "), "91350100M000100Y43");
  EXPECT_EQ(NormalizeCreditCode("9135 0100 M000 100Y 43"), "91350100M000100Y43");
  EXPECT_EQ(NormalizeCreditCode("91350100M000100I43"), std::nullopt) << "I is not in the alphabet";
  EXPECT_EQ(NormalizeCreditCode("91350100M000100Y4"), std::nullopt);
  EXPECT_EQ(NormalizeCreditCode("91350100M000100Y433"), std::nullopt);
  EXPECT_EQ(NormalizeCreditCode("９１３５"), std::nullopt);
}

TEST(PostalCode, SixDigitsIncludingALeadingZero) {
  EXPECT_TRUE(IsValidPostalCode("010000"));
  EXPECT_TRUE(IsValidPostalCode("100080"));
  EXPECT_FALSE(IsValidPostalCode("10008"));
  EXPECT_FALSE(IsValidPostalCode("1000800"));
  EXPECT_FALSE(IsValidPostalCode("10008a"));
}

}  // namespace
}  // namespace kehu::ids
