#include "documents/postal_address.h"

#include <gtest/gtest.h>

namespace kehu::documents {
namespace {

const std::vector<std::string> kChaoyang = {"北京市", "市辖区", "朝阳区"};
const std::vector<std::string> kNanshan = {"广东省", "深圳市", "南山区"};

TEST(PostalAddress, PrependsRegionWithoutPlaceholderLevels) {
  EXPECT_EQ(FullPostalAddress(kChaoyang, "建国路88号"), "北京市朝阳区建国路88号");
  EXPECT_EQ(FullPostalAddress(kNanshan, "科技园南区1栋"), "广东省深圳市南山区科技园南区1栋");
  EXPECT_EQ(FullPostalAddress({"河南省", "省直辖县级行政区划", "济源市"}, "宏程大道1号"),
            "河南省济源市宏程大道1号");
}

TEST(PostalAddress, DoesNotRepeatLevelsTheAddressStartsWith) {
  EXPECT_EQ(FullPostalAddress(kChaoyang, "北京市朝阳区建国路88号"), "北京市朝阳区建国路88号");
  EXPECT_EQ(FullPostalAddress(kChaoyang, "朝阳区建国路88号"), "北京市朝阳区建国路88号");
  EXPECT_EQ(FullPostalAddress(kChaoyang, "北京朝阳区建国路88号"), "北京朝阳区建国路88号");
  EXPECT_EQ(FullPostalAddress(kNanshan, "深圳市南山区科技园"), "广东省深圳市南山区科技园");
  EXPECT_EQ(FullPostalAddress(kNanshan, "广东深圳南山区科技园"), "广东深圳南山区科技园");
}

TEST(PostalAddress, ShortCountyNamesAreNotMistakenForStreets) {
  // "朝阳路" starts like 朝阳区 without its suffix; counties are only matched in full.
  EXPECT_EQ(FullPostalAddress(kChaoyang, "朝阳路1号"), "北京市朝阳区朝阳路1号");
}

TEST(PostalAddress, MissingPartsAreFine) {
  EXPECT_EQ(FullPostalAddress({}, "建国路88号"), "建国路88号");
  EXPECT_EQ(FullPostalAddress(kChaoyang, ""), "北京市朝阳区");
  EXPECT_EQ(FullPostalAddress({}, ""), "");
}

}  // namespace
}  // namespace kehu::documents
