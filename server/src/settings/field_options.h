// Option lists admins edit at run time (客户类别, 行业, 企业性质, 职务, …): the enum fields marked
// "editableOptions" in metadata. A saved list replaces the entity file's list in every path that
// reads options (validation, /meta, import label matching, export labels) through the field's
// RuntimeOptions slot, without rebuilding the registry.
//
// Rules: an option is never deleted, only retired (active=false): old records keep its label, new
// input may not use it, and its value is never reused. Labels in zh-CN are required; zh-TW defaults
// to the zh-CN label in traditional script with Taiwan's words (OpenCC s2twp), en to the zh-CN
// label; a language left out of an existing option keeps its label. New options may
// leave out "value": one is generated. Every save is audited.
//
// Several servers: each save bumps the list's revision; RefreshIfChanged() (a job) reloads when
// the sum of revisions changed. Thread-safe.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <atomic>
#include <memory>
#include <string>

#include "core/result.h"
#include "db/database.h"
#include "metadata/registry.h"
#include "records/actor.h"

namespace kehu::settings {

class FieldOptions {
 public:
  FieldOptions(db::Database& db, std::shared_ptr<const meta::Registry> registry)
      : db_(db), registry_(std::move(registry)) {}

  // Puts every saved list into its field's runtime slot (start-up).
  Status Load();
  // Load() again when another server saved a list since the last load.
  Status RefreshIfChanged();

  // Every editable field: [{"entity","field","labels","options":[{"value","labels","active",
  // "builtIn"}]}], in registry order.
  boost::json::array List() const;

  // Replaces the list of `entity`.`field` with body {"options":[{"value"?,"labels","active"?}]}
  // (the new order). 404 for a field that is not editable; 422 with field errors (keys like
  // "options[2].labels.zh-CN") for a removed value, a missing or duplicate label, too many
  // options, or no active option; nothing is saved then. Returns the field's entry as in List().
  Result<boost::json::object> Replace(const records::Actor& actor, const std::string& entity,
                                      const std::string& field, const boost::json::object& body);

  static constexpr size_t kMaxOptions = 200;
  static constexpr size_t kMaxLabelChars = 50;

 private:
  Result<int64_t> RevisionSum(db::Session& s) const;
  Status LoadFrom(db::Session& s);

  db::Database& db_;
  std::shared_ptr<const meta::Registry> registry_;
  std::atomic<int64_t> loaded_revision_{-1};
};

}  // namespace kehu::settings
