#include "approvals/flow.h"

#include <boost/json.hpp>

namespace kehu::approvals {
namespace json = boost::json;

namespace {

constexpr const char* kFlowKeys[] = {"entity", "name", "condition", "steps", "active"};
// ParseListQuery reads these itself; in a condition they would mean nothing.
constexpr const char* kNonFilterKeys[] = {"page", "pageSize", "sort", "q", "view", "deleted"};

struct TypeName {
  const char* name;
  ApproverType type;
};
constexpr TypeName kTypes[] = {{"user", ApproverType::kUser},
                               {"manager", ApproverType::kManager},
                               {"manager_chain", ApproverType::kManagerChain},
                               {"role", ApproverType::kRole}};

const char* NameOf(ApproverType t) {
  for (const auto& n : kTypes)
    if (n.type == t) return n.name;
  return "manager";
}

std::optional<int64_t> IntOf(const json::value& v) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= static_cast<uint64_t>(INT64_MAX)) return static_cast<int64_t>(v.as_uint64());
  return std::nullopt;
}

// A condition value as the query string would carry it: scalars as text, arrays as comma lists
// (for [in]). Null on anything else.
std::optional<std::string> ConditionText(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_bool()) return std::string(v.as_bool() ? "true" : "false");
  if (auto i = IntOf(v)) return std::to_string(*i);
  if (v.is_double()) return json::serialize(v);
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v.as_array()) {
      if (item.is_array() || item.is_object()) return std::nullopt;
      auto one = ConditionText(item);
      if (!one) return std::nullopt;
      out += (out.empty() ? "" : ",") + *one;
    }
    return out;
  }
  return std::nullopt;
}

Approver ParseApprover(const json::value& v, const std::string& path, records::FieldErrors& errors) {
  Approver a;
  if (!v.is_object()) {
    errors[path] = v.is_null() ? "required" : "wrong_type";
    return a;
  }
  const auto& o = v.as_object();
  auto* type = o.if_contains("type");
  if (!type || !type->is_string()) {
    errors[path + ".type"] = "required";
    return a;
  }
  const TypeName* found = nullptr;
  for (const auto& n : kTypes)
    if (type->as_string() == n.name) found = &n;
  if (!found) {
    errors[path + ".type"] = "unknown_type";
    return a;
  }
  a.type = found->type;
  if (a.type == ApproverType::kUser) {
    auto* id = o.if_contains("userId");
    auto parsed = id ? IntOf(*id) : std::nullopt;
    if (!parsed || *parsed <= 0) errors[path + ".userId"] = id ? "unknown_user" : "required";
    else a.user_id = *parsed;
  } else if (a.type == ApproverType::kManagerChain) {
    auto* levels = o.if_contains("levels");
    auto parsed = levels ? IntOf(*levels) : std::nullopt;
    if (!parsed || *parsed < 1 || *parsed > kMaxChainLevels) errors[path + ".levels"] = levels ? "out_of_range" : "required";
    else a.levels = static_cast<int>(*parsed);
  } else if (a.type == ApproverType::kRole) {
    auto* role = o.if_contains("role");
    if (!role || !role->is_string() || role->as_string().empty()) errors[path + ".role"] = role ? "unknown_role" : "required";
    else a.role = std::string(role->as_string());
  }
  return a;
}

Step ParseStep(const json::value& v, const std::string& path, records::FieldErrors& errors) {
  Step step;
  if (!v.is_object()) {
    errors[path] = "wrong_type";
    return step;
  }
  const auto& o = v.as_object();
  if (auto* name = o.if_contains("name"); name && !name->is_null()) {
    if (!name->is_string()) errors[path + ".name"] = "wrong_type";
    else if (records::Utf8Length(name->as_string()) > kMaxNameLength) errors[path + ".name"] = "too_long";
    else step.name = std::string(name->as_string());
  }
  step.approver = ParseApprover(o.contains("approver") ? o.at("approver") : json::value(), path + ".approver", errors);
  if (auto* mode = o.if_contains("mode"); mode && !mode->is_null()) {
    if (!mode->is_string() || (mode->as_string() != "any" && mode->as_string() != "all")) errors[path + ".mode"] = "bad_value";
    else step.all = mode->as_string() == "all";
  }
  return step;
}

void ParseSteps(const json::value& v, FlowDefinition& def, records::FieldErrors& errors) {
  if (!v.is_array()) {
    errors["steps"] = v.is_null() ? "required" : "wrong_type";
    return;
  }
  const auto& steps = v.as_array();
  if (steps.empty()) errors["steps"] = "required";
  if (steps.size() > static_cast<size_t>(kMaxSteps)) errors["steps"] = "too_many";
  def.steps.clear();
  for (size_t i = 0; i < steps.size() && i < static_cast<size_t>(kMaxSteps); ++i)
    def.steps.push_back(ParseStep(steps[i], "steps[" + std::to_string(i) + "]", errors));
}

