#include "files/file_input.h"

#include <gtest/gtest.h>

#include <string>

namespace kehu::files {
namespace {

TEST(FileNameProblemTest, AcceptsOrdinaryNamesInAnyScript) {
  EXPECT_EQ(FileNameProblem("合同.pdf"), "");
  EXPECT_EQ(FileNameProblem("報價單 (v2).xlsx"), "");
  EXPECT_EQ(FileNameProblem("𠀀 rare.txt"), "");
  EXPECT_EQ(FileNameProblem(".env"), "");
  EXPECT_EQ(FileNameProblem(std::string(200, 'a')), "");
  std::string chinese;
  for (int i = 0; i < 200; ++i) chinese += "合";
  EXPECT_EQ(FileNameProblem(chinese), "") << "the limit counts characters, not bytes";
}

TEST(FileNameProblemTest, RefusesWhatCouldEscapeOrDisguise) {
  EXPECT_EQ(FileNameProblem(""), "required");
  EXPECT_EQ(FileNameProblem("   "), "required");
  EXPECT_EQ(FileNameProblem(std::string(201, 'a')), "too_long");
  EXPECT_EQ(FileNameProblem("../etc/passwd"), "invalid");
  EXPECT_EQ(FileNameProblem("a\\b.txt"), "invalid");
  EXPECT_EQ(FileNameProblem(".."), "invalid");
  EXPECT_EQ(FileNameProblem("."), "invalid");
  EXPECT_EQ(FileNameProblem(std::string("a\0b", 3)), "invalid");
  EXPECT_EQ(FileNameProblem("a\r\nSet-Cookie: x"), "invalid");
  EXPECT_EQ(FileNameProblem("a\x7f"), "invalid");
  EXPECT_EQ(FileNameProblem("\xc2\x85"), "invalid") << "C1 control NEL";
  EXPECT_EQ(FileNameProblem("invoice\u202Efdp.exe"), "invalid") << "right-to-left override";
  EXPECT_EQ(FileNameProblem("\xff\xfe.txt"), "invalid") << "ill-formed UTF-8";
}

TEST(NormalizeContentTypeTest, DefaultsTrimsAndRefusesGarbage) {
  EXPECT_EQ(NormalizeContentType(""), "application/octet-stream");
  EXPECT_EQ(NormalizeContentType("  "), "application/octet-stream");
  EXPECT_EQ(NormalizeContentType("application/pdf"), "application/pdf");
  EXPECT_EQ(NormalizeContentType(" text/plain; charset=utf-8 "), "text/plain; charset=utf-8");
  EXPECT_EQ(NormalizeContentType(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(NormalizeContentType("pdf"), std::nullopt);
  EXPECT_EQ(NormalizeContentType("/pdf"), std::nullopt);
  EXPECT_EQ(NormalizeContentType("text/"), std::nullopt);
  EXPECT_EQ(NormalizeContentType("text/plain garbage"), std::nullopt);
  EXPECT_EQ(NormalizeContentType("text/plain\r\nX-Evil: 1"), std::nullopt);
  EXPECT_EQ(NormalizeContentType("文本/纯文本"), std::nullopt);
  EXPECT_EQ(NormalizeContentType("a/" + std::string(300, 'b')), std::nullopt);
}

TEST(ContentDispositionTest, AsciiFallbackAndPercentEncodedUtf8) {
  EXPECT_EQ(ContentDisposition("合同.pdf"),
            "attachment; filename=\"__.pdf\"; filename*=UTF-8''%E5%90%88%E5%90%8C.pdf");
  EXPECT_EQ(ContentDisposition("report 2026.txt"),
            "attachment; filename=\"report 2026.txt\"; filename*=UTF-8''report%202026.txt");
  EXPECT_EQ(ContentDisposition("a\"b;c%.txt"),
            "attachment; filename=\"a_b;c%.txt\"; filename*=UTF-8''a%22b%3Bc%25.txt");
}

}  // namespace
}  // namespace kehu::files
