#include "api/openapi.h"

#include <boost/json.hpp>

namespace kehu::api {
namespace json = boost::json;
using meta::FieldType;

namespace {

json::object Ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

json::object FieldSchema(const meta::Field& f) {
  json::object s;
  switch (f.type) {
    case FieldType::kInteger: case FieldType::kRelation: case FieldType::kUser: case FieldType::kFile:
      s = {{"type", json::array{"integer", "null"}}, {"format", "int64"}}; break;
    case FieldType::kDecimal: s = {{"type", json::array{"number", "null"}}}; break;
    case FieldType::kBoolean: s = {{"type", json::array{"boolean", "null"}}}; break;
    case FieldType::kMoney: s = Ref("Money"); break;
    case FieldType::kRegion: s = Ref("Region"); break;
    case FieldType::kDate: s = {{"type", json::array{"string", "null"}}, {"format", "date"}}; break;
    case FieldType::kDateTime: s = {{"type", json::array{"string", "null"}}, {"format", "date-time"}}; break;
    case FieldType::kMultiEnum: {
      json::array values;
      for (const auto& o : *f.Options()) values.emplace_back(o.value);
      s = {{"type", "array"}, {"items", json::object{{"enum", values}}}};
      break;
    }
    case FieldType::kEnum: {
      json::array values;
      for (const auto& o : *f.Options()) values.emplace_back(o.value);
      values.emplace_back(nullptr);
      s = {{"enum", values}};
      break;
    }
    case FieldType::kEmail: s = {{"type", json::array{"string", "null"}}, {"format", "email"}}; break;
    case FieldType::kUrl: s = {{"type", json::array{"string", "null"}}, {"format", "uri"}}; break;
    default: s = {{"type", json::array{"string", "null"}}};
  }
  if (f.max_length && f.IsTextual()) s["maxLength"] = f.max_length;
  auto it = f.labels.find("en");
  if (it != f.labels.end()) s["title"] = it->second;
  if (f.read_only) s["readOnly"] = true;
  return s;
}

json::object EntitySchema(const meta::Entity& e) {
  json::object props;
  json::array required;
  for (const auto& f : e.fields) {
    props[f.name] = FieldSchema(f);
    if (f.required) required.emplace_back(f.name);
  }
  return {{"type", "object"}, {"properties", std::move(props)}, {"required", std::move(required)}};
}

json::object JsonContent(json::object schema) {
  return {{"application/json", json::object{{"schema", std::move(schema)}}}};
}

json::object Reply(const char* description, json::object schema = {}) {
  json::object r{{"description", description}};
  if (!schema.empty()) r["content"] = JsonContent(std::move(schema));
  return r;
}

json::array ListParameters(const meta::Entity& e) {
  auto q = [](const char* name, const char* type, const char* description) {
    return json::object{{"name", name}, {"in", "query"}, {"description", description},
                        {"schema", json::object{{"type", type}}}};
  };
  return {q("page", "integer", "Page number from 1"), q("pageSize", "integer", "1-200, default 50"),
          q("sort", "string", "Comma list of fields; '-' prefix sorts descending"),
          q("q", "string", "Full-text search: Chinese substring, pinyin, traditional characters"),
          q("deleted", "boolean", "List the recycle bin instead"),
          q("fields", "string", "Comma list of the fields each item carries (id and version always); default all")};
}

json::object EntityPaths(const meta::Entity& e, json::object& paths) {
  std::string base = "/api/v1/" + e.name;
  std::string tag = e.labels.count("en") ? e.labels.at("en") : e.name;
  json::object id_param{{"name", "id"}, {"in", "path"}, {"required", true},
                        {"schema", json::object{{"type", "integer"}, {"format", "int64"}}}};
  json::object list_schema{{"type", "object"},
                           {"properties", json::object{{"items", json::object{{"type", "array"}, {"items", Ref(e.name)}}},
                                                       {"total", json::object{{"type", "integer"}}},
                                                       {"page", json::object{{"type", "integer"}}},
                                                       {"pageSize", json::object{{"type", "integer"}}}}}};
  json::object errors{{"400", Reply("Bad input", Ref("Error"))}, {"401", Reply("Not logged in", Ref("Error"))},
                      {"403", Reply("Not allowed", Ref("Error"))}};
  paths[base] = json::object{
      {"get", json::object{{"tags", json::array{tag}}, {"summary", "List " + e.name}, {"parameters", ListParameters(e)},
                           {"responses", json::object{{"200", Reply("A page of records", list_schema)}}}}},
      {"post", json::object{{"tags", json::array{tag}}, {"summary", "Create"},
                            {"requestBody", json::object{{"content", JsonContent(Ref(e.name))}}},
                            {"responses", json::object{{"201", Reply("Created", Ref(e.name))},
                                                       {"422", Reply("Validation failed", Ref("Error"))}}}}}};
  paths[base + "/{id}"] = json::object{
      {"parameters", json::array{id_param}},
      {"get", json::object{{"tags", json::array{tag}}, {"summary", "Get one"},
                           {"responses", json::object{{"200", Reply("The record", Ref(e.name))},
                                                      {"404", Reply("Absent or not visible", Ref("Error"))}}}}},
      {"patch", json::object{{"tags", json::array{tag}}, {"summary", "Update (send version)"},
                             {"requestBody", json::object{{"content", JsonContent(Ref(e.name))}}},
                             {"responses", json::object{{"200", Reply("Updated", Ref(e.name))},
                                                        {"409", Reply("Version conflict", Ref("Error"))}}}}},
      {"delete", json::object{{"tags", json::array{tag}}, {"summary", "Move to the recycle bin (purge=true: remove)"},
                              {"responses", json::object{{"204", Reply("Deleted")}}}}}};
  paths[base + "/{id}/restore"] = json::object{
      {"parameters", json::array{id_param}},
      {"post", json::object{{"tags", json::array{tag}}, {"summary", "Restore from the recycle bin"},
                            {"responses", json::object{{"200", Reply("Restored", Ref(e.name))}}}}}};
  for (auto& [code, reply] : errors) {
    paths[base].as_object()["get"].as_object()["responses"].as_object()[code] = reply;
  }
  return {};
}

}  // namespace

std::string OpenApiDocument(const meta::Registry& registry, const std::string& version) {
  json::object paths, schemas;
  schemas["Error"] = json::object{
      {"type", "object"},
      {"properties", json::object{{"error", json::object{
           {"type", "object"},
           {"properties", json::object{{"code", json::object{{"type", "string"}}},
                                       {"message", json::object{{"type", "string"}}},
                                       {"fields", json::object{{"type", "object"}}}}}}}}}};
  schemas["Money"] = json::object{
      {"type", json::array{"object", "null"}},
      {"properties", json::object{{"amount", json::object{{"type", "string"}, {"pattern", "^-?\\d+(\\.\\d{1,2})?$"}}},
                                  {"currency", json::object{{"type", "string"}, {"pattern", "^[A-Z]{3}$"}}}}}};
  schemas["Region"] = json::object{
      {"type", json::array{"object", "null"}},
      {"properties", json::object{{"code", json::object{{"type", "string"}, {"pattern", "^(\\d{6}|\\d{9})$"}}},
                                  {"names", json::object{{"type", "array"}, {"readOnly", true},
                                                         {"items", json::object{{"type", "string"}}}}}}}};
  for (const auto& e : registry.entities()) {
    schemas[e.name] = EntitySchema(e);
    EntityPaths(e, paths);
  }
  paths["/api/v1/health"] = json::object{{"get", json::object{{"summary", "Health"}, {"security", json::array{}},
                                                              {"responses", json::object{{"200", Reply("OK")}}}}}};
  paths["/api/v1/search"] = json::object{{"get", json::object{{"summary", "Search across entities"},
                                                              {"responses", json::object{{"200", Reply("Results")}}}}}};
  paths["/api/v1/auth/login"] = json::object{{"post", json::object{{"summary", "Log in"}, {"security", json::array{}},
                                                                   {"responses", json::object{{"200", Reply("Session")}}}}}};
  json::object doc{
      {"openapi", "3.1.0"},
      {"info", json::object{{"title", "Kehu CRM API"}, {"version", version}}},
      {"servers", json::array{json::object{{"url", "/"}}}},
      {"paths", std::move(paths)},
      {"components", json::object{{"schemas", std::move(schemas)},
                                  {"securitySchemes", json::object{
                                       {"cookie", json::object{{"type", "apiKey"}, {"in", "cookie"}, {"name", "kehu_session"}}},
                                       {"bearer", json::object{{"type", "http"}, {"scheme", "bearer"}}}}}}},
      {"security", json::array{json::object{{"cookie", json::array{}}}, json::object{{"bearer", json::array{}}}}}};
  return json::serialize(doc);
}

}  // namespace kehu::api
