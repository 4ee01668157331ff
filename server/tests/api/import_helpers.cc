#include "import_helpers.h"

#include <iconv.h>

#include <chrono>
#include <thread>

#include "documents/xlsx_reader.h"
#include "documents/xlsx_writer.h"

namespace kehu::apitest {

std::string Encode(const std::string& utf8, const char* encoding) {
  iconv_t cd = iconv_open(encoding, "UTF-8");
  EXPECT_NE(cd, (iconv_t)-1) << encoding;
  if (cd == (iconv_t)-1) return {};
  std::string in = utf8, out(utf8.size() * 4 + 16, '\0');
  char* src = in.data();
  char* dst = out.data();
  size_t src_left = in.size(), dst_left = out.size();
  size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  EXPECT_NE(rc, (size_t)-1) << "cannot encode in " << encoding;
  out.resize(out.size() - dst_left);
  return out;
}

std::string CsvOf(const Sheet& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      out += i ? ",\"" : "\"";
      for (char c : row[i]) out += c == '"' ? std::string("\"\"") : std::string(1, c);
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

std::string XlsxOf(const Sheet& rows) {
  auto w = documents::XlsxWriter::Create("客户", rows.at(0));
  EXPECT_TRUE(w.ok());
  if (!w.ok()) return {};
  for (size_t r = 1; r < rows.size(); ++r) {
    std::vector<documents::XlsxCell> cells;
    for (const auto& c : rows[r]) cells.push_back(documents::XlsxCell::Text(c));
    EXPECT_TRUE((*w)->AddRow(cells).ok());
  }
  auto bytes = (*w)->Finish();
  EXPECT_TRUE(bytes.ok());
  return bytes.ok() ? *bytes : std::string();
}

Sheet ReadXlsxRows(const std::string& bytes) {
  Sheet rows;
  Status s = documents::ReadXlsx(bytes, {}, [&](const documents::XlsxRow& row) {
    rows.push_back(row.cells);
    return Ok();
  });
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().code);
  return rows;
}

HttpResponse ImportTest::Import(Client& c, const std::string& file, const std::string& query,
                                const std::string& entity) {
  return c.Send("POST", "/api/v1/" + entity + "/import" + query, file,
                {{"Content-Type", "application/octet-stream"}});
}

HttpResponse ImportTest::WaitDone(Client& c, const std::string& id) {
  HttpResponse r;
  for (int i = 0; i < 800; ++i) {  // ~160 s: under the PostgreSQL tests' 180 s time-out
    r = c.Get("/api/v1/imports/" + id);
    if (r.status != 200 || Str(r.json, "state") != "running") return r;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ADD_FAILURE() << "import " << id << " still running: " << r.Describe();
  return r;
}

json::value ImportTest::CustomerByCode(const std::string& code) {
  HttpResponse r = admin->Get("/api/v1/customers" + Query({{"code", code}}));
  EXPECT_EQ(r.status, 200) << r.Describe();
  const json::value& items = At(r.json, "items");
  if (!items.is_array() || items.as_array().empty()) return nullptr;
  return items.as_array()[0];
}

int64_t ImportTest::AuditTotal() {
  HttpResponse r = admin->Get("/api/v1/audit");
  EXPECT_EQ(r.status, 200) << r.Describe();
  const json::value& t = At(r.json, "total");
  return t.is_int64() ? t.as_int64() : -1;
}

std::vector<std::string> ImportTest::ErrorSummary(const HttpResponse& r) {
  std::vector<std::string> out;
  const json::value& errors = At(r.json, "errors");
  if (!errors.is_array()) return out;
  for (const auto& e : errors.as_array()) {
    std::string s = IdStr(At(e, "row")) + ":";
    const json::value& fields = At(e, "fields");
    if (fields.is_object())
      for (const auto& [k, v] : fields.as_object())
        s += std::string(k) + "=" + std::string(v.is_string() ? v.as_string() : "") + ",";
    out.push_back(s);
  }
  return out;
}

void ImportTest::AddImporterRep(const std::string& username) {
  HttpResponse roles = admin->Get("/api/v1/roles");
  bool exists = false;
  for (const auto& r : At(roles.json, "items").as_array())
    if (Str(r, "code") == "importer") exists = true;
  if (!exists) {
    json::object rights;
    for (const char* a : {"create", "read", "edit", "import"}) rights[a] = "own";
    HttpResponse role = admin->Post(
        "/api/v1/roles", json::object{{"code", "importer"},
                                      {"name", "导入员"},
                                      {"grants", json::object{{"customers", rights}}}});
    ASSERT_EQ(role.status, 201) << role.Describe();
  }
  members_[username] = std::make_unique<OrgMember>();
  OrgMember& m = *members_[username];
  m.key = m.username = username;
  m.password = GoodPassword();
  m.id = CreateUser(username, m.password, {"importer"}).at("id");
  m.client = LoginAs(username, m.password);
}

}  // namespace kehu::apitest
