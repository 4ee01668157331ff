#include "imports/references.h"

#include <boost/json.hpp>

#include <charconv>

namespace kehu::imports {
namespace json = boost::json;

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

std::optional<int64_t> AsId(std::string_view s) {
  int64_t id = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || p != s.data() + s.size() || id <= 0) return std::nullopt;
  return id;
}

const meta::Field* UniqueCodeField(const meta::Entity& e) {
  if (const meta::Field* code = e.FindField("code"); code && code->unique) return code;
  for (const auto& f : e.fields)
    if (f.unique && f.IsTextual()) return &f;
  return nullptr;
}

}  // namespace

Result<int64_t> ReferenceResolver::FindRecord(const meta::Entity& target, const meta::Field& by,
                                              const std::string& text) {
  records::ListQuery q;
  q.page_size = 2;
  q.filters.push_back({&by, records::FilterOp::kEq, {db::Value(text)}});
  KEHU_ASSIGN(records::ListResult found, records_.List(actor_, target, q));
  if (found.items.empty()) return int64_t{0};
  if (found.items.size() > 1) return int64_t{-1};
  return found.items[0].as_object().at("id").to_number<int64_t>();
}

Result<int64_t> ReferenceResolver::FindUser(const std::string& text) {
  int64_t id = 0;
  KEHU_TRY(records_.database().Read([&](db::Session& s) -> Status {
    for (const char* column : {"username", "display_name"}) {
      KEHU_ASSIGN(db::Rows rows, s.Query(std::string("SELECT id FROM users WHERE active = 1 AND ") +
                                             column + " = ? LIMIT 2",
                                         {db::Value(text)}));
      if (rows.size() > 1) id = -1;
      if (rows.size() == 1) id = db::AsInt(rows.rows[0][0]);
      if (id) return Ok();
    }
    return Ok();
  }));
  return id;
}

Result<int64_t> ReferenceResolver::Lookup(const meta::Field& f, const std::string& text) {
  if (f.type == meta::FieldType::kUser) return FindUser(text);
  const meta::Entity* target = records_.registry().Find(f.target);
  if (!target) return int64_t{0};
  for (const meta::Field* by : {UniqueCodeField(*target), target->FindField(target->title_field)}) {
    if (!by) continue;
    KEHU_ASSIGN(int64_t id, FindRecord(*target, *by, text));
    if (id) return id;
  }
  return int64_t{0};
}

std::optional<json::value> ReferenceResolver::Resolve(const meta::Field& f, std::string_view raw,
                                                      records::FieldErrors& errors) {
  std::string text(Trim(raw));
  if (text.empty()) return std::nullopt;
  auto key = std::make_pair(f.type == meta::FieldType::kUser ? std::string("users") : f.target, text);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    auto found = Lookup(f, text);
    it = cache_.emplace(key, found.ok() ? *found : 0).first;
  }
  if (it->second > 0) return json::value(it->second);
  if (it->second < 0) {
    errors[f.name] = "ambiguous";
    return std::nullopt;
  }
  if (auto id = AsId(text)) return json::value(*id);
  errors[f.name] = "not_found";
  return std::nullopt;
}

}  // namespace kehu::imports
