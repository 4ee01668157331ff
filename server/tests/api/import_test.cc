// POST /api/v1/{entity}/import (issue #5 item 5): files as Chinese Excel writes them, dry runs,
// all-or-nothing, upsert by code, 查重 skip/create. Rows are numbered as Excel shows them.
#include "import_helpers.h"

namespace kehu::apitest {
namespace {

const Sheet kCustomers = {
    {"客户名称", "客户类别", "所在地区", "电话", "客户代码", "备注"},
    {"深圳南山网联科技有限公司", "现有客户", "广东省/深圳市/南山区", "138 1234 5678", "KH001", "首批"},
    {"北京朝阳数据服务有限公司", "合作伙伴", "北京市朝阳区", "010-87654321", "KH002", ""},
};

// What the three import tests of the same file expect to find afterwards.
void ExpectImportedCustomers(ImportTest& t) {
  json::value a = t.CustomerByCode("KH001");
  ASSERT_TRUE(a.is_object()) << "KH001 not imported";
  EXPECT_EQ(Str(a, "name"), "深圳南山网联科技有限公司");
  EXPECT_EQ(Str(a, "category"), "current") << "enum by its Chinese label";
  EXPECT_EQ(Str(At(a, "region"), "code"), "440305") << "region by names";
  EXPECT_EQ(Str(a, "phone"), "+8613812345678") << "mobile normalized by the codec";
  EXPECT_EQ(Str(a, "remarks"), "首批");
  json::value b = t.CustomerByCode("KH002");
  ASSERT_TRUE(b.is_object()) << "KH002 not imported";
  EXPECT_EQ(Str(b, "category"), "partner");
  EXPECT_EQ(Str(At(b, "region"), "code"), "110105");
  EXPECT_EQ(Str(b, "phone"), "010-87654321");
}

void ExpectDone(const HttpResponse& r, int created) {
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Str(r.json, "state"), "done") << r.body;
  EXPECT_EQ(At(r.json, "created"), json::value(created)) << r.body;
  EXPECT_EQ(At(r.json, "errors"), json::value(json::array())) << r.body;
}

TEST_F(ImportTest, GbkCsvWithChineseHeadersCreatesCustomers) {
  HttpResponse r = Import(*admin, Encode(CsvOf(kCustomers), "GB18030"), "?mode=create&name=客户.csv");
  ExpectDone(r, 2);
  EXPECT_EQ(At(r.json, "total"), json::value(2));
  EXPECT_EQ(At(r.json, "dryRun"), json::value(false));
  const json::value& cols = At(r.json, "columns");
  ASSERT_TRUE(cols.is_array() && cols.as_array().size() == 6) << r.body;
  EXPECT_EQ(Str(cols.as_array()[0], "header"), "客户名称");
  EXPECT_EQ(Str(cols.as_array()[0], "field"), "name");
  ExpectImportedCustomers(*this);
}

TEST_F(ImportTest, Big5CsvWithTraditionalHeadersCreatesCustomers) {
  Sheet rows = {{"客戶名稱", "客戶類別", "客戶代碼"}, {"臺北網聯股份有限公司", "現有客戶", "TW001"}};
  HttpResponse r = Import(*admin, Encode(CsvOf(rows), "BIG5"), "");
  ExpectDone(r, 1);
  json::value c = CustomerByCode("TW001");
  ASSERT_TRUE(c.is_object());
  EXPECT_EQ(Str(c, "name"), "臺北網聯股份有限公司") << "stored as typed";
  EXPECT_EQ(Str(c, "category"), "current");
}

TEST_F(ImportTest, Utf8BomCsvAndXlsxImportTheSame) {
  ExpectDone(Import(*admin, "\xEF\xBB\xBF" + CsvOf(kCustomers), "?mode=create"), 2);
  ExpectImportedCustomers(*this);
  Sheet again = kCustomers;
  again[1][4] = "KH011";
  again[2][4] = "KH012";
  again[1][0] = "深圳南山网联二号科技有限公司";
  again[2][0] = "北京朝阳数据二号服务有限公司";
  HttpResponse r = Import(*admin, XlsxOf(again), "?mode=create&onDuplicate=create");
  ExpectDone(r, 2);
  json::value c = CustomerByCode("KH011");
  ASSERT_TRUE(c.is_object());
  EXPECT_EQ(Str(At(c, "region"), "code"), "440305");
  EXPECT_EQ(Str(c, "phone"), "+8613812345678");
  EXPECT_EQ(Str(c, "category"), "current");
}

Sheet WithBadRows() {
  Sheet rows = kCustomers;
  rows.push_back({"上海浦东贸易有限公司", "现有客户", "", "12345", "KH003", ""});        // row 4
  rows.push_back({"杭州西湖茶叶有限公司", "供应商", "浙江 杭州 西湖", "", "KH004", ""});   // row 5
  rows.push_back({"", "", "", "", "KH005", ""});                                         // row 6
  return rows;
}

TEST_F(ImportTest, DryRunWritesNothingAndReportsRowErrorsWithExcelRowNumbers) {
  int64_t audit_before = AuditTotal();
  // A blank line in the middle still counts as a row in Excel.
  std::string csv = CsvOf({WithBadRows()[0], WithBadRows()[1]}) + "\r\n" +
                    CsvOf({WithBadRows()[2], WithBadRows()[3], WithBadRows()[4], WithBadRows()[5]});
  HttpResponse r = Import(*admin, csv, "?mode=create&dryRun=true");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Str(r.json, "state"), "done");
  EXPECT_EQ(At(r.json, "dryRun"), json::value(true));
  EXPECT_EQ(At(r.json, "created"), json::value(2)) << "what a real run would create";
  EXPECT_EQ(ErrorSummary(r), (std::vector<std::string>{"5:phone=invalid_phone,", "6:category=invalid_option,",
                                                        "7:name=required,"}))
      << r.body;
  std::string message = Str(At(r.json, "errors").as_array()[0], "message");
  EXPECT_NE(message.find("电话"), std::string::npos) << message;
  EXPECT_EQ(Total("customers"), 0) << "a dry run writes no record";
  EXPECT_EQ(AuditTotal(), audit_before) << "a dry run writes no audit row";

