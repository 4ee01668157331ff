// Entity metadata: the source of truth for tables, validation, filters, search, the API description
// and the UI's generic pages. One JSON file per entity in metadata/entities/.
#pragma once

#include <map>
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
  std::vector<EnumOption> options;
  std::string target;           // relation: entity name
  boost::json::value default_value;  // null = none
  bool system = false;          // id, version, createdAt, ... (not in the entity file)

  bool IsTextual() const;
  // Types stored in two columns name the second one's suffix: money keeps its currency in
  // "<column>_currency", a region its names ("北京市/市辖区/朝阳区") in "<column>_names".
  std::string_view CompanionSuffix() const;
  bool HasOption(std::string_view v) const;
};

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
