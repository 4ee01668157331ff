// Printing and address-book exports of the customer module (API.md "Customer module extras"):
//   GET /api/v1/customers/label-layouts                     the built-in label sheets
//   GET /api/v1/customers/labels?layout=&skip=&<filters>     mailing labels, PDF (print scope)
//   GET /api/v1/customers/address-list?format=pdf|csv&…      地址表 (pdf: print, csv: export)
//   GET /api/v1/customers/phone-list?format=pdf|csv&…        电话表 (same)
//   GET /api/v1/contacts/vcard?version=3.0|4.0&<filters>     vCards (export scope)
//   GET /api/v1/contacts/{id}/vcard                          one visible contact's vCard (read)
// Rows come from the record engine's list with also_require = print/export, so scopes, field
// rules (hidden fields absent, masked ones masked) and filters are the list's; the addressee of a
// customer is its primary contact among the contacts the caller may read. Every file is audited
// (action print or export) with the filter that produced it.
#include <boost/json.hpp>
#include <charconv>
#include <functional>
#include <map>
#include <tuple>

#include "api/csv_export.h"
#include "api/routes.h"
#include "documents/pdf_labels.h"
#include "documents/pdf_table.h"
#include "documents/postal_address.h"
#include "documents/table_csv.h"
#include "documents/vcard.h"
#include "records/audit.h"

