// Import files that are wrong as a whole, large files in the background, who may import, the
// template and the rejected-rows workbook (issue #5 item 5).
#include "import_helpers.h"

namespace kehu::apitest {
namespace {

const Sheet kGood = {{"客户名称", "客户代码"}, {"甲有限公司", "A1"}, {"乙有限公司", "A2"}};

void ExpectError(const HttpResponse& r, long status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.Describe();
  EXPECT_EQ(Str(At(r.json, "error"), "code"), code) << r.body;
  EXPECT_FALSE(Str(At(r.json, "error"), "message").empty()) << r.body;
}

TEST_F(ImportTest, MalformedFilesAre400AndWriteNothing) {
  int64_t audit_before = AuditTotal();
  HttpResponse quote = Import(*admin, "客户名称,客户代码\r\n\"甲有限公司,A1\r\n乙,A2\r\n", "");
  ExpectError(quote, 400, "csv_unterminated_quote");
  EXPECT_NE(Str(At(quote.json, "error"), "message").find("2"), std::string::npos) << quote.body;

  ExpectError(Import(*admin, "客户名称\r\n\xFF\xFE\xFF\xFF\x80\r\n", ""), 400, "unknown_encoding");
  std::string fake_zip = std::string("PK\x03\x04", 4) + std::string(200, 'x');
  HttpResponse zip = Import(*admin, fake_zip, "");
  EXPECT_EQ(zip.status, 400) << zip.Describe();
  std::string code = Str(At(zip.json, "error"), "code");
  EXPECT_TRUE(code == "not_xlsx" || code == "xlsx_malformed") << code;
  std::string cut = XlsxOf(kGood);
  cut.resize(cut.size() / 2);
  EXPECT_EQ(Import(*admin, cut, "").status, 400);
  EXPECT_EQ(Total("customers"), 0);
  EXPECT_EQ(AuditTotal(), audit_before);
}

TEST_F(ImportTest, EmptyFilesAndMissingColumnsAre422) {
  ExpectError(Import(*admin, "", ""), 422, "import_empty");
  ExpectError(Import(*admin, "\xEF\xBB\xBF\r\n\r\n", ""), 422, "import_empty");
  ExpectError(Import(*admin, "客户名称,客户代码\r\n", ""), 422, "import_no_rows");
  HttpResponse missing = Import(*admin, CsvOf({{"客户代码", "电话"}, {"A1", ""}}), "");
  ExpectError(missing, 422, "missing_column");
  EXPECT_NE(Str(At(missing.json, "error"), "message").find("客户名称"), std::string::npos) << missing.body;
  EXPECT_EQ(Str(At(At(missing.json, "error"), "fields"), "name"), "missing_column");
  EXPECT_EQ(Total("customers"), 0);
}

TEST_F(ImportTest, MappingRenamesAndIgnoresColumns) {
  Sheet rows = {{"公司", "代码", "杂项"}, {"映射公司有限公司", "M1", "随便"}};
  std::string mapping = R"({"公司":"name","代码":"code","杂项":null})";
  HttpResponse r = Import(*admin, CsvOf(rows), "?mapping=" + UrlEncode(mapping));
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(At(r.json, "created"), json::value(1)) << r.body;
  const auto& cols = At(r.json, "columns").as_array();
  EXPECT_EQ(Str(cols[2], "header"), "杂项");
  EXPECT_TRUE(At(cols[2], "field").is_null());
  EXPECT_TRUE(CustomerByCode("M1").is_object());
  ExpectError(Import(*admin, CsvOf(rows), "?mapping=" + UrlEncode("[1]")), 400, "bad_parameter");
  ExpectError(Import(*admin, CsvOf(rows), "?mode=merge"), 400, "bad_parameter");
}

TEST_F(ImportTest, LargeFileRunsInTheBackgroundUntilEveryRowIsThere) {
  Sheet rows = {{"客户名称", "客户代码", "客户类别"}};
  // Over the 2,000 rows that send an import to the background; small enough for a loaded CI
  // machine on PostgreSQL (~100 rows/s there today, see #6).
  for (int i = 0; i < 2500; ++i)
    rows.push_back({"批量导入测试第" + std::to_string(i) + "号有限公司", "B" + std::to_string(i), "潜在客户"});
  HttpResponse r = Import(*admin, CsvOf(rows), "?mode=create");
  ASSERT_EQ(r.status, 202) << r.Describe();
  EXPECT_EQ(Str(r.json, "state"), "running");
  EXPECT_EQ(At(r.json, "total"), json::value(2500));
  std::string id = IdStr(At(r.json, "id"));
  EXPECT_EQ(r.Header("Location"), "/api/v1/imports/" + id);
  HttpResponse done = WaitDone(*admin, id);
  ASSERT_EQ(done.status, 200) << done.Describe();
  EXPECT_EQ(Str(done.json, "state"), "done") << done.body;
  EXPECT_EQ(At(done.json, "created"), json::value(2500));
  EXPECT_EQ(At(done.json, "processed"), json::value(2500));
  EXPECT_EQ(Total("customers"), 2500);
  EXPECT_TRUE(CustomerByCode("B2499").is_object());
}

TEST_F(ImportTest, RepWithoutImportScopeIsRefused) {
  std::string pw = GoodPassword();
  CreateUser("rep1", pw, {"sales_rep"});
  auto rep = LoginAs("rep1", pw);
  ASSERT_FALSE(HasFatalFailure());
  ExpectError(Import(*rep, CsvOf(kGood), ""), 403, "forbidden");
  EXPECT_EQ(rep->Get("/api/v1/customers/import-template?format=csv").status, 403);
  EXPECT_EQ(Total("customers"), 0);
}

TEST_F(ImportTest, TemplateHasImportableLabelsWithRequiredMarked) {
  HttpResponse csv = admin->Get("/api/v1/customers/import-template?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.Describe();
  ASSERT_GE(csv.body.size(), 3u);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("\"*客户名称\""), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("\"负责人\""), std::string::npos) << "ownerId is importable";
  EXPECT_EQ(csv.body.find("审核状态"), std::string::npos) << "read-only fields are not";
  EXPECT_EQ(csv.body.find("创建时间"), std::string::npos);
  EXPECT_NE(csv.Header("Content-Disposition").find("filename*=UTF-8''"), std::string::npos);

  HttpResponse xlsx = admin->Get("/api/v1/customers/import-template?format=xlsx",
                                 {{"Accept-Language", "en"}});
  ASSERT_EQ(xlsx.status, 200) << xlsx.Describe();
  Sheet sheet = ReadXlsxRows(xlsx.body);
  ASSERT_EQ(sheet.size(), 1u);
  EXPECT_EQ(sheet[0][0], "*Name") << "the entity's fields first, in the caller's language";
  EXPECT_EQ(sheet[0].back(), "Owner");
  // The template, filled in, imports as it is.
  Sheet filled = sheet;
  filled.push_back(std::vector<std::string>(sheet[0].size()));
  for (size_t i = 0; i < sheet[0].size(); ++i)
    if (sheet[0][i] == "*Name") filled[1][i] = "模板填写有限公司";
  HttpResponse r = Import(*admin, XlsxOf(filled), "");
  EXPECT_EQ(At(r.json, "created"), json::value(1)) << r.Describe();
}

TEST_F(ImportTest, RejectedRowsWorkbookStartsWithTheReason) {
  Sheet rows = {{"客户名称", "电话", "客户代码"},
                {"好的有限公司", "13812345678", "R1"},
                {"坏电话有限公司", "12345", "13800001111222"}};
  HttpResponse r = Import(*admin, CsvOf(rows), "?dryRun=true");
  ASSERT_EQ(r.status, 200) << r.Describe();
  std::string id = IdStr(At(r.json, "id"));
  HttpResponse file = admin->Get("/api/v1/imports/" + id + "/errors?format=xlsx");
  ASSERT_EQ(file.status, 200) << file.Describe();
  Sheet sheet = ReadXlsxRows(file.body);
  ASSERT_EQ(sheet.size(), 2u);
  EXPECT_EQ(sheet[0], (std::vector<std::string>{"错误原因", "客户名称", "电话", "客户代码"}));
  EXPECT_NE(sheet[1][0].find("电话"), std::string::npos) << sheet[1][0];
  EXPECT_EQ(sheet[1][1], "坏电话有限公司");
  EXPECT_EQ(sheet[1][3], "13800001111222") << "long digit strings stay exact";
  HttpResponse csv = admin->Get("/api/v1/imports/" + id + "/errors?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("坏电话有限公司"), std::string::npos);
}

}  // namespace
}  // namespace kehu::apitest
