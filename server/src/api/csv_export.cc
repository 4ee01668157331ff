#include "api/csv_export.h"

#include <boost/json.hpp>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>

#include "documents/table_csv.h"
#include "documents/xlsx_writer.h"
#include "records/audit.h"

namespace kehu::api {
namespace json = boost::json;

namespace {

constexpr int64_t kMaxRows = 100000;
constexpr double kMaxExactNumber = 1e15;  // Excel keeps 15 significant digits

struct Column {
  const meta::Field* field;
  std::string header;
};

const std::string& Label(const meta::Labels& labels, const std::string& lang,
                         const std::string& fallback) {
  for (const std::string& key : {lang, std::string("zh-CN")}) {
    auto it = labels.find(key);
    if (it != labels.end() && !it->second.empty()) return it->second;
  }
  return fallback;
}

// Every field but `version`; a field hidden from the caller is not even named in the header.
std::vector<Column> ExportColumns(const Caller& caller, const meta::Entity& e) {
  std::vector<Column> cols;
  for (const auto& f : e.fields) {
    if (f.name == "version") continue;
    if (caller.actor.FieldRuleFor(e.name, f.name) == records::FieldRule::kHidden) continue;
    cols.push_back({&f, Label(f.labels, caller.lang, f.name)});
  }
  return cols;
}

// What a person reads in the cell: display names of relations, enum labels, money amounts.
std::string CellText(const meta::Field& f, const json::object& rec, const std::string& lang) {
  const json::value* v = rec.if_contains(f.name);
  if (!v || v->is_null()) return {};
  if (auto* d = rec.if_contains("_display"); d && d->as_object().contains(f.name))
    return std::string(d->as_object().at(f.name).as_string());
  if (v->is_string()) {
    std::string s(v->as_string());
    if (const auto* o = meta::FindOption(*f.Options(), s)) return Label(o->labels, lang, o->value);
    return s;
  }
  if (v->is_object() && v->as_object().contains("amount"))
    return std::string(v->as_object().at("amount").as_string());
  return json::serialize(*v);
}

// The typed XLSX cell for a field; anything that is not clearly a number or date stays text.
documents::XlsxCell TypedCell(const meta::Field& f, const json::value* v, const std::string& text) {
  using documents::XlsxCell;
  if (text.empty()) return XlsxCell::Empty();
  switch (f.type) {
    case meta::FieldType::kInteger:
    case meta::FieldType::kDecimal:
      if (v && v->is_number() && std::fabs(v->to_number<double>()) < kMaxExactNumber)
        return XlsxCell::Number(v->to_number<double>());
      break;
    case meta::FieldType::kMoney: {
      char* end = nullptr;
      double amount = std::strtod(text.c_str(), &end);
      if (*end == '\0' && std::fabs(amount) < kMaxExactNumber / 100)
        return XlsxCell::Number(amount);
      break;
    }
    case meta::FieldType::kDate: {
      int y, m, d;
      if (text.size() == 10 && std::sscanf(text.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3)
        return XlsxCell::Date(y, m, d);
      break;
    }
    case meta::FieldType::kDateTime: {  // UTC, as the API and the CSV give it
      documents::XlsxDateTime t;
      if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%lf", &t.year, &t.month, &t.day, &t.hour,
                      &t.minute, &t.second) == 6)
        return XlsxCell::DateTime(t);
      break;
    }
    default:
      break;
  }
  return XlsxCell::Text(text);
}

class ExportSink {
 public:
  virtual ~ExportSink() = default;
  virtual Status Row(const std::vector<Column>& cols, const json::object& rec) = 0;
  virtual Result<std::string> Finish() = 0;
};

class CsvSink : public ExportSink {
 public:
  CsvSink(const std::vector<Column>& cols, std::string lang) : lang_(std::move(lang)) {
    for (size_t i = 0; i < cols.size(); ++i) AppendCell(i, cols[i].header);
    out_ += "\r\n";
  }
  Status Row(const std::vector<Column>& cols, const json::object& rec) override {
    for (size_t i = 0; i < cols.size(); ++i) AppendCell(i, CellText(*cols[i].field, rec, lang_));
    out_ += "\r\n";
    return Ok();
  }
  Result<std::string> Finish() override { return std::move(out_); }

 private:
  void AppendCell(size_t index, std::string_view v) { documents::AppendCsvCell(out_, v, index == 0); }

