// Turns libpq failures into Kehu's normalized database errors (see db/database.h). The server's
// message goes to Error::detail only, never into the fields clients see.
#pragma once

#include <libpq-fe.h>

#include <string_view>

#include "core/error.h"

namespace kehu::db::pg {

// The error of a failed statement. `result` may be null (libpq could not even build a result,
// e.g. out of memory or a lost connection).
Error StatementError(PGconn* conn, const PGresult* result);

// The error for a connection that could not be opened or was lost.
Error Unavailable(std::string_view detail);

// The normalized error for a SQLSTATE; `result` supplies constraint/column names when present.
Error ErrorForSqlState(std::string_view sqlstate, const PGresult* result, std::string_view message);

}  // namespace kehu::db::pg
