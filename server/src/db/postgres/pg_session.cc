#include "db/postgres/pg_session.h"

#include <charconv>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "db/postgres/pg_error.h"
#include "db/postgres/pg_sql.h"

namespace kehu::db::pg {
namespace {

// Type OIDs from PostgreSQL's catalog/pg_type.h (stable across versions).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

// Parameters in text format. Integers and doubles are sent typed (int8/float8) so that `SELECT ?`
// and `? + 1` read back as numbers, as on SQLite; text and NULL are left for the server to infer
// from the context (a date column, a text[] cast, ...).
struct Params {
  std::vector<std::string> text;
  std::vector<const char*> values;
  std::vector<Oid> types;

  explicit Params(std::span<const Value> params) {
    text.reserve(params.size());
    for (const Value& v : params) {
      if (auto* i = std::get_if<int64_t>(&v)) {
        text.push_back(std::to_string(*i));
        types.push_back(kInt8Oid);
      } else if (auto* d = std::get_if<double>(&v)) {
        text.push_back(DoubleText(*d));
        types.push_back(kFloat8Oid);
      } else if (auto* s = std::get_if<std::string>(&v)) {
        text.push_back(*s);
        types.push_back(0);
      } else {
        text.emplace_back();
        types.push_back(0);
      }
    }
    for (size_t i = 0; i < params.size(); ++i) {
      values.push_back(IsNull(params[i]) ? nullptr : text[i].c_str());
    }
  }
};

Value Cell(const PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col)) return std::monostate{};
  const char* text = PQgetvalue(res, row, col);
  int len = PQgetlength(res, row, col);
  switch (PQftype(res, col)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: {
      int64_t out = 0;
      std::from_chars(text, text + len, out);
      return out;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
      // strtod, not from_chars: it also reads PostgreSQL's "Infinity" and "NaN".
      return std::strtod(text, nullptr);
    case kBoolOid:
      return int64_t{text[0] == 't' ? 1 : 0};
    default:
      return std::string(text, len);
  }
}

Rows ToRows(const PGresult* res) {
  Rows rows;
  int ncols = PQnfields(res);
  int nrows = PQntuples(res);
  rows.columns.reserve(ncols);
  for (int c = 0; c < ncols; ++c) rows.columns.emplace_back(PQfname(res, c));
  rows.rows.reserve(nrows);
  for (int r = 0; r < nrows; ++r) {
    std::vector<Value>& row = rows.rows.emplace_back();
    row.reserve(ncols);
    for (int c = 0; c < ncols; ++c) row.push_back(Cell(res, r, c));
  }
  return rows;
}

bool Succeeded(const PGresult* res) {
  if (res == nullptr) return false;
  ExecStatusType status = PQresultStatus(res);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

}  // namespace

Result<PgResult> ExecSimple(PGconn* conn, const char* sql) {
  PgResult res(PQexec(conn, sql), &PQclear);
  if (!Succeeded(res.get())) return StatementError(conn, res.get());
  return res;
}

Error PgSession::Remember(Error error) {
  if (!first_error_) first_error_ = error;
  return error;
}

Result<PgResult> PgSession::Run(std::string_view sql, std::span<const Value> params) {
  TranslatedSql translated = TranslatePlaceholders(sql);
  if (translated.placeholders != static_cast<int>(params.size())) {
    return Remember(Error(ErrorKind::kInternal, "db_error")
                        .Detail("statement has " + std::to_string(translated.placeholders) +
                                " placeholders but " + std::to_string(params.size()) +
                                " parameters: " + std::string(sql)));
  }
  Params p(params);
  const int n = static_cast<int>(params.size());
  std::string name;  // the prepared statement, when statements are prepared
  if (statements_) {
    KEHU_ASSIGN(name, Prepared(translated.sql, p.types));
  }
  if (pending_begin_) return RunAfterBegin(name, translated.sql, p.types, p.values);
  PgResult res(name.empty() ? PQexecParams(conn_, translated.sql.c_str(), n, p.types.data(), p.values.data(),
                                           nullptr, nullptr, 0)
                            : PQexecPrepared(conn_, name.c_str(), n, p.values.data(), nullptr, nullptr, 0),
               &PQclear);
  if (!Succeeded(res.get())) return Remember(StatementError(conn_, res.get()));
  return res;
}

Result<PgResult> PgSession::RunAfterBegin(const std::string& name, const std::string& sql,
                                          const std::vector<Oid>& types, const std::vector<const char*>& values) {
  const char* begin = std::exchange(pending_begin_, nullptr);
  const int n = static_cast<int>(values.size());
  bool sent = PQenterPipelineMode(conn_) == 1 &&
              PQsendQueryParams(conn_, begin, 0, nullptr, nullptr, nullptr, nullptr, 0) == 1 &&
              (name.empty() ? PQsendQueryParams(conn_, sql.c_str(), n, types.data(), values.data(), nullptr, nullptr, 0)
                            : PQsendQueryPrepared(conn_, name.c_str(), n, values.data(), nullptr, nullptr, 0)) == 1 &&
              PQpipelineSync(conn_) == 1;
  // Each query's result is followed by a null; the sync's own result ends the pipeline. A broken
  // connection yields nulls only, hence the bound.
  std::vector<PgResult> results;
  for (int nulls = 0; sent && nulls <= 2;) {
    PGresult* res = PQgetResult(conn_);
    if (res == nullptr) {
      ++nulls;
      continue;
    }
    if (PQresultStatus(res) == PGRES_PIPELINE_SYNC) {
      PQclear(res);
      break;
    }
    results.emplace_back(res, &PQclear);
  }
  // On failure the connection may stay in pipeline mode; the pool then closes it (PgPool::Release).
  if (!sent || PQexitPipelineMode(conn_) != 1 || results.size() != 2)
    return Remember(StatementError(conn_, results.empty() ? nullptr : results.front().get()));
  // A failed BEGIN makes the pipeline skip the statement (PGRES_PIPELINE_ABORTED): its error is the BEGIN's.
  if (!Succeeded(results[0].get())) return Remember(StatementError(conn_, results[0].get()));
  if (!Succeeded(results[1].get())) return Remember(StatementError(conn_, results[1].get()));
  return std::move(results[1]);
}

// Statements are keyed by their parameter types too: the same text with a NULL where an integer
// was is another statement, since a prepared statement's types are fixed.
Result<std::string> PgSession::Prepared(const std::string& sql, const std::vector<Oid>& types) {
  std::string key = sql;
  for (Oid t : types) key += "," + std::to_string(t);
  auto& names = statements_->names;
  if (auto it = names.find(key); it != names.end()) return it->second;
  // Generated list queries vary without end; keep the cache bounded.
  if (names.size() >= 2000) {
    KEHU_TRY(ExecuteScript("DEALLOCATE ALL"));
    names.clear();
  }
  std::string name = "kehu_" + std::to_string(names.size() + 1);
  PgResult res(PQprepare(conn_, name.c_str(), sql.c_str(), static_cast<int>(types.size()), types.data()),
               &PQclear);
  if (!Succeeded(res.get())) return Remember(StatementError(conn_, res.get()));
  names.emplace(std::move(key), name);
  return name;
}

Result<Rows> PgSession::Query(std::string_view sql, std::span<const Value> params) {
  KEHU_ASSIGN(PgResult res, Run(sql, params));
  return ToRows(res.get());
}

Result<int64_t> PgSession::Execute(std::string_view sql, std::span<const Value> params) {
  KEHU_ASSIGN(PgResult res, Run(sql, params));
  const char* tuples = PQcmdTuples(res.get());
  int64_t count = 0;
  std::from_chars(tuples, tuples + std::char_traits<char>::length(tuples), count);
  return count;
}

Status PgSession::ExecuteScript(std::string_view sql) {
  // The simple query protocol runs several statements in one round trip, inside our transaction
  // (begun by this very script if it is the session's first statement).
  std::string script = pending_begin_ ? std::string(std::exchange(pending_begin_, nullptr)) + ";\n" : "";
  script += sql;
  PgResult res(PQexec(conn_, script.c_str()), &PQclear);
  if (!Succeeded(res.get())) return Remember(StatementError(conn_, res.get()));
  return Ok();
}

}  // namespace kehu::db::pg
