// Printing and address-book exports of the customer module (issue #5 items 6 and 8): mailing
// labels and address/phone lists as PDF (read back with poppler's pdfinfo/pdftotext/pdffonts),
// CSV lists, vCards; the print and export scopes; audit rows.
#include <algorithm>

#include "access_helpers.h"
#include "documents/pdf_test_util.h"

namespace kehu::apitest {
namespace {

namespace pdf = documents::testing;

// pdftotext drops the spaces between CJK characters and digits; compare without any spaces.
std::string Squeeze(std::string s) {
  std::erase_if(s, [](char c) { return c == ' ' || c == '\n' || c == '\f'; });
  return s;
}

bool Has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// vCard content lines after unfolding (a line starting with a space continues the previous).
std::vector<std::string> UnfoldVCard(const std::string& body) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find("\r\n", start);
    if (end == std::string::npos) end = body.size();
    std::string line = body.substr(start, end - start);
    if (!line.empty() && line[0] == ' ' && !lines.empty())
      lines.back() += line.substr(1);
    else
      lines.push_back(line);
    start = end + 2;
  }
  return lines;
}

// The cards of a vCard file, each as its unfolded lines.
std::vector<std::vector<std::string>> Cards(const std::string& body) {
  std::vector<std::vector<std::string>> cards;
  for (const auto& line : UnfoldVCard(body)) {
    if (line == "BEGIN:VCARD") cards.emplace_back();
    if (!cards.empty()) cards.back().push_back(line);
  }
  return cards;
}

// The value of the first line of `card` starting with `prefix` (e.g. "TEL;TYPE=CELL"), or "".
std::string Prop(const std::vector<std::string>& card, const std::string& prefix) {
  for (const auto& line : card)
    if (line.rfind(prefix, 0) == 0) return line.substr(line.find(':') + 1);
  return "";
}

class PrintTest : public AccessTest {
 protected:
  // A department with two sales reps and a user whose role may read but not print.
  void BuildTeam() {
    json::value dept = At(json::value(CreateDepartment("华东区")), "id");
    AddMember("rep_a", {"sales_rep"}, dept);
    AddMember("rep_b", {"sales_rep"}, dept);
    HttpResponse role =
        admin->Post("/api/v1/roles",
                    json::object{{"code", "no_print"},
                                 {"name", "不可打印"},
                                 {"grants", json::object{{"*", json::object{{"create", "own"},
                                                                            {"read", "own"},
                                                                            {"print", "none"}}}}}});
    ASSERT_EQ(role.status, 201) << role.Describe();
    AddMember("viewer", {"no_print"}, dept);
  }

  // 北京网联科技有限公司 with a region, postal code and two contacts (the primary one second).
  json::object SeedBeijing() {
    json::object c = CreateCustomer({{"name", "北京网联科技有限公司"},
                                     {"region", json::object{{"code", "110105"}}},
                                     {"address", "建国路88号"},
                                     {"postalCode", "100020"},
                                     {"phone", "010-62345678"}});
    CreateContact({{"name", "李娜"}, {"customerId", c.at("id")}, {"department", "财务部"}});
    CreateContact({{"name", "欧阳明"},
                   {"customerId", c.at("id")},
                   {"department", "采购部"},
                   {"isPrimary", true},
                   {"mobile", "13812345678"}});
    return c;
  }

  // The changes of the newest audit row of `entity` with `action`, or null.
  json::value LastAudit(const std::string& entity, const std::string& action) {
    HttpResponse r = admin->Get("/api/v1/audit" + Query({{"entity", entity}}));
    EXPECT_EQ(r.status, 200) << r.Describe();
    const json::value& items = At(r.json, "items");
    for (const auto& item : items.is_array() ? items.get_array() : json::array{})
      if (Str(item, "action") == action) return At(item, "changes");
    return nullptr;
  }
};

TEST_F(PrintTest, LabelLayoutsListTheBuiltInSheets) {
  HttpResponse r = admin->Get("/api/v1/customers/label-layouts");
  ASSERT_EQ(r.status, 200) << r.Describe();
  std::vector<std::string> names;
  for (const auto& item : At(r.json, "items").get_array()) names.push_back(Str(item, "name"));
  EXPECT_EQ(names, (std::vector<std::string>{"a4-3x8", "a4-2x7", "a4-3x7", "a4-2x8", "a4-3x11"}));
  const json::value& first = At(r.json, "items").get_array()[0];
  EXPECT_EQ(At(first, "cols"), json::value(3));
  EXPECT_EQ(At(first, "rows"), json::value(8));
  EXPECT_EQ(At(first, "labelWidthMm").to_number<double>(), 70.0);
  EXPECT_EQ(At(first, "labelHeightMm").to_number<double>(), 37.0);
  for (const char* key : {"marginTopMm", "marginLeftMm", "pitchXMm", "pitchYMm"})
    EXPECT_TRUE(At(first, key).is_number()) << key;
}

