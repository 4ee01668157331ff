#include "metadata/entity.h"

#include <array>
#include <cctype>
#include <utility>

namespace kehu::meta {
namespace {

constexpr std::array<std::pair<FieldType, std::string_view>, 17> kTypeNames{{
    {FieldType::kText, "text"},         {FieldType::kLongText, "longtext"},
    {FieldType::kInteger, "integer"},   {FieldType::kDecimal, "decimal"},
    {FieldType::kMoney, "money"},       {FieldType::kDate, "date"},
    {FieldType::kDateTime, "datetime"}, {FieldType::kBoolean, "boolean"},
    {FieldType::kEnum, "enum"},         {FieldType::kMultiEnum, "multienum"},
    {FieldType::kEmail, "email"},       {FieldType::kPhone, "phone"},
    {FieldType::kUrl, "url"},           {FieldType::kRelation, "relation"},
    {FieldType::kUser, "user"},         {FieldType::kFile, "file"},
    {FieldType::kRegion, "region"},
}};

}  // namespace

bool Field::IsTextual() const {
  switch (type) {
    case FieldType::kText: case FieldType::kLongText: case FieldType::kEmail:
    case FieldType::kPhone: case FieldType::kUrl: case FieldType::kEnum:
      return true;
    default:
      return false;
  }
}

std::string_view Field::CompanionSuffix() const {
  if (type == FieldType::kMoney) return "_currency";
  if (type == FieldType::kRegion) return "_names";
  return {};
}

bool Entity::ChecksDuplicateNames() const {
  for (const auto& f : duplicate_fields)
    if (f == title_field) return true;
  return false;
}

std::shared_ptr<const OptionList> Field::Options() const {
  if (runtime_options)
    if (auto list = runtime_options->Get()) return list;
  // The file's list lives as long as the registry; alias it without copying.
  return std::shared_ptr<const OptionList>(std::shared_ptr<const OptionList>(), &options);
}

bool Field::HasOption(std::string_view v) const {
  auto list = Options();
  const EnumOption* o = FindOption(*list, v);
  return o && o->active;
}

const EnumOption* FindOption(const OptionList& list, std::string_view v) {
  for (const auto& o : list)
    if (o.value == v) return &o;
  return nullptr;
}

const Field* Entity::FindField(std::string_view name) const {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

std::string_view TextFormatName(TextFormat f) {
  switch (f) {
    case TextFormat::kPostalCode: return "postalCode";
    case TextFormat::kCreditCode: return "creditCode";
    default: return "";
  }
}

std::string_view FieldTypeName(FieldType t) {
  for (const auto& [type, name] : kTypeNames)
    if (type == t) return name;
  return "text";
}

std::optional<FieldType> ParseFieldType(std::string_view s) {
  for (const auto& [type, name] : kTypeNames)
    if (name == s) return type;
  return std::nullopt;
}

std::string ToSnakeCase(std::string_view camel) {
  std::string out;
  for (char c : camel) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (c == '-') {
      out += '_';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace kehu::meta