  HttpResponse again = admin->Get("/api/v1/imports/" + IdStr(At(r.json, "id")));
  ASSERT_EQ(again.status, 200) << again.Describe();
  EXPECT_EQ(ErrorSummary(again), ErrorSummary(r));
}

TEST_F(ImportTest, OneBadRowMakesTheRealRunWriteNothing) {
  int64_t audit_before = AuditTotal();
  HttpResponse r = Import(*admin, CsvOf(WithBadRows()), "?mode=create");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Str(r.json, "state"), "failed");
  EXPECT_EQ(At(r.json, "created"), json::value(0));
  EXPECT_EQ(ErrorSummary(r).size(), 3u) << r.body;
  EXPECT_EQ(Total("customers"), 0);
  EXPECT_EQ(AuditTotal(), audit_before);
}

TEST_F(ImportTest, CodeRepeatedInTheFileOrExistingIsARowError) {
  CreateCustomer({{"name", "已存在的客户有限公司"}, {"code", "KH900"}});
  Sheet rows = {{"客户名称", "客户代码"}, {"甲公司", "KH901"}, {"乙公司", "KH901"}, {"丙公司", "KH900"}};
  HttpResponse r = Import(*admin, CsvOf(rows), "?mode=create&dryRun=true");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(ErrorSummary(r), (std::vector<std::string>{"3:code=duplicate_in_file,", "4:code=unique,"}));
}

TEST_F(ImportTest, UpsertUpdatesByCodeAndCreatesTheRest) {
  json::object old = CreateCustomer({{"name", "旧名称有限公司"}, {"code", "KH100"}, {"phone", "13900001111"}});
  Sheet rows = {{"客户代码", "客户名称", "客户类别"},
                {"KH100", "新名称有限公司", "合作伙伴"},
                {"KH101", "新建一号有限公司", ""},
                {"", "无代码新建有限公司", ""}};
  HttpResponse r = Import(*admin, CsvOf(rows), "?mode=upsert");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Str(r.json, "state"), "done") << r.body;
  EXPECT_EQ(At(r.json, "updated"), json::value(1)) << r.body;
  EXPECT_EQ(At(r.json, "created"), json::value(2)) << r.body;
  json::value updated = CustomerByCode("KH100");
  EXPECT_EQ(IdStr(At(updated, "id")), IdStr(old.at("id")));
  EXPECT_EQ(Str(updated, "name"), "新名称有限公司");
  EXPECT_EQ(Str(updated, "category"), "partner");
  EXPECT_EQ(Str(updated, "phone"), "+8613900001111") << "columns not in the file are kept";
  EXPECT_EQ(At(updated, "version"), json::value(2));
  EXPECT_TRUE(CustomerByCode("KH101").is_object());
  EXPECT_EQ(Total("customers"), 3);
}

