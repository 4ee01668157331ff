// Entity metadata: the source of truth for tables, validation, filters, search, the API description
// and the UI's generic pages. One JSON file per entity in metadata/entities/.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace kehu::meta {

enum class FieldType {
  kText, kLongText, kInteger, kDecimal, kMoney, kDate, kDateTime, kBoolean,
  kEnum, kMultiEnum, kEmail, kPhone, kUrl, kRelation, kUser, kFile,
  kRegion,  // GB/T 2260 code plus the names as chosen (core/regions.h)
};

// Labels by language: "zh-CN", "zh-TW", "en".
using Labels = std::map<std::string, std::string>;

// Syntax rules of text fields beyond their type (metadata "format").
enum class TextFormat { kNone, kPostalCode, kCreditCode };

struct EnumOption {
  std::string value;
  Labels labels;
  bool active = true;  // a retired option keeps its label for old records but takes no new input
};

using OptionList = std::vector<EnumOption>;

// The option list of a field whose options admins edit at run time (metadata "editableOptions"):
// the registry stays immutable, and this one slot is swapped whole when an admin saves, so
// readers always see a complete list. Thread-safe.
class RuntimeOptions {
 public:
  std::shared_ptr<const OptionList> Get() const {
    std::lock_guard lock(mu_);
    return list_;
  }
  void Set(OptionList list) {
    auto next = std::make_shared<const OptionList>(std::move(list));
    std::lock_guard lock(mu_);
    list_ = std::move(next);
  }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const OptionList> list_;  // null until set: the file's options apply
};

struct Field {
  std::string name;     // camelCase API name
  std::string column;   // snake_case column
  FieldType type = FieldType::kText;
  Labels labels;
  bool required = false;
  bool unique = false;
  bool read_only = false;       // set by the system, never by clients
  int max_length = 0;           // text-like types; 0 = type default
  TextFormat format = TextFormat::kNone;  // text only
  OptionList options;           // as in the entity file; read them through Options()
  // Set for "editableOptions": true: the list admins edit (settings/field_options), shared by
  // every copy of this Field.
  std::shared_ptr<RuntimeOptions> runtime_options;
  std::string target;           // relation: entity name
  boost::json::value default_value;  // null = none
  bool system = false;          // id, version, createdAt, ... (not in the entity file)

  bool IsTextual() const;
  // Types stored in two columns name the second one's suffix: money keeps its currency in
  // "<column>_currency", a region its names ("北京市/市辖区/朝阳区") in "<column>_names".
  std::string_view CompanionSuffix() const;
  // The options in force: the admins' list when one was saved, else the entity file's.
  std::shared_ptr<const OptionList> Options() const;
  // Whether `v` is an active option (retired ones take no new input).
  bool HasOption(std::string_view v) const;
};

// The option with value `v` in `list`, active or retired, or null.
const EnumOption* FindOption(const OptionList& list, std::string_view v);

// A titled group of fields on forms and detail pages (metadata "sections"); fields in no section
// are shown after the last one.
struct Section {
  std::string name;
  Labels labels;
  std::vector<std::string> fields;
};

struct Entity {
  std::string name;      // plural path segment, e.g. "customers"
  std::string table;     // snake_case table name
  Labels labels;
  bool owned = true;     // has ownerId and owner-based visibility
  std::string title_field;
  std::vector<std::string> search_fields;
  std::vector<std::string> list_columns;
  // What the brief view (?view=brief) shows of records beyond the caller's read scope.
  std::vector<std::string> brief_fields;
  std::string default_sort = "-updatedAt";
  std::vector<std::vector<std::string>> indexes;  // field names
  // 查重: fields on which two records count as likely the same (metadata "duplicateCheck"). The
  // title field compares by its company-name key (kept in column "dup_name_key"), others by value.
  std::vector<std::string> duplicate_fields;
  std::vector<Section> sections;
  // The default numbering rule (metadata "numbering"): `numbering_field` is filled on create when
  // left empty (records/numbering.h); admins may replace pattern and reset at run time.
  std::string numbering_field;
  std::string numbering_pattern;
  std::string numbering_reset = "never";
  bool ChecksDuplicateNames() const;
  std::vector<Field> fields;  // system fields first, then declared ones

  const Field* FindField(std::string_view name) const;
};

std::string_view FieldTypeName(FieldType t);
std::string_view TextFormatName(TextFormat f);  // "" for kNone
std::optional<FieldType> ParseFieldType(std::string_view s);
std::string ToSnakeCase(std::string_view camel);

}  // namespace kehu::meta
