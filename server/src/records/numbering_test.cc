#include "records/numbering.h"

#include <gtest/gtest.h>

namespace kehu::records {
namespace {

std::string FieldOf(const Status& s) {
  if (s.ok()) return "";
  auto it = s.error().fields.begin();
  return it == s.error().fields.end() ? "" : it->first + ":" + it->second;
}

TEST(Numbering, RendersDateAndZeroPaddedSequenceSegments) {
  zones::LocalDate d{2026, 3, 7};
  EXPECT_EQ(RenderNumber("KH{yyyy}{MM}-{seq:5}", d, 42), "KH202603-00042");
  EXPECT_EQ(RenderNumber("HT{yy}{MM}{dd}{seq:3}", d, 7), "HT260307007");
  EXPECT_EQ(RenderNumber("{seq:2}", d, 123), "123") << "a sequence outgrowing its width keeps every digit";
  EXPECT_EQ(RenderNumber("客户-{seq:4}", d, 1), "客户-0001");
}

TEST(Numbering, PeriodKeysFollowTheResetPeriod) {
  zones::LocalDate d{2026, 3, 7};
  EXPECT_EQ(PeriodKey("never", d), "");
  EXPECT_EQ(PeriodKey("yearly", d), "2026");
  EXPECT_EQ(PeriodKey("monthly", d), "2026-03");
  EXPECT_EQ(PeriodKey("daily", d), "2026-03-07");
}

TEST(Numbering, RulesThatCouldIssueANumberTwiceAreRejected) {
  EXPECT_TRUE(ValidateRule({"KH{yyyy}{MM}-{seq:5}", "monthly"}, 50).ok());
  EXPECT_TRUE(ValidateRule({"KH{seq:6}", "never"}, 50).ok());
  EXPECT_EQ(FieldOf(ValidateRule({"KH{yyyy}-{seq:5}", "daily"}, 50)), "reset:pattern_lacks_date");
  EXPECT_EQ(FieldOf(ValidateRule({"KH{seq:5}", "yearly"}, 50)), "reset:pattern_lacks_date");
  EXPECT_EQ(FieldOf(ValidateRule({"KH{yyyy}", "never"}, 50)), "pattern:one_sequence_required");
  EXPECT_EQ(FieldOf(ValidateRule({"{seq:3}{seq:3}", "never"}, 50)), "pattern:one_sequence_required");
  EXPECT_EQ(FieldOf(ValidateRule({"KH{hh}{seq:3}", "never"}, 50)), "pattern:unknown_placeholder");
  EXPECT_EQ(FieldOf(ValidateRule({"KH{seq:0}", "never"}, 50)), "pattern:bad_sequence_width");
  EXPECT_EQ(FieldOf(ValidateRule({"KH{seq:x}", "never"}, 50)), "pattern:bad_sequence_width");
  EXPECT_EQ(FieldOf(ValidateRule({"KH{seq:5}", "hourly"}, 50)), "reset:invalid_option");
  EXPECT_EQ(FieldOf(ValidateRule({"KH{yyyy}{MM}{dd}-{seq:12}", "daily"}, 20)), "pattern:too_long");
}

}  // namespace
}  // namespace kehu::records
