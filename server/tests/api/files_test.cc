// Attachments (附件): upload, list, download and delete over HTTP, the headers that keep a
// download from running in our origin, refused inputs storing nothing, and the attacker side:
// a file is exactly as visible as its record, on every route.
#include <regex>

#include "access_helpers.h"
#include "core/crypto.h"
#include "files_helpers.h"

namespace kehu::apitest {
namespace {

const std::regex kUtcIso(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z)");
constexpr size_t kLimit = size_t{25} << 20;  // files::FileOptions default

class FilesTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    crypto::Init();
    customer_ = CreateCustomer({{"name", "附件测试有限公司"}});
    id_ = customer_.at("id");
  }

  json::object customer_;
  json::value id_;
};

TEST_F(FilesTest, UploadListDownloadDeleteRoundTrip) {
  std::string bytes = TestBytes(100 * 1024);
  HttpResponse up = Upload(*admin, "customers", id_, "合同.pdf", bytes);
  ASSERT_EQ(up.status, 201) << up.Describe();
  const json::value& f = up.json;
  EXPECT_EQ(Str(f, "name"), "合同.pdf");
  EXPECT_EQ(At(f, "size"), json::value(int64_t(bytes.size())));
  EXPECT_EQ(Str(f, "contentType"), "application/pdf");
  EXPECT_EQ(Str(f, "sha256"), crypto::Sha256Hex(bytes));
  EXPECT_EQ(Str(f, "recordEntity"), "customers");
  EXPECT_EQ(IdStr(At(f, "recordId")), IdStr(id_));
  EXPECT_EQ(At(f, "createdById"), At(admin_user, "id"));
  EXPECT_TRUE(std::regex_match(Str(f, "createdAt"), kUtcIso)) << up.body;
  std::string location = up.Header("Location");
  EXPECT_TRUE(location.ends_with(FilePath(At(f, "id")))) << "Location: " << location;

  HttpResponse second =
      Upload(*admin, "customers", id_, "说明.txt", "第二个文件", "text/plain; charset=utf-8");
  ASSERT_EQ(second.status, 201) << second.Describe();
  HttpResponse list = ListFiles(*admin, "customers", id_);
  ASSERT_EQ(list.status, 200) << list.Describe();
  EXPECT_EQ(FileIds(list),
            (std::vector<std::string>{IdStr(At(second.json, "id")), IdStr(At(f, "id"))}))
      << "newest first: " << list.body;
  EXPECT_EQ(At(list.json, "items").get_array()[1], f) << "list items have the upload's shape";

  HttpResponse down = admin->Get(FilePath(At(f, "id")));
  ASSERT_EQ(down.status, 200) << down.Describe();
  EXPECT_TRUE(down.body == bytes) << "download is not byte-identical (" << down.body.size()
                                  << " bytes)";
  EXPECT_EQ(down.Header("Content-Type"), "application/pdf");
  EXPECT_EQ(down.Header("Content-Disposition"),
            "attachment; filename=\"__.pdf\"; filename*=UTF-8''%E5%90%88%E5%90%8C.pdf");
  EXPECT_EQ(down.Header("X-Content-Type-Options"), "nosniff");

  ASSERT_EQ(admin->Delete(FilePath(At(f, "id"))).status, 204);
  EXPECT_EQ(admin->Get(FilePath(At(f, "id"))).status, 404);
  EXPECT_EQ(admin->Delete(FilePath(At(f, "id"))).status, 404);
  EXPECT_EQ(FileIds(ListFiles(*admin, "customers", id_)),
            std::vector<std::string>{IdStr(At(second.json, "id"))});
  EXPECT_EQ(admin->Get(FilePath(At(second.json, "id"))).body, "第二个文件");
}

TEST_F(FilesTest, UploadAndDeleteAreInTheRecordsHistory) {
  HttpResponse up = Upload(*admin, "customers", id_, "合同.pdf", "%PDF-1.7");
  ASSERT_EQ(up.status, 201) << up.Describe();
  ASSERT_EQ(admin->Delete(FilePath(At(up.json, "id"))).status, 204);
  EXPECT_EQ(AuditActions(*admin, "customers", id_),
            (std::vector<std::string>{"attachment_deleted", "attachment_added", "create"}));
  HttpResponse audit =
      admin->Get("/api/v1/audit" + Query({{"entity", "customers"}, {"recordId", IdStr(id_)}}));
  const auto& items = At(audit.json, "items").get_array();
  const auto& added = At(At(items[1], "changes"), "attachments");
  EXPECT_EQ(Str(added, "to"), "合同.pdf") << audit.body;
  EXPECT_EQ(IdStr(At(added, "fileId")), IdStr(At(up.json, "id"))) << audit.body;
  EXPECT_EQ(Str(At(At(items[0], "changes"), "attachments"), "from"), "合同.pdf") << audit.body;
  CliResult v = server->RunCli({"audit", "verify", "--db", server->db_url()});
  EXPECT_EQ(v.exit_code, 0) << v.output;
}

