// 查重 through the record service: the same comparison the write pipeline warns with.
#include <boost/json.hpp>

#include <algorithm>

#include "records/codec.h"
#include "records/duplicates.h"
#include "records/record_service.h"

namespace kehu::records {
namespace json = boost::json;

Result<json::array> RecordService::Duplicates(const Actor& actor, const meta::Entity& e,
                                              const std::map<std::string, std::string>& raw,
                                              int64_t exclude_id) {
  if (!access_.Allowed(actor, e, Action::kRead) && !access_.Allowed(actor, e, Action::kCreate))
    return Forbidden();
  DuplicateProbe probe{{}, exclude_id};
  FieldErrors errors;
  for (const auto& [name, text] : raw) {
    const auto& fields = e.duplicate_fields;
    if (std::find(fields.begin(), fields.end(), name) == fields.end())
      return InvalidInput("unknown_parameter").Arg("parameter", name);
    if (text.empty()) continue;
    auto stored = DecodeInput(*e.FindField(name), json::value(text), errors);
    if (stored && !db::IsNull(stored->value)) probe.values[name] = db::AsText(stored->value);
  }
  if (!errors.empty()) {
    Error err = ValidationFailed();
    err.fields = errors;
    return err;
  }
  json::array out;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(auto found, FindDuplicates(s, access_, actor, e, probe));
    out = DuplicatesJson(found);
    return Ok();
  }));
  return out;
}

}  // namespace kehu::records