TEST_F(ImportTest, RepUpsertOfAnotherRepsCodeIsNotFoundAndChangesNothing) {
  AddImporterRep("imp1");
  AddImporterRep("imp2");
  ASSERT_FALSE(HasFatalFailure());
  HttpResponse mine = As("imp2").Post("/api/v1/customers",
                                      json::object{{"name", "别人的客户有限公司"}, {"code", "KH200"}});
  ASSERT_EQ(mine.status, 201) << mine.Describe();
  std::string before = Snapshot("customers", mine.json.at("id"));
  Sheet rows = {{"客户代码", "客户名称"}, {"KH200", "抢过来的名字"}, {"KH201", "自己的新客户有限公司"}};
  HttpResponse r = Import(As("imp1"), CsvOf(rows), "?mode=upsert");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(Str(r.json, "state"), "failed");
  EXPECT_EQ(ErrorSummary(r), (std::vector<std::string>{"2:code=not_found,"})) << r.body;
  EXPECT_EQ(Str(At(r.json, "errors").as_array()[0], "code"), "not_found");
  EXPECT_EQ(Snapshot("customers", mine.json.at("id")), before);
  EXPECT_FALSE(CustomerByCode("KH201").is_object()) << "nothing written";
  // Another rep may not read the import either.
  EXPECT_EQ(As("imp2").Get("/api/v1/imports/" + IdStr(At(r.json, "id"))).status, 404);
  EXPECT_EQ(admin->Get("/api/v1/imports/" + IdStr(At(r.json, "id"))).status, 200);
}

TEST_F(ImportTest, LikelyDuplicatesAreSkippedOrCreatedAsChosen) {
  CreateCustomer({{"name", "北京网联科技有限公司"}, {"phone", "13812345678"}});
  Sheet rows = {{"客户名称", "电话"}, {"北京网联科技有限公司", ""}, {"全新的客户有限公司", ""}};
  HttpResponse skip = Import(*admin, CsvOf(rows), "?mode=create");
  ASSERT_EQ(skip.status, 200) << skip.Describe();
  EXPECT_EQ(Str(skip.json, "state"), "done") << skip.body;
  EXPECT_EQ(At(skip.json, "created"), json::value(1));
  EXPECT_EQ(At(skip.json, "skipped"), json::value(1));
  const json::value& skipped = At(skip.json, "skippedRows");
  ASSERT_TRUE(skipped.is_array() && skipped.as_array().size() == 1) << skip.body;
  EXPECT_EQ(At(skipped.as_array()[0], "row"), json::value(2));
  EXPECT_EQ(Str(At(skipped.as_array()[0], "fields"), "name"), "duplicate");
  EXPECT_EQ(Total("customers"), 2);

  Sheet dup = {{"客户名称"}, {"北京网联科技有限公司"}};
  HttpResponse create = Import(*admin, CsvOf(dup), "?mode=create&onDuplicate=create");
  ExpectDone(create, 1);
  EXPECT_EQ(Total("customers"), 3);
}

TEST_F(ImportTest, ImportIsAuditedOnceBesideEachRecord) {
  ExpectDone(Import(*admin, CsvOf(kCustomers), "?name=" + UrlEncode("客户.csv")), 2);
  HttpResponse audit = admin->Get("/api/v1/audit" + Query({{"entity", "customers"}, {"pageSize", "50"}}));
  ASSERT_EQ(audit.status, 200);
  int creates = 0, imports = 0;
  for (const auto& item : At(audit.json, "items").as_array()) {
    if (Str(item, "action") == "create") ++creates;
    if (Str(item, "action") == "import") {
      ++imports;
      EXPECT_EQ(At(At(item, "changes"), "created"), json::value(2)) << json::serialize(item);
      EXPECT_EQ(Str(At(item, "changes"), "fileName"), "客户.csv");
    }
  }
  EXPECT_EQ(creates, 2);
  EXPECT_EQ(imports, 1);
}

}  // namespace
}  // namespace kehu::apitest
