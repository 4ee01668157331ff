#include "mail/queue_store.h"

#include <boost/json.hpp>

#include "mail/mime.h"
#include "mail/templates.h"

namespace kehu::mail {
namespace json = boost::json;
using db::Value;

namespace {

constexpr size_t kMaxErrorBytes = 1000;
constexpr const char* kMailColumns = "id, to_address, subject, body, attempts";

QueuedMail FromRow(const std::vector<Value>& r) {
  return QueuedMail{db::AsInt(r[0]), db::AsText(r[1]), db::AsText(r[2]), db::AsText(r[3]),
                    static_cast<int>(db::AsInt(r[4]))};
}

// Cuts at a UTF-8 boundary so the stored text stays valid.
std::string Truncate(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end) + "…";
}

json::value TextOrNull(const Value& v) {
  return db::IsNull(v) ? json::value(nullptr) : json::value(db::AsText(v));
}

}  // namespace

Result<int64_t> InsertMail(db::Session& s, const OutgoingMail& m, std::string_view status,
                           TimePoint now, TimePoint next_attempt) {
  std::string address = m.to_address, locale = m.locale;
  if (m.to_user_id != 0) {
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT email, locale, active FROM users WHERE id = ?",
                                       {Value(m.to_user_id)}));
    if (rows.empty() || db::AsInt(rows.rows[0][2]) == 0) return int64_t{0};
    address = db::AsText(rows.rows[0][0]);
    if (locale.empty()) locale = db::AsText(rows.rows[0][1]);
  }
  if (address.empty()) return int64_t{0};
  if (!IsValidAddress(address)) return ValidationFailed().Field("to", "invalid_email");
  locale = NormalizeLocale(locale);
  KEHU_ASSIGN(TemplateText tmpl, LoadTemplate(s, m.template_name, locale));
  KEHU_ASSIGN(TemplateText text, Render(tmpl, m.params));
  KEHU_ASSIGN(
      db::Rows inserted,
      s.Query("INSERT INTO mail_queue (to_address, to_user_id, template, locale, subject, body, "
              "status, "
              "attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) "
              "RETURNING id",
              {Value(address), m.to_user_id ? Value(m.to_user_id) : Value(), Value(m.template_name),
               Value(locale), Value(text.subject), Value(text.body), Value(std::string(status)),
               Value(FormatIso(next_attempt)), Value(FormatIso(now))}));
  return db::AsInt(inserted.rows.at(0).at(0));
}

Result<std::vector<QueuedMail>> ClaimDue(db::Database& db, TimePoint now, int limit,
                                         std::chrono::seconds lease) {
  std::vector<QueuedMail> claimed;
  std::string now_iso = FormatIso(now), lease_iso = FormatIso(now + lease);
  KEHU_TRY(db.Write([&](db::Session& s) -> Status {
    claimed.clear();
    KEHU_ASSIGN(
        db::Rows due,
        s.Query(std::string("SELECT ") + kMailColumns +
                    ", status, next_attempt_at FROM mail_queue "
                    "WHERE status IN ('queued', 'retrying', 'sending') AND next_attempt_at <= ? "
                    "ORDER BY next_attempt_at, id LIMIT ?",
                {Value(now_iso), Value(int64_t{limit})}));
    for (const auto& r : due.rows) {
      KEHU_ASSIGN(int64_t changed,
                  s.Execute("UPDATE mail_queue SET status = 'sending', next_attempt_at = ? "
                            "WHERE id = ? AND status = ? AND next_attempt_at = ?",
                            {Value(lease_iso), r[0], r[5], r[6]}));
      if (changed == 1) claimed.push_back(FromRow(r));
    }
    return Ok();
  }));
  return claimed;
}

