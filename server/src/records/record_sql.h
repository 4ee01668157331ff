// SQL fragments the record engine builds from metadata. Identifiers come only from metadata;
// every value is a bound parameter.
#pragma once

#include <boost/json/object.hpp>

#include <map>
#include <string>
#include <vector>

#include "db/dialect.h"
#include "db/value.h"
#include "metadata/entity.h"
#include "records/codec.h"
#include "records/list_query.h"

namespace kehu::records {

// A conjunction of conditions with their parameters, in order.
struct Where {
  std::string sql = "1=1";
  std::vector<db::Value> params;
  void And(const std::string& condition) { sql += " AND (" + condition + ")"; }
};

// "t.id, t.version, ..." for every stored column of the entity, in RowToJson's order.
std::string SelectColumns(const meta::Entity& e, const std::string& alias = "t");
boost::json::object RowToJson(const meta::Entity& e, const std::vector<db::Value>& row);

// The fields a list returns: every field of the entity, or those of ?fields= plus id and version,
// in the entity's order. The two overloads below read and render only these.
using FieldSet = std::vector<const meta::Field*>;
FieldSet ProjectedFields(const meta::Entity& e, const FieldSet& requested);
std::string SelectColumns(const FieldSet& fields, const std::string& alias);
boost::json::object RowToJson(const FieldSet& fields, const std::vector<db::Value>& row);

// Appends ", column = ?" (and its companion column, e.g. money's currency) for each stored value
// to an UPDATE's SET list, and the values to `params`.
void AppendAssignments(const meta::Entity& e, const std::map<std::string, StoredValue>& values,
                       std::string& sets, std::vector<db::Value>& params);

// Appends one list filter to `where`.
void AddFilter(const db::Dialect& d, const Filter& f, const std::string& alias, Where& where);
std::string OrderBy(const db::Dialect& d, const std::vector<SortKey>& sort, const std::string& alias);

// Ranks search results: the title equal to the query first, then titles starting with it (ASCII
// case folded), then the rest. Appends its parameters to `params`.
std::string RelevanceOrder(const meta::Entity& e, const std::string& q, std::vector<db::Value>& params);

// Escapes % _ and \ for LIKE ... ESCAPE '\'.
std::string EscapeLike(std::string_view s);

}  // namespace kehu::records
