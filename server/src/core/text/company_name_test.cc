#include "core/text/company_name.h"

#include <gtest/gtest.h>

namespace kehu::text {
namespace {

TEST(CompanyNameKey, LegalFormsWidthScriptAndPunctuationDoNotMatter) {
  const std::string key = CompanyNameKey("北京网联科技有限公司");
  EXPECT_EQ(key, "北京网联科技");
  EXPECT_EQ(CompanyNameKey("北京网联科技股份有限公司"), key);
  EXPECT_EQ(CompanyNameKey("北京網聯科技 (有限公司)"), key);
  EXPECT_EQ(CompanyNameKey("北京网联科技集团有限公司"), key);
  EXPECT_EQ(CompanyNameKey("　北京网联科技有限责任公司　"), key);
}

TEST(CompanyNameKey, EnglishNamesFoldCaseAndForms) {
  EXPECT_EQ(CompanyNameKey("Acme Trading Co., Ltd."), CompanyNameKey("ACME TRADING LIMITED"));
  EXPECT_EQ(CompanyNameKey("Ｉｎｆｏ Ｔｅｃｈ Inc."), "infotech");
}

TEST(CompanyNameKey, DifferentCompaniesKeepDifferentKeys) {
  EXPECT_NE(CompanyNameKey("北京网联科技有限公司"), CompanyNameKey("上海网联科技有限公司"));
  EXPECT_NE(CompanyNameKey("网联科技"), CompanyNameKey("网联"));
}

TEST(CompanyNameKey, NothingDistinctiveGivesAnEmptyKey) {
  EXPECT_EQ(CompanyNameKey("有限公司"), "");
  EXPECT_EQ(CompanyNameKey("  ——  "), "");
}

}  // namespace
}  // namespace kehu::text
