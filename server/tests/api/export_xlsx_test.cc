// GET /api/v1/{entity}/export?format=xlsx (issue #4): the current filter as a workbook with the
// same rows, columns and rules as the CSV export, read back with Kehu's own XLSX reader.
#include <algorithm>

#include "access_helpers.h"
#include "documents/xlsx_reader.h"

namespace kehu::apitest {
namespace {

using Rows = std::vector<std::vector<std::string>>;

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Rows ReadWorkbook(const std::string& bytes) {
  Rows rows;
  Status s = documents::ReadXlsx(bytes, {}, [&](const documents::XlsxRow& row) {
    rows.push_back(row.cells);
    return Ok();
  });
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().code + " " + s.error().detail);
  return rows;
}

// Index of `header` in the first row, or -1.
int ColumnOf(const Rows& rows, const std::string& header) {
  if (rows.empty()) return -1;
  auto it = std::find(rows[0].begin(), rows[0].end(), header);
  return it == rows[0].end() ? -1 : static_cast<int>(it - rows[0].begin());
}

// The values of one column below the header, in order ("" where a row is shorter).
std::vector<std::string> ColumnValues(const Rows& rows, const std::string& header) {
  int col = ColumnOf(rows, header);
  std::vector<std::string> out;
  for (size_t i = 1; col >= 0 && i < rows.size(); ++i)
    out.push_back(static_cast<size_t>(col) < rows[i].size() ? rows[i][col] : "");
  return out;
}

class ExportXlsxTest : public AccessTest {
 protected:
  void SeedAsAdmin() {
    CreateCustomer({{"name", "北京网联科技有限公司"},
                    {"code", "91110108MA01ABCD2X"},
                    {"category", "partner"},
                    {"phone", "13812345678"},
                    {"remarks", "生僻字𠀀，=SUM(A1)"}});
    CreateCustomer({{"name", "上海浦东贸易有限公司"}, {"code", "6222021234567890123"}});
  }

