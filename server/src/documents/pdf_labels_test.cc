#include "documents/pdf_labels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "documents/pdf_test_util.h"

namespace kehu::documents {
namespace {

const LabelLayout& Layout3x8() {
  const LabelLayout* layout = FindLabelLayout("a4-3x8");
  EXPECT_NE(layout, nullptr);
  return *layout;
}

TEST(LabelLayouts, BuiltinsAreTheSheetsOfChinaMdCentredOnA4) {
  std::set<std::string> names;
  for (const auto& l : BuiltinLabelLayouts()) {
    names.insert(l.name);
    double used_x = (l.cols - 1) * l.pitch_x_mm + l.label_width_mm;
    double used_y = (l.rows - 1) * l.pitch_y_mm + l.label_height_mm;
    EXPECT_NEAR(2 * l.margin_left_mm + used_x, 210.0, 0.01) << l.name;
    EXPECT_NEAR(2 * l.margin_top_mm + used_y, 297.0, 0.01) << l.name;
    EXPECT_GE(l.pitch_x_mm, l.label_width_mm) << l.name << ": labels overlap";
    EXPECT_GE(l.pitch_y_mm, l.label_height_mm) << l.name << ": labels overlap";
    EXPECT_GE(l.margin_left_mm, 0) << l.name;
  }
  EXPECT_EQ(names, (std::set<std::string>{"a4-3x8", "a4-2x7", "a4-3x7", "a4-2x8", "a4-3x11"}));
  const LabelLayout* l = FindLabelLayout("a4-2x7");
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(l->PerPage(), 14);
  EXPECT_DOUBLE_EQ(l->label_width_mm, 99.1);
  EXPECT_DOUBLE_EQ(l->label_height_mm, 38.1);
  EXPECT_EQ(FindLabelLayout("a4-9x9"), nullptr);
}

TEST(LabelLayouts, TwentyFourPositionsOfA4_3x8FillRowByRow) {
  const LabelLayout& l = Layout3x8();
  ASSERT_EQ(l.PerPage(), 24);
  std::set<std::pair<double, double>> corners;
  for (int slot = 0; slot < 24; ++slot) {
    LabelPosition p = PositionOf(l, slot);
    EXPECT_EQ(p.page, 0);
    EXPECT_EQ(p.row, slot / 3);
    EXPECT_EQ(p.col, slot % 3);
    EXPECT_DOUBLE_EQ(p.x_mm, 70.0 * (slot % 3));
    EXPECT_DOUBLE_EQ(p.y_mm, 0.5 + 37.0 * (slot / 3));
    EXPECT_LE(p.x_mm + l.label_width_mm, 210.0 + 1e-9);
    EXPECT_LE(p.y_mm + l.label_height_mm, 297.0 + 1e-9);
    corners.insert({p.x_mm, p.y_mm});
  }
  EXPECT_EQ(corners.size(), 24u);
  LabelPosition last = PositionOf(l, 23);
  EXPECT_DOUBLE_EQ(last.x_mm, 140.0);
  EXPECT_DOUBLE_EQ(last.y_mm, 259.5);
  LabelPosition next = PositionOf(l, 24);  // first position of the second sheet
  EXPECT_EQ(next.page, 1);
  EXPECT_DOUBLE_EQ(next.x_mm, 0.0);
  EXPECT_DOUBLE_EQ(next.y_mm, 0.5);
}

TEST(LabelLayouts, SkipShiftsLabelsAndPageCount) {
  const LabelLayout& l = Layout3x8();
  EXPECT_EQ(LabelPageCount(l, 0, 0), 1);
  EXPECT_EQ(LabelPageCount(l, 0, 24), 1);
  EXPECT_EQ(LabelPageCount(l, 0, 25), 2);
  EXPECT_EQ(LabelPageCount(l, 0, 30), 2);
  EXPECT_EQ(LabelPageCount(l, 5, 19), 1);
  EXPECT_EQ(LabelPageCount(l, 5, 20), 2);
  // With 5 skipped, the first label sits in row 1, column 2.
  LabelPosition first = PositionOf(l, 5);
  EXPECT_EQ(first.row, 1);
  EXPECT_EQ(first.col, 2);
  EXPECT_DOUBLE_EQ(first.x_mm, 140.0);
  EXPECT_DOUBLE_EQ(first.y_mm, 37.5);
}

MailingLabel Sample(int i) {
  return {"100080", "北京市海淀区中关村大街" + std::to_string(i) + "号",
          "北京网联科技有限公司" + std::to_string(i), "采购部", "欧阳明"};
}

TEST(LabelPdf, ThirtyLabelsMakeTwoPagesWithTheirText) {
  std::vector<MailingLabel> labels;
  for (int i = 0; i < 30; ++i) labels.push_back(Sample(i));
  labels[0].recipient = "𠀋记贸易有限公司";
  auto pdf = RenderLabelsPdf(Layout3x8(), 0, labels, "邮寄标签");
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  EXPECT_EQ(testing::PdfPages(*pdf), 2);
  std::string page1 = testing::PdfText(*pdf, 1, 1);
  EXPECT_NE(page1.find("邮编 100080"), std::string::npos) << page1;
  EXPECT_NE(page1.find("北京网联科技有限公司1"), std::string::npos) << page1;
  EXPECT_NE(page1.find("采购部 欧阳明 收"), std::string::npos) << page1;
  EXPECT_NE(page1.find("𠀋记贸易有限公司"), std::string::npos) << page1;
  EXPECT_EQ(page1.find("北京网联科技有限公司29"), std::string::npos);
  EXPECT_NE(testing::PdfText(*pdf, 2, 2).find("北京网联科技有限公司29"), std::string::npos);
  std::string fonts = testing::PdfFonts(*pdf);
  EXPECT_NE(fonts.find("NotoSansCJK"), std::string::npos) << fonts;
}

TEST(LabelPdf, SkipPushesLabelsOntoASecondSheet) {
  std::vector<MailingLabel> labels = {Sample(1), Sample(2)};
  auto pdf = RenderLabelsPdf(Layout3x8(), 23, labels, "邮寄标签");
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(testing::PdfPages(*pdf), 2);
  EXPECT_NE(testing::PdfText(*pdf, 1, 1).find("北京网联科技有限公司1"), std::string::npos);
  EXPECT_NE(testing::PdfText(*pdf, 2, 2).find("北京网联科技有限公司2"), std::string::npos);
}

TEST(LabelPdf, WithoutAContactTheCompanyIsTheAddressee) {
  MailingLabel label{"010000", "内蒙古自治区呼和浩特市新城区", "呼和浩特网联有限公司", "", ""};
  const LabelLayout* small = FindLabelLayout("a4-3x11");
  ASSERT_NE(small, nullptr);
  auto pdf = RenderLabelsPdf(*small, 0, {label}, "邮寄标签");
  ASSERT_TRUE(pdf.ok());
  std::string text = testing::PdfText(*pdf);
  EXPECT_NE(text.find("呼和浩特网联有限公司 收"), std::string::npos) << text;
  EXPECT_NE(text.find("邮编 010000"), std::string::npos) << text;
}

}  // namespace
}  // namespace kehu::documents