TEST_F(PrintTest, ThirtyLabelsOnA4_3x8AreTwoPagesWithAddressAndAddressee) {
  SeedBeijing();
  CreateCustomer({{"name", "𠀋记贸易有限公司"}, {"postalCode", "010000"}});
  CreateCustomer({{"name", "𠀀号商行"}});
  for (int i = 0; i < 27; ++i)
    CreateCustomer(
        {{"name", "上海浦东贸易有限公司" + std::to_string(i)}, {"address", "世纪大道1号"}});
  ASSERT_FALSE(HasFailure());

  HttpResponse r =
      admin->Get("/api/v1/customers/labels" + Query({{"format", "pdf"}, {"layout", "a4-3x8"}}));
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(r.Header("Content-Type"), "application/pdf");
  std::string disposition = r.Header("Content-Disposition");
  EXPECT_EQ(disposition.rfind("inline;", 0), 0u) << disposition;
  EXPECT_TRUE(Has(disposition, "filename*=UTF-8''%E9%82%AE%E5%AF%84%E6%A0%87%E7%AD%BE.pdf"))
      << "邮寄标签.pdf: " << disposition;
  EXPECT_EQ(pdf::PdfPages(r.body), 2);

  std::string text = pdf::PdfText(r.body);
  std::string flat = Squeeze(text);
  EXPECT_TRUE(Has(text, "邮编")) << text;
  EXPECT_TRUE(Has(flat, "邮编100020")) << text;
  EXPECT_TRUE(Has(text, "北京网联科技有限公司")) << text;
  EXPECT_TRUE(Has(flat, "北京市朝阳区建国路88号")) << "province down, no 市辖区: " << text;
  EXPECT_TRUE(Has(flat, "采购部欧阳明收")) << "the primary contact: " << text;
  EXPECT_FALSE(Has(flat, "李娜")) << "not the other contact";
  // 𠀋 (U+2000B, 4 bytes in UTF-8) is one of the Extension B characters Noto Sans CJK has.
  EXPECT_TRUE(Has(flat, "𠀋记贸易有限公司收"))
      << "no contact, the company is the addressee: " << text;
  // 𠀀 (U+20000) is not in Noto Sans CJK (nor in any font installed here): it prints as a hex
  // box, and the rest of the name is unharmed.
  EXPECT_TRUE(Has(flat, "号商行收")) << text;

  std::string fonts = pdf::PdfFonts(r.body);
  EXPECT_TRUE(Has(fonts, "NotoSansCJK")) << fonts;
  for (size_t at = fonts.find("NotoSansCJK"); at != std::string::npos;
       at = fonts.find("NotoSansCJK", at + 1)) {
    std::string row =
        fonts.substr(fonts.rfind('\n', at) + 1, fonts.find('\n', at) - fonts.rfind('\n', at) - 1);
    EXPECT_TRUE(Has(row, "+NotoSansCJK")) << "a subset (ABCDEF+ prefix): " << row;
    EXPECT_TRUE(Has(row, " yes yes ")) << "embedded subset: " << row;
  }

  json::value audit = LastAudit("customers", "print");
  EXPECT_EQ(Str(audit, "document"), "labels") << json::serialize(audit);
  EXPECT_EQ(At(audit, "rows"), json::value(30)) << json::serialize(audit);
  EXPECT_EQ(Str(At(audit, "filter"), "layout"), "a4-3x8") << json::serialize(audit);
}

TEST_F(PrintTest, SkipLeavesPositionsEmptyAndFiltersChooseTheCustomers) {
  SeedBeijing();
  CreateCustomer(
      {{"name", "深圳南山贸易公司"}, {"region", "440305"}, {"address", "深圳市南山区科技园"}});
  ASSERT_FALSE(HasFailure());
  // 23 used positions: the second customer goes onto a second sheet.
  HttpResponse r = admin->Get("/api/v1/customers/labels" +
                              Query({{"layout", "a4-3x8"}, {"skip", "23"}, {"sort", "name"}}));
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(pdf::PdfPages(r.body), 2);
  // A filter narrows the labels as it narrows the list.
  HttpResponse one = admin->Get("/api/v1/customers/labels" +
                                Query({{"layout", "a4-2x7"}, {"name[contains]", "南山"}}));
  ASSERT_EQ(one.status, 200) << one.Describe();
  std::string flat = Squeeze(pdf::PdfText(one.body));
  EXPECT_TRUE(Has(flat, "广东省深圳市南山区科技园")) << "city not repeated: " << flat;
  EXPECT_FALSE(Has(flat, "北京网联")) << flat;
}

