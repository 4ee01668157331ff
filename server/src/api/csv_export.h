// GET /api/v1/{entity}/export?format=csv|xlsx&<list filters>: the caller's current filter as a
// file, headers in the caller's language. Both formats share one column list, one row source and
// one value rendering, so they always hold the same rows and columns:
//  - rows: the list pipeline with also_require = export, so only records in the caller's export
//    scope (a rep with export "own" gets only their own customers); at most 100,000 rows;
//  - columns: every field but `version`, minus fields hidden from the caller by field rules
//    (masked fields are exported masked);
//  - CSV: UTF-8 with BOM (what Excel in China opens correctly), every cell quoted, a leading
//    = + - @ neutralized with an apostrophe;
//  - XLSX: numbers, money amounts and dates as typed cells, everything else (phones, codes,
//    accounts) as text cells so Excel keeps every digit;
//  - the file name is the entity's label (RFC 5987 filename*=UTF-8''…, ASCII fallback).
// Errors: 403 without export rights, 400 "bad_parameter" for another format, and those of
// ParseListQuery. Each export is audited with its row count and format.
#pragma once

#include "api/request.h"

namespace kehu::api {

Result<http::Response> ExportRecords(ApiContext& ctx, Caller& caller, const meta::Entity& e,
                                     const http::Request& req);

// The route's original name (record_routes.cc); same as ExportRecords.
inline Result<http::Response> ExportCsv(ApiContext& ctx, Caller& caller, const meta::Entity& e,
                                        const http::Request& req) {
  return ExportRecords(ctx, caller, e, req);
}

// `attachment; filename="<ascii>"; filename*=UTF-8''<percent-encoded name>`.
std::string AttachmentDisposition(const std::string& ascii_name, const std::string& utf8_name);

}  // namespace kehu::api
