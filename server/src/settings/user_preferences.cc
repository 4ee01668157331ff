// Small per-user JSON preferences, e.g. "list.customers.columns".
#include <boost/json.hpp>

#include "core/time.h"
#include "settings/user_settings.h"

namespace kehu::settings {
namespace json = boost::json;
using db::Value;

namespace {

bool ValidKey(const std::string& key) {
  if (key.empty() || key.size() > 100) return false;
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

}  // namespace

Result<json::value> UserSettings::GetPreference(int64_t user_id, const std::string& key) {
  if (!ValidKey(key)) return InvalidInput("bad_parameter").Arg("parameter", "key");
  json::value out = nullptr;
  KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT value FROM user_preferences WHERE user_id = ? AND key = ?",
                                       {Value(user_id), Value(key)}));
    if (!rows.empty()) out = json::parse(db::AsText(rows.rows[0][0]));
    return Ok();
  }));
  return out;
}

Status UserSettings::PutPreference(int64_t user_id, const std::string& key, const json::value& value) {
  if (!ValidKey(key)) return InvalidInput("bad_parameter").Arg("parameter", "key");
  std::string text = json::serialize(value);
  if (text.size() > kMaxPreferenceBytes) return ValidationFailed().Field("value", "too_long");
  return db_.Write([&](db::Session& s) -> Status {
    KEHU_TRY(s.Execute("INSERT INTO user_preferences (user_id, key, value, updated_at) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT (user_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                     {Value(user_id), Value(key), Value(text), Value(NowIso())}));
    return Ok();
  });
}

}  // namespace kehu::settings
