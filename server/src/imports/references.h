// Relation and user cells of an import, resolved to ids the way a person refers to records:
//   relation  the target's unique code (客户代码), else its exact title, among the records the
//             actor may read; else a numeric id (the pipeline checks that it is visible);
//   user      the username, else the display name of an active user; else a numeric id.
// Each distinct text is looked up once per import. Not thread-safe: one per import.
#pragma once

#include <boost/json/value.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "metadata/entity.h"
#include "records/codec.h"
#include "records/record_service.h"

namespace kehu::imports {

class ReferenceResolver {
 public:
  ReferenceResolver(records::RecordService& records, const records::Actor& actor)
      : records_(records), actor_(actor) {}

  // nullopt for an empty cell and on error, recorded in `errors` under the field's name:
  // "not_found" (nothing visible matches) or "ambiguous" (several records or users match).
  std::optional<boost::json::value> Resolve(const meta::Field& f, std::string_view cell,
                                            records::FieldErrors& errors);

 private:
  // id, 0 = none, -1 = several.
  Result<int64_t> FindRecord(const meta::Entity& target, const meta::Field& by, const std::string& text);
  Result<int64_t> FindUser(const std::string& text);
  Result<int64_t> Lookup(const meta::Field& f, const std::string& text);

  records::RecordService& records_;
  const records::Actor& actor_;
  std::map<std::pair<std::string, std::string>, int64_t> cache_;  // (target, text) -> id
};

}  // namespace kehu::imports