  std::string lang_;
  std::string out_ = "\xEF\xBB\xBF";  // BOM
};

class XlsxSink : public ExportSink {
 public:
  static Result<std::unique_ptr<ExportSink>> Create(const std::string& sheet,
                                                    const std::vector<Column>& cols,
                                                    std::string lang) {
    std::vector<std::string> headers;
    for (const auto& c : cols) headers.push_back(c.header);
    KEHU_ASSIGN(auto writer, documents::XlsxWriter::Create(sheet, headers));
    return std::unique_ptr<ExportSink>(new XlsxSink(std::move(writer), std::move(lang)));
  }
  Status Row(const std::vector<Column>& cols, const json::object& rec) override {
    cells_.clear();
    for (const auto& c : cols)
      cells_.push_back(
          TypedCell(*c.field, rec.if_contains(c.field->name), CellText(*c.field, rec, lang_)));
    return writer_->AddRow(cells_);
  }
  Result<std::string> Finish() override { return writer_->Finish(); }

 private:
  XlsxSink(std::unique_ptr<documents::XlsxWriter> w, std::string lang)
      : writer_(std::move(w)), lang_(std::move(lang)) {}

  std::unique_ptr<documents::XlsxWriter> writer_;
  std::string lang_;
  std::vector<documents::XlsxCell> cells_;
};

// The rows of the caller's filter that are in their export scope, page by page, at most kMaxRows.
Result<int64_t> ForEachExportRow(ApiContext& ctx, Caller& caller, const meta::Entity& e,
                                 records::ListQuery q,
                                 const std::function<Status(const json::object&)>& fn) {
  q.page_size = 200;
  q.also_require = records::Action::kExport;
  int64_t rows = 0;
  for (q.page = 1; rows < kMaxRows; ++q.page) {
    KEHU_ASSIGN(auto page, ctx.records.List(caller.actor, e, q));
    for (const auto& item : page.items) {
      if (rows == kMaxRows) break;
      KEHU_TRY(fn(item.as_object()));
      ++rows;
    }
    if (static_cast<int>(page.items.size()) < q.page_size) break;
  }
  return rows;
}

bool IsAttrChar(unsigned char c) {  // RFC 5987 attr-char
  return std::isalnum(c) ||
         std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

}  // namespace

std::string AttachmentDisposition(const std::string& ascii_name, const std::string& utf8_name) {
  std::string encoded;
  for (unsigned char c : utf8_name) {
    if (c < 0x80 && IsAttrChar(c)) {
      encoded += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      encoded += hex;
    }
  }
  return "attachment; filename=\"" + ascii_name + "\"; filename*=UTF-8''" + encoded;
}

Result<http::Response> ExportRecords(ApiContext& ctx, Caller& caller, const meta::Entity& e,
                                     const http::Request& req) {
  if (caller.actor.ScopeFor(e.name, "export") == records::Scope::kNone) return Forbidden();
  std::string format(req.QueryValue("format"));
  if (format.empty()) format = "csv";
  if (format != "csv" && format != "xlsx")
    return InvalidInput("bad_parameter").Arg("parameter", "format");
  KEHU_ASSIGN(records::ListQuery q, records::ParseListQuery(e, req.query, {"format"}));

  std::vector<Column> cols = ExportColumns(caller, e);
  const std::string& title = Label(e.labels, caller.lang, e.name);
  std::unique_ptr<ExportSink> sink;
  if (format == "xlsx") {
    KEHU_ASSIGN(sink, XlsxSink::Create(title, cols, caller.lang));
  } else {
    sink = std::make_unique<CsvSink>(cols, caller.lang);
  }
  KEHU_ASSIGN(int64_t rows, ForEachExportRow(ctx, caller, e, q, [&](const json::object& rec) {
                return sink->Row(cols, rec);
              }));
  KEHU_ASSIGN(std::string body, sink->Finish());

  KEHU_TRY(ctx.db.Write([&](db::Session& s) {
    json::object detail{{"rows", rows}, {"format", format}};
    return records::AppendAudit(s, caller.actor, {e.name, 0, "export", std::move(detail)});
  }));
  const char* type = format == "xlsx"
                         ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                         : "text/csv; charset=utf-8";
  http::Response r = http::Response::Text(200, std::move(body), type);
  r.headers["Content-Disposition"] =
      AttachmentDisposition(e.name + "." + format, title + "." + format);
  return r;
}

}  // namespace kehu::api
