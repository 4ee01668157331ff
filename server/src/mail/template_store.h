// Admin overrides of the mail templates (table mail_templates), for the /mail-templates API.
// Unknown names or locales -> kNotFound "unknown_template"; a text that fails ValidateTemplate ->
// kValidation with field errors and nothing saved. Changes are audited.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "core/result.h"
#include "db/database.h"
#include "records/actor.h"

namespace kehu::mail {

// {"items":[{"name","locale","overridden","updatedAt","params"}],"names":[…],"locales":[…]}.
Result<boost::json::object> ListTemplates(db::Database& db);

// {"name","locale","subject","body","overridden","updatedAt","params","default":{"subject","body"}}.
Result<boost::json::object> GetTemplate(db::Database& db, const std::string& name,
                                        const std::string& locale);

// body {"subject","body"} (both required strings; anything else -> kInvalidInput).
Status PutTemplate(db::Database& db, const records::Actor& actor, const std::string& name,
                   const std::string& locale, const boost::json::object& body);

// Back to the built-in text (no error when there was no override).
Status DeleteTemplate(db::Database& db, const records::Actor& actor, const std::string& name,
                      const std::string& locale);

// Renders body {"subject","body"} (or the stored text when absent) with example values:
// {"subject","body"} as a recipient would get them.
Result<boost::json::object> PreviewTemplate(db::Database& db, const std::string& name,
                                            const std::string& locale,
                                            const boost::json::object& body);

}  // namespace kehu::mail