TEST_F(FilesTest, HtmlDownloadsAsAnAttachmentThatCannotRunScripts) {
  std::string html = "<html><script>fetch('/api/v1/auth/me')</script></html>";
  HttpResponse up = Upload(*admin, "customers", id_, "page.html", html, "text/html");
  ASSERT_EQ(up.status, 201) << up.Describe();
  HttpResponse down = admin->Get(FilePath(At(up.json, "id")));
  ASSERT_EQ(down.status, 200) << down.Describe();
  EXPECT_EQ(down.body, html);
  EXPECT_TRUE(down.Header("Content-Disposition").starts_with("attachment;"));
  EXPECT_EQ(down.Header("X-Content-Type-Options"), "nosniff");
  std::string csp = down.Header("Content-Security-Policy");
  EXPECT_NE(csp.find("sandbox"), std::string::npos) << "CSP: " << csp;
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << "CSP: " << csp;
}

TEST_F(FilesTest, NoContentTypeIsStoredAsOctetStream) {
  HttpResponse up = Upload(*admin, "customers", id_, "data.bin", TestBytes(300), "");
  ASSERT_EQ(up.status, 201) << up.Describe();
  EXPECT_EQ(Str(up.json, "contentType"), "application/octet-stream");
  EXPECT_EQ(admin->Get(FilePath(At(up.json, "id"))).Header("Content-Type"),
            "application/octet-stream");
}

TEST_F(FilesTest, AFileOfExactlyTheLimitIsStoredAndOneByteMoreIs413) {
  std::string big = TestBytes(kLimit, 11);
  HttpResponse up = Upload(*admin, "customers", id_, "大文件.zip", big, "application/zip");
  ASSERT_EQ(up.status, 201) << up.Describe();
  HttpResponse down = admin->Get(FilePath(At(up.json, "id")));
  ASSERT_EQ(down.status, 200) << down.status;
  EXPECT_TRUE(down.body == big) << "25 MiB did not come back byte for byte";
  big.push_back('x');
  HttpResponse over = Upload(*admin, "customers", id_, "太大.zip", big, "application/zip");
  EXPECT_EQ(over.status, 413) << over.Describe();
  EXPECT_EQ(ErrorCode(over), "file_too_large");
  EXPECT_EQ(FileIds(ListFiles(*admin, "customers", id_)).size(), 1u);
}