Result<QueuedMail> LoadMail(db::Database& db, int64_t id) {
  std::optional<QueuedMail> mail;
  KEHU_TRY(db.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows rows,
                s.Query(std::string("SELECT ") + kMailColumns + " FROM mail_queue WHERE id = ?",
                        {Value(id)}));
    if (!rows.empty()) mail = FromRow(rows.rows[0]);
    return Ok();
  }));
  if (!mail) return NotFound();
  return *mail;
}

Status ReleaseClaims(db::Database& db, const std::vector<QueuedMail>& mails, TimePoint now) {
  if (mails.empty()) return Ok();
  return db.Write([&](db::Session& s) -> Status {
    for (const auto& m : mails) {
      KEHU_TRY(
          s.Execute("UPDATE mail_queue SET status = ?, next_attempt_at = ? WHERE id = ? AND status "
                    "= 'sending'",
                    {Value(std::string(m.attempts == 0 ? "queued" : "retrying")),
                     Value(FormatIso(now)), Value(m.id)}));
    }
    return Ok();
  });
}

Status MarkSent(db::Database& db, int64_t id, int attempts, TimePoint now) {
  return db.Write([&](db::Session& s) -> Status {
    KEHU_TRY(
        s.Execute("UPDATE mail_queue SET status = 'sent', attempts = ?, sent_at = ?, last_error = "
                  "NULL WHERE id = ?",
                  {Value(int64_t{attempts}), Value(FormatIso(now)), Value(id)}));
    return Ok();
  });
}

Status MarkAttemptFailed(db::Database& db, int64_t id, int attempts, const std::string& error,
                         std::optional<TimePoint> retry_at) {
  return db.Write([&](db::Session& s) -> Status {
    if (retry_at) {
      KEHU_TRY(
          s.Execute("UPDATE mail_queue SET status = 'retrying', attempts = ?, last_error = ?, "
                    "next_attempt_at = ? "
                    "WHERE id = ?",
                    {Value(int64_t{attempts}), Value(Truncate(error, kMaxErrorBytes)),
                     Value(FormatIso(*retry_at)), Value(id)}));
    } else {
      KEHU_TRY(s.Execute(
          "UPDATE mail_queue SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?",
          {Value(int64_t{attempts}), Value(Truncate(error, kMaxErrorBytes)), Value(id)}));
    }
    return Ok();
  });
}

Result<json::object> ListMailLog(db::Database& db, const std::string& status, int page,
                                 int page_size) {
  json::object out;
  KEHU_TRY(db.Read([&](db::Session& s) -> Status {
    std::string where = status.empty() ? "" : " WHERE status = ?";
    std::vector<Value> params;
    if (!status.empty()) params.emplace_back(status);
    KEHU_ASSIGN(db::Rows count, s.Query("SELECT COUNT(*) FROM mail_queue" + where, params));
    params.emplace_back(int64_t{page_size});
    params.emplace_back(int64_t{page - 1} * page_size);
    KEHU_ASSIGN(
        db::Rows rows,
        s.Query(
            "SELECT id, to_address, subject, status, attempts, last_error, created_at, sent_at, "
            "template, locale FROM mail_queue" +
                where + " ORDER BY id DESC LIMIT ? OFFSET ?",
            params));
    json::array items;
    for (const auto& r : rows.rows) {
      items.push_back(json::object{{"id", db::AsInt(r[0])},
                                   {"to", db::AsText(r[1])},
                                   {"subject", db::AsText(r[2])},
                                   {"status", db::AsText(r[3])},
                                   {"attempts", db::AsInt(r[4])},
                                   {"lastError", TextOrNull(r[5])},
                                   {"createdAt", db::AsText(r[6])},
                                   {"sentAt", TextOrNull(r[7])},
                                   {"template", db::AsText(r[8])},
                                   {"locale", db::AsText(r[9])}});
    }
    out = {{"items", std::move(items)},
           {"total", db::AsInt(count.rows.at(0).at(0))},
           {"page", page},
           {"pageSize", page_size}};
    return Ok();
  }));
  return out;
}

}  // namespace kehu::mail
