// What a user keeps of the UI on the server (CHINA.md "UI conventions"): saved list views (场景:
// a list query, optional columns, one default per entity) and small JSON preferences (column order,
// width and visibility per list). Everything here is private to its user: another user's view id
// answers not_found. JSON in and out, shaped as the API returns it.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>

#include "db/database.h"
#include "metadata/registry.h"

namespace kehu::settings {

class UserSettings {
 public:
  UserSettings(db::Database& db, const meta::Registry& registry) : db_(db), registry_(registry) {}

  // The user's views of one entity, defaults first, then by name.
  Result<boost::json::array> ListViews(int64_t user_id, const std::string& entity);
  // body: {"entity","name","query","columns"?: [field names] | null,"isDefault"?: bool}.
  // Name unique per user and entity (422 fields.name = "duplicate"); setting isDefault clears the
  // user's other default for that entity.
  Result<boost::json::object> CreateView(int64_t user_id, const boost::json::object& body);
  Result<boost::json::object> UpdateView(int64_t user_id, int64_t id, const boost::json::object& body);
  Status DeleteView(int64_t user_id, int64_t id);

  // Key: [a-z0-9._-]{1,100}; value: any JSON up to kMaxPreferenceBytes serialized. Unset → null.
  Result<boost::json::value> GetPreference(int64_t user_id, const std::string& key);
  Status PutPreference(int64_t user_id, const std::string& key, const boost::json::value& value);

  static constexpr size_t kMaxPreferenceBytes = 16 * 1024;
  static constexpr size_t kMaxViewNameChars = 50;
  static constexpr size_t kMaxQueryBytes = 4000;

 private:
  struct ViewInput;
  Result<ViewInput> ParseView(const boost::json::object& body, bool create, const std::string& entity_hint);
  Result<boost::json::object> LoadView(db::Session& s, int64_t user_id, int64_t id);

  db::Database& db_;
  const meta::Registry& registry_;
};

}  // namespace kehu::settings
