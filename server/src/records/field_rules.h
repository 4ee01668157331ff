// Field rules of the actor's roles applied to records: hidden fields never leave the server, masked
// ones leave masked (138****8000), and neither may be written, filtered or sorted by (a filter
// would let a caller probe the value).
#pragma once

#include <boost/json/object.hpp>

#include <string>

#include "core/result.h"
#include "metadata/entity.h"
#include "records/actor.h"
#include "records/list_query.h"

namespace kehu::records {

// REQUIRES: `record` is a full record of `e` as RowToJson builds it.
void ShapeForActor(const Actor& actor, const meta::Entity& e, boost::json::object& record);

// 13800008000 / +8613800008000 -> 138****8000; zhang@example.cn -> z***@example.cn; 北京网联 -> 北***.
std::string MaskText(const meta::Field& f, const std::string& value);

// kInvalidInput "unknown_field" when the query filters or sorts by a field the actor may not read
// in full.
Status CheckQueryFields(const Actor& actor, const meta::Entity& e, const ListQuery& q);

}  // namespace kehu::records
