// The outgoing mail server settings. Defaults come from `kehu serve --smtp URL` (and
// KEHU_SMTP_*); an admin overrides any field in the database (table mail_settings, one row; NULL
// = the default). The password is a secret: SettingsJson never includes it, only whether one is
// set.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "core/result.h"
#include "db/database.h"
#include "mail/smtp_client.h"
#include "records/actor.h"

namespace kehu::mail {

// "smtp://host[:port]" (no TLS, port 25), "smtp+starttls://host[:port]" (587),
// "smtps://host[:port]" (TLS, 465); optional "user:password@" (percent-encoded) before the host.
// "" gives unconfigured settings. kInvalidInput "invalid_smtp_url" otherwise.
Result<SmtpSettings> ParseSmtpUrl(std::string_view url);

// The defaults with the admin's overrides applied. REQUIRES: inside Database::Read or Write.
Result<SmtpSettings> LoadSettings(db::Session& s, const SmtpSettings& defaults);

// {"host","port","tls","username","from","passwordSet"}: never the password.
boost::json::object SettingsJson(const SmtpSettings& settings);

// Applies a PATCH body {"host","port","tls","username","password","from"} as overrides: a field
// that is absent keeps its value, null goes back to the default, and an empty password string
// clears the password. Unknown fields or wrong types -> kInvalidInput; bad values ->
// kValidation with every field error; nothing is written then. Audited without secret values.
// REQUIRES: inside Database::Write.
Status PatchSettings(db::Session& s, const records::Actor& actor, const boost::json::object& body);

}  // namespace kehu::mail
