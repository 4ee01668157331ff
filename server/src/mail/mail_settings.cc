#include "mail/mail_settings.h"

#include <boost/json.hpp>

#include "core/text/utf8.h"
#include "core/time.h"
#include "mail/mime.h"
#include "mail/templates.h"
#include "records/audit.h"

namespace kehu::mail {
namespace json = boost::json;
using db::Value;

namespace {

constexpr const char* kFields[] = {"host", "port", "tls", "username", "password", "from"};

int DefaultPort(const std::string& tls) {
  return tls == "tls" ? 465 : tls == "starttls" ? 587 : 25;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool HasControl(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  return false;
}

// Host names and IP literals: letters, digits, '.', '-', ':' (IPv6), no spaces.
bool IsValidHost(std::string_view h) {
  if (h.empty() || h.size() > 253) return false;
  for (char c : h)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != ':' &&
        c != '_')
      return false;
  return h.front() != '-' && h.front() != '.';
}

Error BadUrl() { return InvalidInput("invalid_smtp_url"); }

// Field error for one PATCH value (a string or int already type-checked), or "".
std::string CheckValue(const std::string& key, const json::value& v) {
  if (key == "port") {
    int64_t p = v.as_int64();
    return p < 1 || p > 65535 ? "invalid_port" : "";
  }
  std::string_view s = v.get_string();
  if (!text::IsValidUtf8(s)) return "invalid_utf8";
  if (key == "host") return s.empty() ? "required" : IsValidHost(s) ? "" : "invalid_host";
  if (key == "tls") return s == "none" || s == "starttls" || s == "tls" ? "" : "invalid_option";
  if (key == "username" || key == "password")
    return s.size() > 512 ? "too_long" : HasControl(s) ? "invalid_value" : "";
  if (key == "from") {
    std::string name, address;
    if (s.empty()) return "required";
    if (s.size() > 320 || HasControl(s) || !SplitMailbox(s, name, address) ||
        !IsValidAddress(address))
      return "invalid_email";
  }
  return "";
}

Value Column(const json::value& v) {
  if (v.is_null()) return Value();
  if (v.is_int64()) return Value(v.get_int64());
  return Value(std::string(v.get_string()));
}

std::string ColumnName(const std::string& key) { return key == "from" ? "from_address" : key; }

}  // namespace

Result<SmtpSettings> ParseSmtpUrl(std::string_view url) {
  SmtpSettings s;
  s.host.clear();
  if (url.empty()) return s;
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return BadUrl();
  std::string_view scheme = url.substr(0, scheme_end);
  if (scheme == "smtp")
    s.tls = "none";
  else if (scheme == "smtp+starttls")
    s.tls = "starttls";
  else if (scheme == "smtps")
    s.tls = "tls";
  else
    return BadUrl();
  std::string_view rest = url.substr(scheme_end + 3);
  if (auto slash = rest.find('/'); slash != std::string_view::npos) rest = rest.substr(0, slash);
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    auto colon = userinfo.find(':');
    s.username = PercentDecode(userinfo.substr(0, colon));
    if (colon != std::string_view::npos) s.password = PercentDecode(userinfo.substr(colon + 1));
    rest = rest.substr(at + 1);
  }
  std::string_view host = rest, port;
  if (!rest.empty() && rest.front() == '[') {
    auto close = rest.find(']');
    if (close == std::string_view::npos) return BadUrl();
    host = rest.substr(1, close - 1);
    if (close + 1 < rest.size()) {
      if (rest[close + 1] != ':') return BadUrl();
      port = rest.substr(close + 2);
    }
  } else if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (!IsValidHost(host)) return BadUrl();
  s.host = std::string(host);
  s.port = DefaultPort(s.tls);
  if (!port.empty()) {
    if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos)
      return BadUrl();
    s.port = std::stoi(std::string(port));
    if (s.port < 1 || s.port > 65535) return BadUrl();
  }
  return s;
}

Result<SmtpSettings> LoadSettings(db::Session& s, const SmtpSettings& defaults) {
  SmtpSettings out = defaults;
  KEHU_ASSIGN(db::Rows rows,
              s.Query("SELECT host, port, tls, username, password, from_address FROM mail_settings "
                      "WHERE id = 1"));
  if (rows.empty()) return out;
  const auto& r = rows.rows[0];
  if (!db::IsNull(r[0])) out.host = db::AsText(r[0]);
  if (!db::IsNull(r[1])) out.port = static_cast<int>(db::AsInt(r[1]));
  if (!db::IsNull(r[2])) out.tls = db::AsText(r[2]);
  if (!db::IsNull(r[3])) out.username = db::AsText(r[3]);
  if (!db::IsNull(r[4])) out.password = db::AsText(r[4]);
  if (!db::IsNull(r[5])) out.from = db::AsText(r[5]);
  return out;
}

json::object SettingsJson(const SmtpSettings& s) {
  return {{"host", s.host},         {"port", s.port}, {"tls", s.tls},
          {"username", s.username}, {"from", s.from}, {"passwordSet", !s.password.empty()}};
}

Status PatchSettings(db::Session& s, const records::Actor& actor, const json::object& body) {
  Error invalid = ValidationFailed();
  for (const auto& [k, v] : body) {
    std::string key(k);
    if (std::find(std::begin(kFields), std::end(kFields), key) == std::end(kFields))
      return InvalidInput("unknown_field").Arg("field", ArgText(key));
    if (v.is_null()) continue;
    bool type_ok = key == "port" ? v.is_int64() : v.is_string();
    if (!type_ok) return InvalidInput("wrong_type").Field(key, "wrong_type");
    if (std::string code = CheckValue(key, v); !code.empty()) invalid.Field(key, code);
  }
  if (!invalid.fields.empty()) return invalid;
  if (body.empty()) return Ok();

  KEHU_TRY(
      s.Execute("INSERT INTO mail_settings (id, updated_at, updated_by_id) VALUES (1, ?, ?) "
                "ON CONFLICT (id) DO NOTHING",
                {Value(NowIso()), actor.user_id ? Value(actor.user_id) : Value()}));
  json::object changes;
  for (const auto& [k, v] : body) {
    std::string key(k);
    KEHU_TRY(s.Execute("UPDATE mail_settings SET " + ColumnName(key) + " = ? WHERE id = 1",
                       {Column(v)}));
    // The audit says that the password changed, never what it is.
    changes[key] = key == "password" ? json::value(json::object{{"changed", true}})
                                     : json::value(json::object{{"to", v}});
  }
  KEHU_TRY(s.Execute("UPDATE mail_settings SET updated_at = ?, updated_by_id = ? WHERE id = 1",
                     {Value(NowIso()), actor.user_id ? Value(actor.user_id) : Value()}));
  return records::AppendAudit(s, actor, {"mail_settings", 0, "update", std::move(changes)});
}

}  // namespace kehu::mail
