// Attachments (附件) of records: upload, list, download, delete. Content lives in the database
// (server/migrations/*/0004_files.sql) so every server sharing it sees the same files.
//
// A file is exactly as visible as its record: every call checks the record with the access
// policy's SQL predicate (the one the record engine uses), inside the same statement or
// transaction that touches the file; nothing is filtered in C++. A record the actor cannot see,
// or one in the recycle bin, makes its files not found (404). Uploading and deleting need the
// edit scope on the record (as PATCH does): visible but not editable is forbidden (403). Both
// append an audit row on the record in their write transaction ("attachment_added" /
// "attachment_deleted", changes {"attachments": {"to"|"from": "<name>", "fileId", "size",
// "sha256"}}). Deleting is soft: the row and content stay, marked deleted_at.
//
// Thread-safety: thread-safe (state is the database). Calls block: use worker threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "db/database.h"
#include "files/blob.h"
#include "metadata/registry.h"
#include "records/access.h"
#include "records/actor.h"

namespace kehu::files {

struct FileOptions {
  size_t max_file_bytes = size_t{25} << 20;  // 25 MiB per file; larger uploads get 413
};

struct NewFile {
  std::string record_entity;  // plural entity name, e.g. "customers"
  int64_t record_id = 0;
  std::string name;          // as the user named it, e.g. "合同.pdf"
  std::string content_type;  // the request's Content-Type header; empty = octet-stream
  std::string content;
};

struct FileInfo {
  int64_t id = 0;
  std::string name;
  int64_t size = 0;
  std::string content_type;
  std::string sha256;  // lower-case hex of the content
  std::string record_entity;
  int64_t record_id = 0;
  std::string created_at;
  std::optional<int64_t> created_by_id;  // empty when the system uploaded it
  std::string created_by_name;
};

struct FileDownload {
  FileInfo info;
  std::string content;
};

class FileService {
 public:
  // `access` must be the policy the record engine uses; all references must outlive the service.
  FileService(db::Database& db, std::shared_ptr<const meta::Registry> registry,
              const records::AccessPolicy& access, FileOptions options = {});

  // Errors: 400 unknown_entity, file_name_required / file_name_too_long / file_name_invalid
  // (fields.name), bad_content_type, file_empty; 413 file_too_large; 404 not_found; 403 forbidden.
  // Nothing is stored on any error.
  Result<FileInfo> Upload(const records::Actor& actor, NewFile file);
  // Live files of a visible record, newest first. 400 unknown_entity, 404 not_found.
  Result<std::vector<FileInfo>> List(const records::Actor& actor, const std::string& entity,
                                     int64_t record_id);
  // 404 when the file is absent or deleted, or its record is not visible or deleted.
  Result<FileDownload> Download(const records::Actor& actor, int64_t file_id);
  // 404 as for Download; 403 when the record is visible but not editable.
  Status Delete(const records::Actor& actor, int64_t file_id);

  const FileOptions& options() const { return options_; }

 private:
  Result<const meta::Entity*> EntityOf(const std::string& name) const;
  // 404 unless the record is live and in the actor's read scope, then 403 unless `action` (edit)
  // covers it too. Both are the access policy's SQL predicate on the record's table.
  Status CheckRecord(db::Session& s, const records::Actor& actor, const meta::Entity& e,
                     int64_t record_id, records::Action action) const;
  Status ValidateUpload(const NewFile& file, std::string& content_type) const;

  db::Database& db_;
  std::shared_ptr<const meta::Registry> registry_;
  const records::AccessPolicy& access_;
  FileOptions options_;
  BlobCodec blob_;
};

}  // namespace kehu::files
