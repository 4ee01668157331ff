#include "api/csv_export.h"

#include <boost/json.hpp>

#include "records/audit.h"

namespace kehu::api {
namespace json = boost::json;

namespace {

constexpr int kMaxRows = 100000;

void AppendCell(std::string& out, std::string_view v) {
  // Quote always; a leading = + - @ is neutralized so spreadsheets do not run it as a formula.
  out += '"';
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) out += '\'';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string CellText(const meta::Field& f, const json::object& rec) {
  const json::value* v = rec.if_contains(f.name);
  if (!v || v->is_null()) return {};
  if (auto* d = rec.if_contains("_display"); d && d->as_object().contains(f.name))
    return std::string(d->as_object().at(f.name).as_string());
  if (v->is_string()) {
    std::string s(v->as_string());
    for (const auto& o : f.options)
      if (o.value == s) return o.labels.count("zh-CN") ? o.labels.at("zh-CN") : s;
    return s;
  }
  if (v->is_object() && v->as_object().contains("amount"))
    return std::string(v->as_object().at("amount").as_string());
  return json::serialize(*v);
}

}  // namespace

Result<http::Response> ExportCsv(ApiContext& ctx, Caller& caller, const meta::Entity& e,
                                 const http::Request& req) {
  if (caller.actor.ScopeFor(e.name, "export") == records::Scope::kNone) return Forbidden();
  std::string_view format = req.QueryValue("format");
  if (!format.empty() && format != "csv") return InvalidInput("bad_parameter").Arg("parameter", "format");
  KEHU_ASSIGN(records::ListQuery q, records::ParseListQuery(e, req.query, {"format"}));
  q.page_size = 200;
  q.also_require = records::Action::kExport;
  std::string out = "\xEF\xBB\xBF";  // BOM
  std::vector<const meta::Field*> cols;
  for (const auto& f : e.fields)
    if (f.name != "version") cols.push_back(&f);
  for (size_t i = 0; i < cols.size(); ++i) {
    if (i) out += ',';
    auto it = cols[i]->labels.find(caller.lang);
    AppendCell(out, it != cols[i]->labels.end() ? it->second : cols[i]->name);
  }
  out += "\r\n";
  int64_t rows = 0;
  for (q.page = 1; rows < kMaxRows; ++q.page) {
    KEHU_ASSIGN(auto page, ctx.records.List(caller.actor, e, q));
    for (const auto& item : page.items) {
      for (size_t i = 0; i < cols.size(); ++i) {
        if (i) out += ',';
        AppendCell(out, CellText(*cols[i], item.as_object()));
      }
      out += "\r\n";
      ++rows;
    }
    if (static_cast<int>(page.items.size()) < q.page_size) break;
  }
  KEHU_TRY(ctx.db.Write([&](db::Session& s) {
    return records::AppendAudit(s, caller.actor, {e.name, 0, "export", json::object{{"rows", rows}}});
  }));
  http::Response r = http::Response::Text(200, std::move(out), "text/csv; charset=utf-8");
  r.headers["Content-Disposition"] = "attachment; filename=\"" + e.name + ".csv\"";
  return r;
}

}  // namespace kehu::api
