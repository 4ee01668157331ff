// Values that cross the database boundary. Booleans travel as 0/1 integers, times as ISO-8601
// UTC text, money as integer minor units: the same representation on every backend.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace kehu::db {

using Value = std::variant<std::monostate, int64_t, double, std::string>;

inline bool IsNull(const Value& v) { return std::holds_alternative<std::monostate>(v); }

// A fully materialized query result. Column names are as the SQL spelled them.
struct Rows {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;

  bool empty() const { return rows.empty(); }
  size_t size() const { return rows.size(); }
  // Index of a column by name, or -1.
  int ColumnIndex(std::string_view name) const {
    for (size_t i = 0; i < columns.size(); ++i)
      if (columns[i] == name) return static_cast<int>(i);
    return -1;
  }
};

// Helpers that read a cell leniently (NULL -> default).
int64_t AsInt(const Value& v, int64_t fallback = 0);
double AsDouble(const Value& v, double fallback = 0);
std::string AsText(const Value& v);

}  // namespace kehu::db