  HttpResponse Export(Client& c, const std::string& query) {
    return c.Get("/api/v1/customers/export" + query);
  }
};

TEST_F(ExportXlsxTest, AdminExportReadsBackWithChineseHeadersAndExactDigits) {
  SeedAsAdmin();
  HttpResponse r = Export(*admin, "?format=xlsx");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(r.Header("Content-Type"), kXlsxType);
  std::string disposition = r.Header("Content-Disposition");
  EXPECT_NE(disposition.find("attachment;"), std::string::npos) << disposition;
  EXPECT_NE(disposition.find("filename=\"customers.xlsx\""), std::string::npos) << disposition;
  EXPECT_NE(disposition.find("filename*=UTF-8''%E5%AE%A2%E6%88%B7.xlsx"), std::string::npos)
      << "客户.xlsx, RFC 5987: " << disposition;

  Rows rows = ReadWorkbook(r.body);
  ASSERT_EQ(rows.size(), 3u);
  for (const char* header : {"客户名称", "客户代码", "客户类别", "电话", "备注"})
    EXPECT_GE(ColumnOf(rows, header), 0) << header;
  EXPECT_EQ(ColumnOf(rows, "version"), -1);
  // Rows by name, so the test does not depend on the database's collation.
  auto value = [&](const std::string& name, const std::string& header) -> std::string {
    int name_col = ColumnOf(rows, "客户名称"), col = ColumnOf(rows, header);
    for (const auto& row : rows)
      if (name_col >= 0 && col >= 0 && row.size() > static_cast<size_t>(name_col) &&
          row[name_col] == name)
        return static_cast<size_t>(col) < row.size() ? row[col] : "";
    return "(no row " + name + ")";
  };
  const std::string bj = "北京网联科技有限公司", sh = "上海浦东贸易有限公司";
  EXPECT_EQ(value(sh, "客户代码"), "6222021234567890123")
      << "long digit strings are text cells: every digit survives";
  EXPECT_EQ(value(bj, "客户代码"), "91110108MA01ABCD2X");
  EXPECT_EQ(value(bj, "电话"), "+8613812345678") << "stored normalized, exported as text";
  EXPECT_EQ(value(sh, "电话"), "");
  EXPECT_EQ(value(bj, "客户类别"), "合作伙伴") << "enum values as their labels";
  EXPECT_EQ(value(bj, "备注"), "生僻字𠀀，=SUM(A1)")
      << "a text cell is never a formula, so XLSX needs no apostrophe";
}

TEST_F(ExportXlsxTest, XlsxAndCsvShareHeadersFilterAndCsvHasBom) {
  SeedAsAdmin();
  std::string filter = "&" + Query({{"name[contains]", "网联"}}).substr(1);
  HttpResponse xlsx = Export(*admin, "?format=xlsx" + filter);
  ASSERT_EQ(xlsx.status, 200) << xlsx.Describe();
  Rows rows = ReadWorkbook(xlsx.body);
  ASSERT_EQ(rows.size(), 2u) << "the filter applies";
  EXPECT_EQ(ColumnValues(rows, "客户名称"), std::vector<std::string>{"北京网联科技有限公司"});

  HttpResponse csv = Export(*admin, "?format=csv" + filter);
  ASSERT_EQ(csv.status, 200) << csv.Describe();
  EXPECT_EQ(csv.Header("Content-Type"), "text/csv; charset=utf-8");
  ASSERT_GE(csv.body.size(), 3u);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF") << "UTF-8 BOM for Excel in China";
  EXPECT_NE(csv.Header("Content-Disposition").find("filename*=UTF-8''%E5%AE%A2%E6%88%B7.csv"),
            std::string::npos);
  std::string header_line = csv.body.substr(3, csv.body.find("\r\n") - 3);
  std::string expected;
  for (size_t i = 0; i < rows[0].size(); ++i) expected += (i ? ",\"" : "\"") + rows[0][i] + "\"";
  EXPECT_EQ(header_line, expected) << "one column list for both formats";
  EXPECT_NE(csv.body.find("\"生僻字𠀀，=SUM(A1)\""), std::string::npos) << csv.body;
}

TEST_F(ExportXlsxTest, RepExportsOnlyOwnCustomersWithoutHiddenFields) {
  // Field rules of several roles combine to the most permissive, so this is the reps' only role.
  json::object grants{
      {"customers",
       json::object{{"create", "own"}, {"read", "own"}, {"edit", "own"}, {"export", "own"}}}};
  json::object fields{{"customers", json::object{{"remarks", "hidden"}}}};
  HttpResponse role = admin->Post(
      "/api/v1/roles",
      json::object{
          {"code", "exporter"}, {"name", "导出员"}, {"grants", grants}, {"fields", fields}});
  ASSERT_EQ(role.status, 201) << role.Describe();
  json::value dept = CreateDepartment("华东区").at("id");
  AddMember("rep_a", {"exporter"}, dept);
  AddMember("rep_b", {"exporter"}, dept);
  ASSERT_FALSE(HasFatalFailure());
  for (const char* name : {"甲方一号公司", "甲方二号公司"}) {
    HttpResponse c = As("rep_a").Post("/api/v1/customers", json::object{{"name", name}});
    ASSERT_EQ(c.status, 201) << c.Describe();
    // The rep may not write a field hidden from them; the admin fills it in.
    HttpResponse p =
        admin->Patch(RecordPath("customers", At(c.json, "id")),
                     json::object{{"version", At(c.json, "version")}, {"remarks", "机密"}});
    ASSERT_EQ(p.status, 200) << p.Describe();
  }
  HttpResponse other = As("rep_b").Post("/api/v1/customers", json::object{{"name", "乙方公司"}});
  ASSERT_EQ(other.status, 201) << other.Describe();
  SeedAsAdmin();

  HttpResponse r = Export(As("rep_a"), "?format=xlsx&sort=name");
  ASSERT_EQ(r.status, 200) << r.Describe();
  Rows rows = ReadWorkbook(r.body);
  std::vector<std::string> names = ColumnValues(rows, "客户名称");
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"甲方一号公司", "甲方二号公司"}));
  EXPECT_EQ(ColumnOf(rows, "备注"), -1) << "a hidden field is not even a column";
  EXPECT_EQ(r.body.find("机密"), std::string::npos);
  HttpResponse csv = Export(As("rep_a"), "?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.Describe();
  EXPECT_EQ(csv.body.find("乙方公司"), std::string::npos);
  EXPECT_EQ(csv.body.find("机密"), std::string::npos);
  // rep_b's export scope is just as narrow.
  Rows b_rows = ReadWorkbook(Export(As("rep_b"), "?format=xlsx").body);
  EXPECT_EQ(ColumnValues(b_rows, "客户名称"), std::vector<std::string>{"乙方公司"});
}

TEST_F(ExportXlsxTest, BadFormatIs400AndNoExportRightIs403) {
  HttpResponse bad = Export(*admin, "?format=pdf");
  EXPECT_EQ(bad.status, 400) << bad.Describe();
  EXPECT_EQ(Str(At(bad.json, "error"), "code"), "bad_parameter") << bad.body;
  json::value dept = CreateDepartment("华南区").at("id");
  AddMember("plain_rep", {"sales_rep"}, dept);
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_EQ(Export(As("plain_rep"), "?format=xlsx").status, 403);
}

}  // namespace
}  // namespace kehu::apitest