void ParseCondition(const json::value& v, const meta::Entity* e, FlowDefinition& def, records::FieldErrors& errors) {
  if (v.is_null()) {
    def.condition = {};
    return;
  }
  if (!v.is_object()) {
    errors["condition"] = "wrong_type";
    return;
  }
  json::object normalized;
  for (const auto& [key, value] : v.as_object()) {
    auto text = ConditionText(value);
    if (!text) {
      errors["condition"] = "bad_filter_value";
      return;
    }
    normalized[key] = *text;
  }
  def.condition = std::move(normalized);
  if (!e) return;  // the entity's own error says why
  auto query = ConditionQuery(*e, def.condition);
  if (!query.ok()) errors["condition"] = query.error().code;
}

}  // namespace

bool SupportsApprovals(const meta::Entity& e) {
  const meta::Field* f = e.FindField(kStateField);
  return f && f->type == meta::FieldType::kEnum;
}

Result<FlowDefinition> ParseFlow(const json::object& body, const meta::Registry& registry,
                                 const FlowDefinition* base, records::FieldErrors& errors) {
  for (const auto& [key, v] : body) {
    bool known = false;
    for (const char* k : kFlowKeys) known |= key == k;
    if (!known) return InvalidInput("unknown_field").Arg("field", std::string(key));
  }
  FlowDefinition def = base ? *base : FlowDefinition{};
  if (auto* entity = body.if_contains("entity"); entity || !base) {
    if (!entity || !entity->is_string() || entity->as_string().empty()) {
      errors["entity"] = "required";
    } else {
      const meta::Entity* e = registry.Find(entity->as_string());
      if (!e) errors["entity"] = "unknown_entity";
      else if (!SupportsApprovals(*e)) errors["entity"] = "approvals_not_supported";
      def.entity = std::string(entity->as_string());
    }
  }
  if (auto* name = body.if_contains("name"); name || !base) {
    if (!name || !name->is_string() || name->as_string().find_first_not_of(" \t") == json::string::npos)
      errors["name"] = name && !name->is_null() && !name->is_string() ? "wrong_type" : "required";
    else if (records::Utf8Length(name->as_string()) > kMaxNameLength) errors["name"] = "too_long";
    else def.name = std::string(name->as_string());
  }
  const meta::Entity* e = errors.count("entity") ? nullptr : registry.Find(def.entity);
  // A new entity re-checks the kept condition: it must mean something on the new entity too.
  if (auto* condition = body.if_contains("condition")) ParseCondition(*condition, e, def, errors);
  else if (!base || body.contains("entity")) ParseCondition(json::value(def.condition), e, def, errors);
  if (auto* steps = body.if_contains("steps"); steps || !base) ParseSteps(steps ? *steps : json::value(), def, errors);
  if (auto* active = body.if_contains("active")) {
    if (!active->is_bool()) errors["active"] = "wrong_type";
    else def.active = active->as_bool();
  }
  return def;
}

Result<records::ListQuery> ConditionQuery(const meta::Entity& e, const json::object& condition) {
  records::QueryParams params;
  for (const auto& [key, v] : condition) {
    std::string name(key);
    for (const char* k : kNonFilterKeys)
      if (name == k) return InvalidInput("unknown_field").Arg("field", name);
    auto text = ConditionText(v);
    if (!text) return InvalidInput("bad_filter_value").Arg("field", name);
    params.emplace_back(name, *text);
  }
  return records::ParseListQuery(e, params);
}

json::object ApproverToJson(const Approver& a) {
  json::object o{{"type", NameOf(a.type)}};
  if (a.type == ApproverType::kUser) o["userId"] = a.user_id;
  if (a.type == ApproverType::kManagerChain) o["levels"] = a.levels;
  if (a.type == ApproverType::kRole) o["role"] = a.role;
  return o;
}

json::array StepsToJson(const std::vector<Step>& steps) {
  json::array out;
  for (const auto& s : steps) {
    json::object o{{"approver", ApproverToJson(s.approver)}, {"mode", s.all ? "all" : "any"}};
    o["name"] = s.name.empty() ? json::value() : json::value(s.name);
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<Step> StepsFromJson(const json::value& v, records::FieldErrors& errors) {
  FlowDefinition def;
  ParseSteps(v, def, errors);
  return def.steps;
}

json::object FlowToJson(const Flow& f) {
  return {{"id", f.id},          {"entity", f.entity},       {"name", f.name},
          {"condition", f.condition}, {"steps", StepsToJson(f.steps)}, {"active", f.active},
          {"version", f.version}, {"createdAt", f.created_at}, {"updatedAt", f.updated_at}};
}

}  // namespace kehu::approvals
