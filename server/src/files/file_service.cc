#include "files/file_service.h"

#include <boost/json.hpp>

#include "core/crypto.h"
#include "core/time.h"
#include "files/file_input.h"
#include "records/audit.h"

namespace kehu::files {
namespace json = boost::json;
using records::Action;
using records::Actor;

namespace {

// The metadata columns in FileFromRow's order, with the uploader's name.
constexpr const char* kSelectFile =
    "SELECT f.id, f.name, f.size, f.content_type, f.sha256, f.record_entity, f.record_id, "
    "f.created_at, f.created_by_id, u.display_name";
constexpr const char* kJoinUser = " LEFT JOIN users u ON u.id = f.created_by_id";

FileInfo FileFromRow(const std::vector<db::Value>& r) {
  FileInfo f;
  f.id = db::AsInt(r[0]);
  f.name = db::AsText(r[1]);
  f.size = db::AsInt(r[2]);
  f.content_type = db::AsText(r[3]);
  f.sha256 = db::AsText(r[4]);
  f.record_entity = db::AsText(r[5]);
  f.record_id = db::AsInt(r[6]);
  f.created_at = db::AsText(r[7]);
  if (!db::IsNull(r[8])) f.created_by_id = db::AsInt(r[8]);
  f.created_by_name = db::AsText(r[9]);
  return f;
}

db::Value UserOrNull(const Actor& a) { return a.user_id ? db::Value(a.user_id) : db::Value(); }

// The audit row's changes: shown in the record's history as 附件 → "<name>".
json::object AuditChanges(const char* direction, const std::string& name, int64_t id, int64_t size,
                          const std::string& sha256) {
  json::object change{{direction, name}, {"fileId", id}, {"size", size}, {"sha256", sha256}};
  return json::object{{"attachments", std::move(change)}};
}

}  // namespace

FileService::FileService(db::Database& db, std::shared_ptr<const meta::Registry> registry,
                         const records::AccessPolicy& access, FileOptions options)
    : db_(db),
      registry_(std::move(registry)),
      access_(access),
      options_(options),
      blob_(db.kind()) {}

Result<const meta::Entity*> FileService::EntityOf(const std::string& name) const {
  const meta::Entity* e = registry_->Find(name);
  if (!e) return InvalidInput("unknown_entity").Field("recordEntity", "unknown");
  return e;
}

Status FileService::CheckRecord(db::Session& s, const Actor& actor, const meta::Entity& e,
                                int64_t record_id, Action action) const {
  auto in_scope = [&](Action a) -> Result<bool> {
    std::vector<db::Value> params{db::Value(record_id)};
    std::string sql = "SELECT 1 FROM " + e.table +
                      " t WHERE t.id = ? AND t.deleted_at IS NULL AND (" +
                      access_.Predicate(actor, e, a, "t", params) + ")";
    KEHU_ASSIGN(db::Rows rows, s.Query(sql, params));
    return !rows.empty();
  };
  KEHU_ASSIGN(bool visible, in_scope(Action::kRead));
  if (!visible) return NotFound();
  if (action == Action::kRead) return Ok();
  KEHU_ASSIGN(bool allowed, in_scope(action));
  return allowed ? Ok() : Forbidden();
}

Status FileService::ValidateUpload(const NewFile& file, std::string& content_type) const {
  if (std::string_view problem = FileNameProblem(file.name); !problem.empty()) {
    Error e = InvalidInput("file_name_" + std::string(problem)).Field("name", std::string(problem));
    return e.Arg("max", std::to_string(kMaxFileNameChars));
  }
  std::optional<std::string> type = NormalizeContentType(file.content_type);
  if (!type) return InvalidInput("bad_content_type");
  content_type = std::move(*type);
  if (file.content.empty()) return InvalidInput("file_empty");
  if (file.content.size() > options_.max_file_bytes) {
    return Error(ErrorKind::kPayloadTooLarge, "file_too_large")
        .Arg("max", std::to_string(options_.max_file_bytes >> 20));
  }
  return Ok();
}

Result<FileInfo> FileService::Upload(const Actor& actor, NewFile file) {
  KEHU_ASSIGN(const meta::Entity* e, EntityOf(file.record_entity));
  std::string content_type;
  KEHU_TRY(ValidateUpload(file, content_type));
  // Hash and encode before queueing for the writer: the SQLite writer is shared by everyone.
  std::string sha256 = crypto::Sha256Hex(file.content);
  auto size = static_cast<int64_t>(file.content.size());
  std::vector<db::Value> content{db::Value(), blob_.Param(std::move(file.content))};
  FileInfo out;
  KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
    KEHU_TRY(CheckRecord(s, actor, *e, file.record_id, Action::kEdit));
    KEHU_ASSIGN(db::Rows ids,
                s.Query("INSERT INTO files (record_entity, record_id, name, content_type, size, "
                        "sha256, created_at, "
                        "created_by_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        {db::Value(e->name), db::Value(file.record_id), db::Value(file.name),
                         db::Value(content_type), db::Value(size), db::Value(sha256),
                         db::Value(NowIso()), UserOrNull(actor)}));
    int64_t id = db::AsInt(ids.rows[0][0]);
    content[0] = db::Value(id);
    KEHU_TRY(s.Execute(
        "INSERT INTO file_contents (file_id, content) VALUES (?, " + blob_.InsertExpr() + ")",
        content));
    KEHU_TRY(records::AppendAudit(s, actor,
                                  {e->name, file.record_id, "attachment_added",
                                   AuditChanges("to", file.name, id, size, sha256)}));
    KEHU_ASSIGN(db::Rows rows,
                s.Query(std::string(kSelectFile) + " FROM files f" + kJoinUser + " WHERE f.id = ?",
                        {db::Value(id)}));
    out = FileFromRow(rows.rows.at(0));
    return Ok();
  }));
  return out;
}