TEST_F(FilesTest, BadInputsGetClearCodesAndStoreNothing) {
  struct Case {
    std::string query;
    std::string body;
    long status;
    std::string code;
  };
  std::string id = IdStr(id_);
  std::string ok = "&recordEntity=customers&recordId=" + id;
  const std::vector<Case> cases = {
      {"?recordEntity=customers&recordId=" + id, "x", 400, "file_name_required"},
      {"?name=" + ok, "x", 400, "file_name_required"},
      {"?name=" + std::string(201, 'a') + ok, "x", 400, "file_name_too_long"},
      {"?name=..%2Fetc%2Fpasswd" + ok, "x", 400, "file_name_invalid"},
      {"?name=a%5Cb.txt" + ok, "x", 400, "file_name_invalid"},
      {"?name=a%0D%0Ab.txt" + ok, "x", 400, "file_name_invalid"},
      {"?name=a.txt" + ok, "", 400, "file_empty"},
      {"?name=a.txt&recordEntity=widgets&recordId=" + id, "x", 400, "unknown_entity"},
      {"?name=a.txt&recordEntity=customers", "x", 400, "bad_parameter"},
      {"?name=a.txt&recordEntity=customers&recordId=abc", "x", 400, "bad_parameter"},
      {"?name=a.txt&recordId=" + id, "x", 400, "bad_parameter"},
      {"?name=a.txt&color=red" + ok, "x", 400, "unknown_parameter"},
      {"?name=a.txt&recordEntity=customers&recordId=987654", "x", 404, "not_found"},
  };
  for (const auto& c : cases) {
    HttpResponse r =
        admin->Send("POST", "/api/v1/files" + c.query, c.body, {{"Content-Type", "text/plain"}});
    EXPECT_EQ(r.status, c.status) << c.query << ": " << r.Describe();
    EXPECT_EQ(ErrorCode(r), c.code) << c.query << ": " << r.Describe();
  }
  HttpResponse type = Upload(*admin, "customers", id_, "a.txt", "x", "not a media type");
  EXPECT_EQ(type.status, 400) << type.Describe();
  EXPECT_EQ(ErrorCode(type), "bad_content_type");
  HttpResponse long_name = Upload(*admin, "customers", id_, std::string(201, 'a'), "x");
  EXPECT_EQ(FieldError(long_name, "name"), "too_long") << long_name.Describe();
  EXPECT_EQ(admin->Get("/api/v1/files/abc").status, 400);
  EXPECT_EQ(admin->Get("/api/v1/files/987654").status, 404);
  EXPECT_EQ(admin->Delete("/api/v1/files/987654").status, 404);
  EXPECT_EQ(ListFiles(*admin, "widgets", id_).status, 400);
  EXPECT_EQ(admin->Get("/api/v1/files?recordEntity=customers").status, 400);
  EXPECT_EQ(CountRows(*server, "files"), 0);
  EXPECT_EQ(CountRows(*server, "file_contents"), 0);
  EXPECT_EQ(AuditActions(*admin, "customers", id_), std::vector<std::string>{"create"});
}

TEST_F(FilesTest, NeedsALogin) {
  HttpResponse up = Upload(*admin, "customers", id_, "a.txt", "x");
  ASSERT_EQ(up.status, 201);
  auto anon = NewClient();
  EXPECT_EQ(anon->Get(FilePath(At(up.json, "id"))).status, 401);
  EXPECT_EQ(ListFiles(*anon, "customers", id_).status, 401);
  EXPECT_EQ(Upload(*anon, "customers", id_, "b.txt", "y").status, 401);
  admin->set_send_csrf(false);
  EXPECT_EQ(Upload(*admin, "customers", id_, "b.txt", "y").status, 403)
      << "cookie without CSRF token";
  EXPECT_EQ(CountRows(*server, "files"), 1);
}

// The attacker side, with the organization of access_helpers.h.
class FilesAccessTest : public AccessTest {
 protected:
  void SetUp() override {
    AccessTest::SetUp();
    if (HasFatalFailure()) return;
    BuildOrg();
    ASSERT_FALSE(HasFatalFailure());
    cid_ = M("east1").customers[0].at("id");
    HttpResponse up = Upload(As("east1"), "customers", cid_, "报价单.xlsx", bytes_);
    ASSERT_EQ(up.status, 201) << up.Describe();
    fid_ = At(up.json, "id");
  }

  // What `key` gets from list, download, delete and a new upload on east1's customer.
  std::vector<long> Statuses(const std::string& key) {
    Client& c = As(key);
    return {ListFiles(c, "customers", cid_).status, c.Get(FilePath(fid_)).status,
            c.Delete(FilePath(fid_)).status,
            Upload(c, "customers", cid_, "恶意.pdf", "evil").status};
  }

  // The file is still there, unchanged, and nobody else added one.
  void ExpectUntouched() {
    EXPECT_EQ(admin->Get(FilePath(fid_)).body, bytes_);
    EXPECT_EQ(FileIds(ListFiles(*admin, "customers", cid_)), std::vector<std::string>{IdStr(fid_)});
    EXPECT_EQ(CountRows(*server, "files"), 1);
  }

  std::string bytes_ = TestBytes(4096, 3);
  json::value cid_, fid_;
};

TEST_F(FilesAccessTest, OtherRepsGet404OnEveryRoute) {
  EXPECT_EQ(Statuses("south1"), (std::vector<long>{404, 404, 404, 404}));
  EXPECT_EQ(Statuses("east2"), (std::vector<long>{404, 404, 404, 404}))
      << "same department, not theirs";
  EXPECT_EQ(Statuses("sup_south"), (std::vector<long>{404, 404, 404, 404}))
      << "other region's supervisor";
  ExpectUntouched();
  EXPECT_EQ(AuditActions(*admin, "customers", cid_),
            (std::vector<std::string>{"attachment_added", "create"}));
  HttpResponse own = ListFiles(As("east1"), "customers", cid_);
  EXPECT_EQ(FileIds(own), std::vector<std::string>{IdStr(fid_)}) << own.Describe();
}