namespace kehu::api {
namespace json = boost::json;
using records::Action;

namespace {

constexpr int64_t kMaxLabels = 5000;
constexpr int64_t kMaxPrintRows = 5000;     // a PDF list holds every row's layout in memory
constexpr int64_t kMaxExportRows = 100000;  // CSV and vCard, as the record export
constexpr int kPageSize = 200;

struct Words {
  const char* zh_cn;
  const char* zh_tw;
  const char* en;
};

std::string In(const Caller& c, const Words& w) {
  return c.lang == "en" ? w.en : c.lang == "zh-TW" ? w.zh_tw : w.zh_cn;
}

std::string Str(const json::object& rec, const char* field) {
  const json::value* v = rec.if_contains(field);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// The first of `fields` with a value.
std::string FirstOf(const json::object& a, const char* fa, const json::object& b, const char* fb) {
  std::string v = Str(a, fa);
  return v.empty() ? Str(b, fb) : v;
}

// What a person reads for an enum value, in the caller's language.
std::string OptionLabel(const meta::Entity& e, const char* field, const std::string& value,
                        const std::string& lang) {
  const meta::Field* f = e.FindField(field);
  for (const auto& o : f ? f->options : std::vector<meta::EnumOption>{}) {
    if (o.value != value) continue;
    for (const std::string& key : {lang, std::string("zh-CN")})
      if (auto it = o.labels.find(key); it != o.labels.end() && !it->second.empty())
        return it->second;
  }
  return value;
}

Result<const meta::Entity*> EntityNamed(ApiContext& ctx, std::string_view name) {
  const meta::Entity* e = ctx.registry->Find(name);
  if (!e) return Internal("entity missing from metadata: " + std::string(name));
  return e;
}

Status RequireScope(const Caller& c, const meta::Entity& e, Action action) {
  if (c.actor.ScopeFor(e.name, records::ActionName(action)) == records::Scope::kNone)
    return Forbidden();
  return Ok();
}

// Calls `fn` with each page of the caller's filter, rows limited to the scope of `action` too.
// More than `max` rows is refused (400 `too_many`) before the first page is handed on.
Status ForEachPage(ApiContext& ctx, Caller& c, const meta::Entity& e, records::ListQuery q,
                   Action action, int64_t max, const char* too_many,
                   const std::function<Status(const json::array&)>& fn) {
  q.page_size = kPageSize;
  q.also_require = action;
  q.brief = false;
  for (q.page = 1;; ++q.page) {
    KEHU_ASSIGN(auto page, ctx.records.List(c.actor, e, q));
    if (q.page == 1 && page.total > max)
      return InvalidInput(too_many).Arg("max", std::to_string(max));
    KEHU_TRY(fn(page.items));
    if (static_cast<int>(page.items.size()) < q.page_size) return Ok();
  }
}

// Customer id -> the contact to address: the primary one (isPrimary and not marked invalid),
// else the first valid one by id. Only contacts the caller may read.
Result<std::map<int64_t, json::object>> Addressees(ApiContext& ctx, Caller& c,
                                                   const json::array& customers) {
  std::map<int64_t, json::object> out;
  KEHU_ASSIGN(auto* contacts, EntityNamed(ctx, "contacts"));
  if (customers.empty() || !RequireScope(c, *contacts, Action::kRead).ok()) return out;
  std::string ids;
  for (const auto& cust : customers)
    ids +=
        (ids.empty() ? "" : ",") + std::to_string(cust.as_object().at("id").to_number<int64_t>());
  KEHU_ASSIGN(records::ListQuery q,
              records::ParseListQuery(*contacts, {{"customerId[in]", ids}, {"sort", "id"}}));
  q.page_size = kPageSize;
  std::map<int64_t, json::object> first_valid;
  for (q.page = 1;; ++q.page) {
    auto page = ctx.records.List(c.actor, *contacts, q);
    // No contacts to read, or customerId hidden from the caller (a filter on a hidden field is
    // refused): the labels go to the company alone.
    if (!page.ok() && (page.error().kind == ErrorKind::kForbidden ||
                       page.error().kind == ErrorKind::kInvalidInput))
      return out;
    KEHU_TRY(page);
    for (const auto& item : page->items) {
      const json::object& contact = item.as_object();
      const json::value* customer = contact.if_contains("customerId");
      if (!customer || !customer->is_number()) continue;
      int64_t id = customer->to_number<int64_t>();
      const json::value* valid = contact.if_contains("valid");
      if (valid && valid->is_bool() && !valid->as_bool()) continue;
      const json::value* primary = contact.if_contains("isPrimary");
      if (primary && primary->is_bool() && primary->as_bool()) out.try_emplace(id, contact);
      first_valid.try_emplace(id, contact);
    }
    if (static_cast<int>(page->items.size()) < q.page_size) break;
  }
  for (auto& [id, contact] : first_valid) out.try_emplace(id, std::move(contact));
  return out;
}

std::string PostalAddress(const json::object& customer) {
  std::vector<std::string> names;
  if (const json::value* region = customer.if_contains("region"); region && region->is_object())
    if (const json::value* list = region->as_object().if_contains("names");
        list && list->is_array())
      for (const auto& n : list->as_array())
        if (n.is_string()) names.emplace_back(n.as_string());
  return documents::FullPostalAddress(names, Str(customer, "address"));
}

// The query as given, for the audit row (what was printed can be reproduced).
json::object FilterOf(const http::Request& req) {
  json::object filter;
  for (const auto& [key, value] : req.query) filter[key] = value;
  return filter;
}

Status Audit(ApiContext& ctx, const Caller& c, const meta::Entity& e, int64_t record_id,
             Action action, json::object detail, const http::Request& req) {
  detail["filter"] = FilterOf(req);
  return ctx.db.Write([&](db::Session& s) {
    return records::AppendAudit(
        s, c.actor,
        {e.name, record_id, std::string(records::ActionName(action)), std::move(detail)});
  });
}

http::Response File(std::string body, const char* type, bool inline_view,
                    const std::string& ascii_name, const std::string& utf8_name) {
  http::Response r = http::Response::Text(200, std::move(body), type);
  std::string disposition = AttachmentDisposition(ascii_name, utf8_name);
  // Same parameters; a PDF to print opens in the browser instead of downloading.
  if (inline_view)
    disposition = "inline" + disposition.substr(std::string_view("attachment").size());
  r.headers["Content-Disposition"] = std::move(disposition);
  return r;
}

// --- labels ----------------------------------------------------------------------------------

// 0 ≤ skip < positions per sheet: more would only print empty sheets.
Result<int> ParseSkip(std::string_view raw, const documents::LabelLayout& layout) {
  int skip = 0;
  auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), skip);
  if (!raw.empty() &&
      (ec != std::errc() || end != raw.data() + raw.size() || skip < 0 || skip >= layout.PerPage()))
    return InvalidInput("bad_parameter").Arg("parameter", "skip");
  return skip;
}

Result<http::Response> Labels(ApiContext& ctx, Caller& c, const http::Request& req) {
  KEHU_ASSIGN(auto* customers, EntityNamed(ctx, "customers"));
  KEHU_TRY(RequireScope(c, *customers, Action::kPrint));
  std::string_view format = req.QueryValue("format");
  if (!format.empty() && format != "pdf")
    return InvalidInput("bad_parameter").Arg("parameter", "format");
  std::string layout_name(req.HasQuery("layout") ? req.QueryValue("layout") : "a4-3x8");
  const documents::LabelLayout* layout = documents::FindLabelLayout(layout_name);
  if (!layout) return InvalidInput("unknown_label_layout").Arg("layout", layout_name);
  KEHU_ASSIGN(int skip, ParseSkip(req.QueryValue("skip"), *layout));
  KEHU_ASSIGN(records::ListQuery q,
              records::ParseListQuery(*customers, req.query, {"format", "layout", "skip"}));

  std::vector<documents::MailingLabel> labels;
  KEHU_TRY(ForEachPage(ctx, c, *customers, q, Action::kPrint, kMaxLabels, "too_many_labels",
                       [&](const json::array& page) -> Status {
                         KEHU_ASSIGN(auto addressees, Addressees(ctx, c, page));
                         for (const auto& item : page) {
                           const json::object& cust = item.as_object();
                           documents::MailingLabel label{Str(cust, "postalCode"),
                                                         PostalAddress(cust), Str(cust, "name")};
                           if (auto it = addressees.find(cust.at("id").to_number<int64_t>());
                               it != addressees.end()) {
                             label.contact_department = Str(it->second, "department");
                             label.contact_name = Str(it->second, "name");
                           }
                           labels.push_back(std::move(label));
                         }
                         return Ok();
                       }));
  std::string title = In(c, {"邮寄标签", "郵寄標籤", "Mailing labels"});
  KEHU_ASSIGN(std::string pdf, documents::RenderLabelsPdf(*layout, skip, labels, title));
  KEHU_TRY(Audit(ctx, c, *customers, 0, Action::kPrint,
                 {{"document", "labels"},
                  {"format", "pdf"},
                  {"layout", layout->name},
                  {"skip", skip},
                  {"rows", labels.size()}},
                 req));
  return File(std::move(pdf), "application/pdf", true, "labels.pdf", "邮寄标签.pdf");
}

json::value LayoutsJson() {
  json::array items;
  for (const auto& l : documents::BuiltinLabelLayouts())
    items.push_back(json::object{{"name", l.name},
                                 {"cols", l.cols},
                                 {"rows", l.rows},
                                 {"labelWidthMm", l.label_width_mm},
                                 {"labelHeightMm", l.label_height_mm},
                                 {"marginTopMm", l.margin_top_mm},
                                 {"marginLeftMm", l.margin_left_mm},
                                 {"pitchXMm", l.pitch_x_mm},
                                 {"pitchYMm", l.pitch_y_mm}});
  return json::object{{"items", std::move(items)}};
}

// --- address and phone lists -------------------------------------------------------------------

struct ListKind {
  const char* document;  // "address-list" | "phone-list"
  Words title;
  std::vector<Words> headers;
  std::vector<double> weights;
  // One row from a customer and its addressee (empty when none).
  std::function<std::vector<std::string>(const json::object&, const json::object&)> row;
};

const ListKind kAddressList{"address-list",
                            {"客户地址表", "客戶地址表", "Customer addresses"},
                            {{"客户名称", "客戶名稱", "Customer"},
                             {"邮政编码", "郵遞區號", "Postal code"},
                             {"地址", "地址", "Address"},
                             {"联系人", "聯絡人", "Contact"}},
                            {3, 1.3, 5, 1.5},
                            [](const json::object& cust, const json::object& contact) {
                              return std::vector<std::string>{
                                  Str(cust, "name"), Str(cust, "postalCode"), PostalAddress(cust),
                                  Str(contact, "name")};
                            }};

// The addressee's numbers, falling back to the company's switchboard, fax and mailbox.
const ListKind kPhoneList{"phone-list",
                          {"客户电话表", "客戶電話表", "Customer phone list"},
                          {{"客户名称", "客戶名稱", "Customer"},
                           {"联系人", "聯絡人", "Contact"},
                           {"电话", "電話", "Phone"},
                           {"手机", "手機", "Mobile"},
                           {"传真", "傳真", "Fax"},
                           {"电子邮件", "電子郵件", "Email"}},
                          {3.2, 1.2, 2.2, 2.2, 2.2, 2.6},  // room for "+8613812345678" on one line
                          [](const json::object& cust, const json::object& contact) {
                            return std::vector<std::string>{
                                Str(cust, "name"),
                                Str(contact, "name"),
                                FirstOf(contact, "officePhone", cust, "phone"),
                                Str(contact, "mobile"),
                                FirstOf(contact, "fax", cust, "fax"),
                                FirstOf(contact, "email", cust, "email")};
                          }};

Result<http::Response> CustomerList(ApiContext& ctx, Caller& c, const http::Request& req,
                                    const ListKind& kind) {
  KEHU_ASSIGN(auto* customers, EntityNamed(ctx, "customers"));
  std::string format(req.QueryValue("format"));
  if (format.empty()) format = "pdf";
  if (format != "pdf" && format != "csv")
    return InvalidInput("bad_parameter").Arg("parameter", "format");
  Action action = format == "pdf" ? Action::kPrint : Action::kExport;
  KEHU_TRY(RequireScope(c, *customers, action));
  KEHU_ASSIGN(records::ListQuery q, records::ParseListQuery(*customers, req.query, {"format"}));

  documents::PrintTable table;
  table.title = In(c, kind.title);
  for (const auto& h : kind.headers) table.headers.push_back(In(c, h));
  table.column_weights = kind.weights;
  table.page_label = In(c, {"第 {page} 页 / 共 {pages} 页", "第 {page} 頁 / 共 {pages} 頁",
                            "Page {page} of {pages}"});
  int64_t max = format == "pdf" ? kMaxPrintRows : kMaxExportRows;
  KEHU_TRY(ForEachPage(
      ctx, c, *customers, q, action, max, "too_many_rows", [&](const json::array& page) -> Status {
        KEHU_ASSIGN(auto addressees, Addressees(ctx, c, page));
        const json::object none;
        for (const auto& item : page) {
          auto it = addressees.find(item.as_object().at("id").to_number<int64_t>());
          table.rows.push_back(
              kind.row(item.as_object(), it == addressees.end() ? none : it->second));
        }
        return Ok();
      }));
  std::string body;
  if (format == "pdf") {
    KEHU_ASSIGN(body, documents::RenderTablePdf(table));
  } else {
    body = documents::TableToCsv(table.headers, table.rows);
  }
  KEHU_TRY(Audit(ctx, c, *customers, 0, action,
                 {{"document", kind.document}, {"format", format}, {"rows", table.rows.size()}},
                 req));
  bool pdf = format == "pdf";
  return File(std::move(body), pdf ? "application/pdf" : "text/csv; charset=utf-8", pdf,
              std::string(kind.document) + "." + format, table.title + "." + format);
}

// --- vCards ------------------------------------------------------------------------------------

Result<documents::VCardVersion> ParseVersion(std::string_view raw) {
  if (raw.empty() || raw == "3.0") return documents::VCardVersion::k30;
  if (raw == "4.0") return documents::VCardVersion::k40;
  return InvalidInput("bad_parameter").Arg("parameter", "version");
}

std::string CardOf(const meta::Entity& contacts, const json::object& rec, const Caller& c,
                   documents::VCardVersion version) {
  documents::VCardContact card;
  card.full_name = Str(rec, "name");
  std::tie(card.family_name, card.given_name) = documents::SplitPersonName(card.full_name);
  if (const json::value* d = rec.if_contains("_display"); d && d->is_object())
    card.organization = Str(d->as_object(), "customerId");
  card.department = Str(rec, "department");
  if (std::string position = Str(rec, "position"); !position.empty())
    card.title = OptionLabel(contacts, "position", position, c.lang);
  card.work_phone = Str(rec, "officePhone");
  card.mobile = Str(rec, "mobile");
  card.fax = Str(rec, "fax");
  card.email = Str(rec, "email");
  card.street = Str(rec, "address");
  card.postal_code = Str(rec, "postalCode");
  card.birthday = Str(rec, "birthday");
  card.note = Str(rec, "bio");
  return documents::WriteVCard(card, version);
}

constexpr const char* kVCardType = "text/vcard; charset=utf-8";

Result<http::Response> VCards(ApiContext& ctx, Caller& c, const http::Request& req) {
  KEHU_ASSIGN(auto* contacts, EntityNamed(ctx, "contacts"));
  KEHU_TRY(RequireScope(c, *contacts, Action::kExport));
  KEHU_ASSIGN(auto version, ParseVersion(req.QueryValue("version")));
  KEHU_ASSIGN(records::ListQuery q, records::ParseListQuery(*contacts, req.query, {"version"}));
  std::string body;
  int64_t rows = 0;
  KEHU_TRY(ForEachPage(ctx, c, *contacts, q, Action::kExport, kMaxExportRows, "too_many_rows",
                       [&](const json::array& page) -> Status {
                         for (const auto& item : page)
                           body += CardOf(*contacts, item.as_object(), c, version);
                         rows += static_cast<int64_t>(page.size());
                         return Ok();
                       }));
  KEHU_TRY(Audit(ctx, c, *contacts, 0, Action::kExport,
                 {{"document", "vcard"}, {"format", "vcard"}, {"rows", rows}}, req));
  return File(std::move(body), kVCardType, false, "contacts.vcf", "联系人.vcf");
}

Result<http::Response> OneVCard(ApiContext& ctx, Caller& c, const http::Request& req) {
  KEHU_ASSIGN(auto* contacts, EntityNamed(ctx, "contacts"));
  KEHU_ASSIGN(int64_t id, ParseId(req.path_params.at("id")));
  KEHU_ASSIGN(auto version, ParseVersion(req.QueryValue("version")));
  KEHU_ASSIGN(json::object rec, ctx.records.Get(c.actor, *contacts, id));
  std::string body = CardOf(*contacts, rec, c, version);
  KEHU_TRY(Audit(ctx, c, *contacts, id, Action::kExport,
                 {{"document", "vcard"}, {"format", "vcard"}, {"rows", 1}}, req));
  std::string name = Str(rec, "name");
  std::string ascii = "contact-" + std::to_string(id) + ".vcf";
  return File(std::move(body), kVCardType, false, ascii, name.empty() ? ascii : name + ".vcf");
}

}  // namespace

