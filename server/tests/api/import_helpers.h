// Helpers for the import API tests (import_test.cc, import_files_test.cc): files in the encodings
// and formats people upload, and the import calls.
#pragma once

#include <string>
#include <vector>

#include "access_helpers.h"

namespace kehu::apitest {

using Sheet = std::vector<std::vector<std::string>>;

// UTF-8 text converted to `encoding` ("GB18030", "BIG5") with iconv; fails the test on error.
std::string Encode(const std::string& utf8, const char* encoding);
// RFC 4180 CSV of the rows (every cell quoted, CRLF), UTF-8 without BOM.
std::string CsvOf(const Sheet& rows);
// An .xlsx workbook of the rows (first row = header) written with documents::XlsxWriter.
std::string XlsxOf(const Sheet& rows);
// Every row of the first sheet of an .xlsx (documents::ReadXlsx).
Sheet ReadXlsxRows(const std::string& bytes);

class ImportTest : public AccessTest {
 public:
  // POST /api/v1/<entity>/import<query> with the raw file as body.
  HttpResponse Import(Client& c, const std::string& file, const std::string& query,
                      const std::string& entity = "customers");
  // GET /api/v1/imports/<id> until its state is no longer "running" (at most ~160 s).
  HttpResponse WaitDone(Client& c, const std::string& id);
  // The admin's customer with this code, or null.
  json::value CustomerByCode(const std::string& code);
  int64_t AuditTotal();
  // "row:field=code,..." for each error of an import response, for comparisons.
  static std::vector<std::string> ErrorSummary(const HttpResponse& r);
  // A role with every customers right at scope "own", import included, and a user holding it.
  void AddImporterRep(const std::string& username);
};

}  // namespace kehu::apitest