TEST_F(FilesAccessTest, ReadShareDownloadsButMayNotUploadOrDelete) {
  std::string path = RecordPath("customers", cid_) + "/members";
  ASSERT_EQ(
      As("east1").Post(path, json::object{{"userId", M("south1").id}, {"access", "read"}}).status,
      201);
  HttpResponse list = ListFiles(As("south1"), "customers", cid_);
  ASSERT_EQ(list.status, 200) << list.Describe();
  EXPECT_EQ(FileIds(list), std::vector<std::string>{IdStr(fid_)});
  HttpResponse down = As("south1").Get(FilePath(fid_));
  ASSERT_EQ(down.status, 200) << down.Describe();
  EXPECT_TRUE(down.body == bytes_);
  HttpResponse up = Upload(As("south1"), "customers", cid_, "恶意.pdf", "evil");
  EXPECT_EQ(up.status, 403) << up.Describe();
  EXPECT_EQ(ErrorCode(up), "forbidden");
  EXPECT_EQ(As("south1").Delete(FilePath(fid_)).status, 403);
  ExpectUntouched();
  EXPECT_EQ(Statuses("south2"), (std::vector<long>{404, 404, 404, 404}))
      << "only the member gains access";
  // A write share may attach files (control).
  ASSERT_EQ(
      As("east1").Post(path, json::object{{"userId", M("south2").id}, {"access", "write"}}).status,
      201);
  EXPECT_EQ(Upload(As("south2"), "customers", cid_, "补充.pdf", "more").status, 201);
}

TEST_F(FilesAccessTest, SupervisorSeesAndAttachesToTheirReportsRecords) {
  HttpResponse list = ListFiles(As("sup_east"), "customers", cid_);
  ASSERT_EQ(list.status, 200) << list.Describe();
  EXPECT_EQ(FileIds(list), std::vector<std::string>{IdStr(fid_)});
  HttpResponse down = As("sup_east").Get(FilePath(fid_));
  ASSERT_EQ(down.status, 200) << down.Describe();
  EXPECT_TRUE(down.body == bytes_);
  HttpResponse up = Upload(As("sup_east"), "customers", cid_, "批示.pdf", "ok");
  ASSERT_EQ(up.status, 201) << up.Describe();
  EXPECT_EQ(As("east1").Get(FilePath(At(up.json, "id"))).status, 200) << "the owner sees it too";
  EXPECT_EQ(As("exec").Get(FilePath(fid_)).status, 200);
  // Files on other entities follow their record the same way.
  const json::value& contact = M("east1").contacts[0].at("id");
  HttpResponse on_contact =
      Upload(As("east1"), "contacts", contact, "名片.png", "png", "image/png");
  ASSERT_EQ(on_contact.status, 201) << on_contact.Describe();
  EXPECT_EQ(As("sup_east").Get(FilePath(At(on_contact.json, "id"))).status, 200);
  EXPECT_EQ(As("south1").Get(FilePath(At(on_contact.json, "id"))).status, 404);
}

TEST_F(FilesAccessTest, FilesOfARecordInTheRecycleBinAre404UntilItIsRestored) {
  std::string record = RecordPath("customers", cid_);
  ASSERT_EQ(admin->Delete(record).status, 204);
  for (Client* c : {&As("east1"), &As("sup_east"), admin.get()}) {
    EXPECT_EQ(c->Get(FilePath(fid_)).status, 404);
    EXPECT_EQ(ListFiles(*c, "customers", cid_).status, 404);
    EXPECT_EQ(c->Delete(FilePath(fid_)).status, 404);
    EXPECT_EQ(Upload(*c, "customers", cid_, "迟到.pdf", "late").status, 404);
  }
  EXPECT_EQ(CountRows(*server, "files"), 1);
  ASSERT_EQ(admin->Post(record + "/restore", json::object{}).status, 200);
  HttpResponse down = As("east1").Get(FilePath(fid_));
  EXPECT_EQ(down.status, 200) << down.Describe();
  EXPECT_TRUE(down.body == bytes_);
}

}  // namespace
}  // namespace kehu::apitest