Result<std::vector<FileInfo>> FileService::List(const Actor& actor, const std::string& entity,
                                                int64_t record_id) {
  KEHU_ASSIGN(const meta::Entity* e, EntityOf(entity));
  std::vector<FileInfo> out;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_TRY(CheckRecord(s, actor, *e, record_id, Action::kRead));
    KEHU_ASSIGN(db::Rows rows, s.Query(std::string(kSelectFile) + " FROM files f" + kJoinUser +
                                           " WHERE f.record_entity = ? AND f.record_id = ? AND "
                                           "f.deleted_at IS NULL ORDER BY f.id DESC",
                                       {db::Value(e->name), db::Value(record_id)}));
    for (const auto& r : rows.rows) out.push_back(FileFromRow(r));
    return Ok();
  }));
  return out;
}

Result<FileDownload> FileService::Download(const Actor& actor, int64_t file_id) {
  FileDownload out;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows owner, s.Query("SELECT record_entity FROM files WHERE id = ? AND "
                                        "deleted_at IS NULL",
                                        {db::Value(file_id)}));
    if (owner.empty()) return NotFound();
    const meta::Entity* e = registry_->Find(db::AsText(owner.rows[0][0]));
    if (!e) return NotFound();
    // One statement: the file comes back only with a live record in the actor's read scope.
    std::vector<db::Value> params{db::Value(file_id), db::Value(e->name)};
    std::string sql = std::string(kSelectFile) + ", " + blob_.SelectExpr("c.content") +
                      " FROM files f JOIN file_contents c ON c.file_id = f.id JOIN " + e->table +
                      " t ON t.id = f.record_id" + kJoinUser +
                      " WHERE f.id = ? AND f.record_entity = ? AND f.deleted_at IS NULL AND "
                      "t.deleted_at IS NULL AND (" +
                      access_.Predicate(actor, *e, Action::kRead, "t", params) + ")";
    KEHU_ASSIGN(db::Rows rows, s.Query(sql, params));
    if (rows.empty()) return NotFound();
    out.info = FileFromRow(rows.rows[0]);
    KEHU_ASSIGN(out.content, blob_.Decode(std::move(rows.rows[0][10])));
    if (static_cast<int64_t>(out.content.size()) != out.info.size)
      return Internal("file " + std::to_string(file_id) + " content size does not match");
    return Ok();
  }));
  return out;
}

Status FileService::Delete(const Actor& actor, int64_t file_id) {
  return db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT record_entity, record_id, name, size, sha256 FROM "
                                       "files WHERE id = ? AND deleted_at IS NULL",
                                       {db::Value(file_id)}));
    if (rows.empty()) return NotFound();
    const auto& r = rows.rows[0];
    const meta::Entity* e = registry_->Find(db::AsText(r[0]));
    if (!e) return NotFound();
    int64_t record_id = db::AsInt(r[1]);
    KEHU_TRY(CheckRecord(s, actor, *e, record_id, Action::kEdit));
    KEHU_ASSIGN(int64_t n, s.Execute("UPDATE files SET deleted_at = ?, deleted_by_id = ? WHERE "
                                     "id = ? AND deleted_at IS NULL",
                                     {db::Value(NowIso()), UserOrNull(actor), db::Value(file_id)}));
    if (n != 1) return NotFound();  // deleted meanwhile
    return records::AppendAudit(
        s, actor,
        {e->name, record_id, "attachment_deleted",
         AuditChanges("from", db::AsText(r[2]), file_id, db::AsInt(r[3]), db::AsText(r[4]))});
  });
}

}  // namespace kehu::files