void RegisterPrintRoutes(http::Router& router, ApiContext& ctx) {
  // Literal segments here beat the generic /api/v1/{entity}/{id}[/{related}] routes (router.h).
  router.Add("GET", "/api/v1/customers/label-layouts",
             Authed(ctx, [](Caller&, http::Request&) -> Result<http::Response> {
               return JsonResponse(200, LayoutsJson());
             }));
  // Whole lists as PDF or vCard take seconds: the long lane (http/message.h), not the reads'.
  router.Add("GET", "/api/v1/customers/labels",
             Authed(ctx, [&ctx](Caller& c, http::Request& req) { return Labels(ctx, c, req); }),
             http::Lane::kLong);
  router.Add("GET", "/api/v1/customers/address-list",
             Authed(ctx, [&ctx](Caller& c, http::Request& req) {
               return CustomerList(ctx, c, req, kAddressList);
             }),
             http::Lane::kLong);
  router.Add("GET", "/api/v1/customers/phone-list",
             Authed(ctx, [&ctx](Caller& c, http::Request& req) {
               return CustomerList(ctx, c, req, kPhoneList);
             }),
             http::Lane::kLong);
  router.Add("GET", "/api/v1/contacts/vcard",
             Authed(ctx, [&ctx](Caller& c, http::Request& req) { return VCards(ctx, c, req); }),
             http::Lane::kLong);
  router.Add("GET", "/api/v1/contacts/{id}/vcard",
             Authed(ctx, [&ctx](Caller& c, http::Request& req) { return OneVCard(ctx, c, req); }));
}

}  // namespace kehu::api
