// Pure text helpers of the PostgreSQL backend: no connection needed, unit-tested in pg_sql_test.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kehu::db::pg {

struct TranslatedSql {
  std::string sql;  // with $1..$n in place of the `?` placeholders
  int placeholders = 0;
};

// Rewrites `?` placeholders as $1..$n. A `?` inside a single-quoted literal (incl. E'' escapes),
// a double-quoted identifier, a dollar-quoted string or a comment is left as it is. PostgreSQL's
// jsonb operators `?`, `?|`, `?&` cannot be written in our SQL: use jsonb_exists() and friends.
TranslatedSql TranslatePlaceholders(std::string_view sql);

// A PostgreSQL array literal for text[]: every element double-quoted, `"` and `\` escaped, so any
// UTF-8 text (commas, braces, quotes, backslashes, "NULL", "") survives as one element.
std::string TextArrayLiteral(const std::vector<std::string>& elements);

// The shortest text that reads back as exactly `value` (std::to_chars), as PostgreSQL's float8
// input accepts it: "NaN", "Infinity", "-Infinity" for the special values.
std::string DoubleText(double value);

}  // namespace kehu::db::pg