TEST_F(PrintTest, BadLabelParametersAre400) {
  auto code = [&](const std::string& query) {
    HttpResponse r = admin->Get("/api/v1/customers/labels" + query);
    EXPECT_EQ(r.status, 400) << query << ": " << r.Describe();
    return Str(At(r.json, "error"), "code");
  };
  EXPECT_EQ(code("?layout=a4-9x9"), "unknown_label_layout");
  EXPECT_EQ(code("?layout=a4-3x8&skip=24"), "bad_parameter");
  EXPECT_EQ(code("?skip=-1"), "bad_parameter");
  EXPECT_EQ(code("?format=xlsx"), "bad_parameter");
  EXPECT_EQ(code("?nmae=x"), "unknown_field");
}

TEST_F(PrintTest, RepsPrintOnlyTheirOwnAndARoleWithoutPrintIsRefused) {
  BuildTeam();
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_EQ(
      As("rep_a").Post("/api/v1/customers", json::object{{"name", "杭州网联甲有限公司"}}).status,
      201);
  ASSERT_EQ(
      As("rep_b").Post("/api/v1/customers", json::object{{"name", "广州网联乙有限公司"}}).status,
      201);
  ASSERT_EQ(
      As("viewer").Post("/api/v1/customers", json::object{{"name", "苏州网联丙有限公司"}}).status,
      201);

  HttpResponse a = As("rep_a").Get("/api/v1/customers/labels?layout=a4-3x8");
  ASSERT_EQ(a.status, 200) << a.Describe();
  std::string text = pdf::PdfText(a.body);
  EXPECT_TRUE(Has(text, "杭州网联甲有限公司")) << text;
  EXPECT_FALSE(Has(text, "广州网联乙有限公司")) << "another rep's customer: " << text;
  HttpResponse list = As("rep_a").Get("/api/v1/customers/address-list?format=pdf");
  ASSERT_EQ(list.status, 200) << list.Describe();
  EXPECT_FALSE(Has(pdf::PdfText(list.body), "广州网联乙有限公司"));
  // sales_rep may print (own) but not export.
  EXPECT_EQ(As("rep_a").Get("/api/v1/customers/address-list?format=csv").status, 403);
  EXPECT_EQ(As("rep_a").Get("/api/v1/contacts/vcard").status, 403);

  for (const char* path : {"/api/v1/customers/labels", "/api/v1/customers/address-list?format=pdf",
                           "/api/v1/customers/phone-list?format=pdf"}) {
    HttpResponse r = As("viewer").Get(path);
    EXPECT_EQ(r.status, 403) << path << ": " << r.Describe();
    EXPECT_EQ(Str(At(r.json, "error"), "code"), "forbidden") << path;
  }
}

TEST_F(PrintTest, AddressListRepeatsItsHeaderOnEveryPage) {
  SeedBeijing();
  for (int i = 0; i < 70; ++i)
    CreateCustomer({{"name", "上海浦东贸易有限公司" + std::to_string(i)},
                    {"region", "310115"},
                    {"address", "世纪大道" + std::to_string(100 + i) + "号国际金融中心写字楼A座"},
                    {"postalCode", "200120"}});
  ASSERT_FALSE(HasFailure());
  HttpResponse r = admin->Get("/api/v1/customers/address-list?format=pdf&sort=name");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(r.Header("Content-Type"), "application/pdf");
  int pages = pdf::PdfPages(r.body);
  ASSERT_GE(pages, 2);
  std::string page2 = Squeeze(pdf::PdfText(r.body, 2, 2));
  for (const char* header : {"客户名称", "邮政编码", "地址", "联系人"})
    EXPECT_TRUE(Has(page2, header)) << header << " on page 2: " << page2;
  EXPECT_TRUE(Has(page2, "第2页/共" + std::to_string(pages) + "页")) << page2;
  std::string page1 = Squeeze(pdf::PdfText(r.body, 1, 1));
  EXPECT_TRUE(Has(page1, "客户地址表")) << page1;

  json::value audit = LastAudit("customers", "print");
  EXPECT_EQ(Str(audit, "document"), "address-list") << json::serialize(audit);
  EXPECT_EQ(At(audit, "rows"), json::value(71));
}

