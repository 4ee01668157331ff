// Which spreadsheet column fills which field of an import: the importable fields of an entity, the
// automatic match of header texts to them, and the user's corrections (`mapping`).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "metadata/entity.h"
#include "records/actor.h"

namespace kehu::imports {

struct ImportColumn {
  std::string header;                 // as in the file
  const meta::Field* field = nullptr;  // null: the column is ignored
};

// header text -> field name, or nullopt to ignore the column.
using Mapping = std::map<std::string, std::optional<std::string>>;

// Fields an import (and its template) may fill for `actor`, in entity order: declared fields that
// are not read-only and not files, then ownerId; fields the actor's field rules make hidden,
// masked or read-only are left out.
std::vector<const meta::Field*> ImportableFields(const meta::Entity& e, const records::Actor& actor);

// The comparison key of a header or label: trimmed, a leading "*" (required mark) dropped, NFKC
// with case folding and 繁→简 (text::Fold). "*客戶名稱 " and "客户名称" share a key.
std::string HeaderKey(std::string_view header);

// The label a template shows for `f` in `lang`, "*"-prefixed when required.
std::string TemplateHeader(const meta::Field& f, const std::string& lang);
std::string LabelIn(const meta::Labels& labels, const std::string& lang, const std::string& fallback);

// `mapping` query parameter: a JSON object {"<header>": "<field>" | null}. Errors: 400
// bad_parameter (parameter "mapping") when it is not such an object.
Result<Mapping> ParseMapping(std::string_view json_text);

// Matches every header: the user's mapping first (by exact header text, then by HeaderKey), else
// a field whose label in any language or API name has the header's key. Errors:
//   400 bad_parameter (parameter "mapping", field) when the mapping names a field that is not
//       importable;
//   422 duplicate_column (arg "column": the field's label in `lang`) when two columns fill one field;
//   422 missing_column (arg "column") when a required field has no column.
Result<std::vector<ImportColumn>> MatchColumns(const std::vector<const meta::Field*>& importable,
                                               const std::vector<std::string>& headers,
                                               const Mapping& mapping, const std::string& lang);

}  // namespace kehu::imports
