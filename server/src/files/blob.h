// Binary content across the database boundary. db::Value carries text, not bytes, so content
// travels the way each backend can take it:
//   SQLite      binds the bytes as text and CASTs them to BLOB (a UTF-8 database changes no byte;
//               NUL bytes survive because the length is bound explicitly); reads them back as is.
//   PostgreSQL  libpq's text protocol stops at NUL, so bytes go as hex through decode(?, 'hex')
//               into bytea and come back through encode(..., 'hex').
// The one place in Kehu that asks which database it is on; it belongs in db::Dialect (or a bytes
// alternative of db::Value) once more than attachments need binary columns.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "db/value.h"

namespace kehu::files {

class BlobCodec {
 public:
  explicit BlobCodec(std::string_view database_kind) : hex_(database_kind == "postgresql") {}

  // The SQL expression that stores one `?` parameter made by Param().
  std::string InsertExpr() const { return hex_ ? "decode(?, 'hex')" : "CAST(? AS BLOB)"; }
  db::Value Param(std::string bytes) const;
  // The SQL expression that reads `column` in the form Decode() expects.
  std::string SelectExpr(const std::string& column) const {
    return hex_ ? "encode(" + column + ", 'hex')" : column;
  }
  Result<std::string> Decode(db::Value cell) const;

 private:
  bool hex_;
};

}  // namespace kehu::files