TEST_F(PrintTest, PhoneListCsvHasBomAndHeadersInTheCallersLanguage) {
  SeedBeijing();
  CreateCustomer({{"name", "无联系人公司"}, {"phone", "021-61234567"}});
  ASSERT_FALSE(HasFailure());
  HttpResponse r = admin->Get("/api/v1/customers/phone-list?format=csv&sort=name",
                              {{"Accept-Language", "zh-TW"}});
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(r.Header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r.Header("Content-Disposition").rfind("attachment;", 0), 0u);
  ASSERT_EQ(r.body.rfind("\xEF\xBB\xBF", 0), 0u) << "UTF-8 BOM";
  EXPECT_EQ(r.body.substr(3, r.body.find("\r\n") - 3),
            "\"客戶名稱\",\"聯絡人\",\"電話\",\"手機\",\"傳真\",\"電子郵件\"");
  EXPECT_TRUE(Has(r.body, "\"北京网联科技有限公司\",\"欧阳明\",\"")) << r.body;
  EXPECT_TRUE(Has(r.body, "8613812345678")) << "the primary contact's mobile: " << r.body;
  EXPECT_TRUE(Has(r.body, "\"无联系人公司\",\"\",\"")) << r.body;
  json::value audit = LastAudit("customers", "export");
  EXPECT_EQ(Str(audit, "document"), "phone-list") << json::serialize(audit);
  EXPECT_EQ(Str(audit, "format"), "csv");
}

TEST_F(PrintTest, VCardsOfThreeContactsAndOneByOne) {
  BuildTeam();
  ASSERT_FALSE(HasFatalFailure());
  json::object c = CreateCustomer({{"name", "北京网联科技有限公司"}});
  std::vector<json::object> contacts;
  contacts.push_back(CreateContact({{"name", "欧阳明"},
                                    {"customerId", c.at("id")},
                                    {"mobile", "13812345678"},
                                    {"email", "ouyang@example.cn"},
                                    {"position", "purchasing_manager"},
                                    {"department", "采购部"},
                                    {"bio", "喜欢喝茶; 周末不接电话,请发邮件"}}));
  contacts.push_back(CreateContact({{"name", "李娜"},
                                    {"customerId", c.at("id")},
                                    {"officePhone", "010-62345678"},
                                    {"email", "lina@example.cn"}}));
  contacts.push_back(CreateContact({{"name", "张伟"},
                                    {"customerId", c.at("id")},
                                    {"fax", "010-62345679"},
                                    {"mobile", "13900001111"}}));
  ASSERT_FALSE(HasFailure());

  HttpResponse r = admin->Get("/api/v1/contacts/vcard" +
                              Query({{"customerId", IdStr(c.at("id"))}, {"sort", "name"}}));
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(r.Header("Content-Type"), "text/vcard; charset=utf-8");
  std::string disposition = r.Header("Content-Disposition");
  EXPECT_TRUE(Has(disposition, "attachment;")) << disposition;
  EXPECT_TRUE(Has(disposition, "filename*=UTF-8''%E8%81%94%E7%B3%BB%E4%BA%BA.vcf")) << disposition;
  auto cards = Cards(r.body);
  ASSERT_EQ(cards.size(), 3u) << r.body;
  std::map<std::string, std::vector<std::string>> by_name;
  for (const auto& card : cards) {
    EXPECT_EQ(card.back(), "END:VCARD");
    EXPECT_EQ(Prop(card, "VERSION"), "3.0");
    by_name[Prop(card, "FN")] = card;
  }
  const auto& ouyang = by_name["欧阳明"];
  EXPECT_EQ(Prop(ouyang, "N:"), "欧阳;明;;;");
  EXPECT_EQ(Prop(ouyang, "TEL;TYPE=CELL"), Str(json::value(contacts[0]), "mobile"));
  EXPECT_EQ(Prop(ouyang, "EMAIL"), "ouyang@example.cn");
  EXPECT_EQ(Prop(ouyang, "ORG"), "北京网联科技有限公司;采购部");
  EXPECT_EQ(Prop(ouyang, "TITLE"), "采购经理");
  EXPECT_EQ(Prop(ouyang, "NOTE"), "喜欢喝茶\\; 周末不接电话\\,请发邮件");
  EXPECT_EQ(Prop(by_name["李娜"], "TEL;TYPE=WORK,VOICE"),
            Str(json::value(contacts[1]), "officePhone"));
  EXPECT_EQ(Prop(by_name["李娜"], "EMAIL"), "lina@example.cn");
  EXPECT_EQ(Prop(by_name["张伟"], "TEL;TYPE=WORK,FAX"), Str(json::value(contacts[2]), "fax"));
  EXPECT_EQ(Prop(by_name["张伟"], "TEL;TYPE=CELL"), Str(json::value(contacts[2]), "mobile"));
  EXPECT_EQ(Str(LastAudit("contacts", "export"), "document"), "vcard");

  HttpResponse v4 = admin->Get("/api/v1/contacts/vcard?version=4.0&name=" + UrlEncode("李娜"));
  ASSERT_EQ(v4.status, 200) << v4.Describe();
  auto v4cards = Cards(v4.body);
  ASSERT_EQ(v4cards.size(), 1u) << v4.body;
  EXPECT_EQ(Prop(v4cards[0], "VERSION"), "4.0");
  EXPECT_EQ(Prop(v4cards[0], "EMAIL;TYPE=work"), "lina@example.cn");
  EXPECT_EQ(admin->Get("/api/v1/contacts/vcard?version=2.1").status, 400);

  // One contact: read is enough; someone else's contact is 404 as everywhere.
  HttpResponse own = As("rep_a").Post(
      "/api/v1/contacts",
      json::object{{"name", "赵六"},
                   {"customerId",
                    At(As("rep_a")
                           .Post("/api/v1/customers", json::object{{"name", "杭州网联甲有限公司"}})
                           .json,
                       "id")},
                   {"mobile", "13700001111"}});
  ASSERT_EQ(own.status, 201) << own.Describe();
  std::string path = "/api/v1/contacts/" + IdStr(At(own.json, "id")) + "/vcard";
  HttpResponse mine = As("rep_a").Get(path);
  ASSERT_EQ(mine.status, 200) << mine.Describe();
  EXPECT_TRUE(Has(mine.Header("Content-Disposition"), "%E8%B5%B5%E5%85%AD.vcf"))  // 赵六.vcf
      << mine.Header("Content-Disposition");
  ASSERT_EQ(Cards(mine.body).size(), 1u);
  EXPECT_EQ(Prop(Cards(mine.body)[0], "TEL;TYPE=CELL"), Str(own.json, "mobile"));
  EXPECT_EQ(As("rep_b").Get(path).status, 404);
  EXPECT_EQ(As("rep_b").Get("/api/v1/contacts/" + IdStr(contacts[0].at("id")) + "/vcard").status,
            404);
  EXPECT_EQ(admin->Get("/api/v1/contacts/999999/vcard").status, 404);
}

