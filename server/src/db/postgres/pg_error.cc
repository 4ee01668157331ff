#include "db/postgres/pg_error.h"

#include <string>

namespace kehu::db::pg {
namespace {

std::string Field(const PGresult* result, int code) {
  if (result == nullptr) return {};
  const char* value = PQresultErrorField(result, code);
  return value ? value : "";
}

// Class 08 (connection exception), the server shutting down or starting (57P01..57P03), and too
// many connections (53300): the database is not there for us right now.
bool IsUnavailable(std::string_view sqlstate) {
  return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03" || sqlstate == "53300";
}

Error WithNames(Error error, const PGresult* result) {
  std::string table = Field(result, PG_DIAG_TABLE_NAME);
  if (!table.empty()) error.Arg("table", table);
  return error;
}

}  // namespace

Error Unavailable(std::string_view detail) {
  return Error(ErrorKind::kUnavailable, "db_unavailable").Detail(std::string(detail));
}

Error ErrorForSqlState(std::string_view sqlstate, const PGresult* result,
                       std::string_view message) {
  std::string detail = std::string(sqlstate) + ": " + std::string(message);
  if (sqlstate == "23505") {
    return WithNames(Conflict("unique_violation")
                         .Arg("constraint", Field(result, PG_DIAG_CONSTRAINT_NAME))
                         .Detail(detail),
                     result);
  }
  if (sqlstate == "23503") {
    return WithNames(Conflict("foreign_key_violation")
                         .Arg("constraint", Field(result, PG_DIAG_CONSTRAINT_NAME))
                         .Detail(detail),
                     result);
  }
  if (sqlstate == "23502") {
    return WithNames(Error(ErrorKind::kValidation, "not_null_violation")
                         .Arg("column", Field(result, PG_DIAG_COLUMN_NAME))
                         .Detail(detail),
                     result);
  }
  if (sqlstate == "40001" || sqlstate == "40P01") {
    return Conflict("serialization_failure").Detail(detail);
  }
  if (sqlstate == "57014") {
    return Error(ErrorKind::kUnavailable, "query_timeout").Detail(detail);
  }
  if (IsUnavailable(sqlstate)) return Unavailable(detail);
  return Error(ErrorKind::kInternal, "db_error").Detail(detail);
}

Error StatementError(PGconn* conn, const PGresult* result) {
  std::string message = result ? PQresultErrorMessage(result) : "";
  if (message.empty() && conn) message = PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  std::string sqlstate = Field(result, PG_DIAG_SQLSTATE);
  // A lost connection often comes without a SQLSTATE; libpq's own status is the reliable sign.
  if (conn && PQstatus(conn) == CONNECTION_BAD) {
    return Unavailable(message);
  }
  return ErrorForSqlState(sqlstate, result, message);
}

}  // namespace kehu::db::pg