TEST_F(PrintTest, VCardsFollowTheCallersFieldRules) {
  json::object c = CreateCustomer({{"name", "北京网联科技有限公司"}});
  json::object contact = CreateContact({{"name", "欧阳明"},
                                        {"customerId", c.at("id")},
                                        {"mobile", "13812345678"},
                                        {"email", "ouyang@example.cn"}});
  HttpResponse role = admin->Post(
      "/api/v1/roles",
      json::object{
          {"code", "masked_exporter"},
          {"name", "脱敏导出"},
          {"grants", json::object{{"*", json::object{{"read", "all"}, {"export", "all"}}}}},
          {"fields",
           json::object{{"contacts", json::object{{"mobile", "masked"}, {"email", "hidden"}}}}}});
  ASSERT_EQ(role.status, 201) << role.Describe();
  std::string password = GoodPassword();
  CreateUser("masker", password, {"masked_exporter"});
  auto masker = LoginAs("masker", password);
  ASSERT_FALSE(HasFailure());
  HttpResponse list = masker->Get("/api/v1/contacts");
  ASSERT_EQ(TotalOf(list), 1) << list.Describe();
  std::string listed_mobile = Str(At(list.json, "items").get_array()[0], "mobile");
  ASSERT_NE(listed_mobile.find('*'), std::string::npos) << "masked in the list: " << list.body;
  HttpResponse all = masker->Get("/api/v1/contacts/vcard");
  HttpResponse one = masker->Get("/api/v1/contacts/" + IdStr(contact.at("id")) + "/vcard");
  for (const HttpResponse* r : {&all, &one}) {
    ASSERT_EQ(r->status, 200) << r->Describe();
    auto cards = Cards(r->body);
    ASSERT_EQ(cards.size(), 1u) << r->body;
    std::string mobile = Prop(cards[0], "TEL;TYPE=CELL");
    EXPECT_EQ(mobile, listed_mobile) << "as the list shows it";
    EXPECT_FALSE(Has(r->body, "13812345678")) << r->body;
    EXPECT_EQ(Prop(cards[0], "EMAIL"), "") << "hidden: " << r->body;
    EXPECT_FALSE(Has(r->body, "ouyang@")) << r->body;
  }
}

}  // namespace
}  // namespace kehu::apitest
