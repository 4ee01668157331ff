#include "app/app.h"

#include <filesystem>

#include "core/crypto.h"
#include "db/migrations.h"
#include "events/record_events.h"
#include "modules/customers/review.h"
#include "records/schema_sync.h"

namespace kehu::app {

std::string ResourceRoot(const std::string& argv0) { return meta::FindResourceRoot(argv0); }

Result<std::unique_ptr<Services>> OpenServices(const CommonOptions& options, const std::string& argv0,
                                               int connections) {
  crypto::Init();
  auto s = std::make_unique<Services>();
  if (options.db_url.rfind("sqlite:", 0) == 0) {
    // Create the folder of a new SQLite file (e.g. data/) so `make run` works from a fresh clone.
    std::filesystem::path file(options.db_url.substr(7));
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  }
  db::DatabaseOptions db_options;
  db_options.read_connections = connections;
  KEHU_ASSIGN(s->db, db::OpenDatabase(options.db_url, db_options));
  KEHU_TRY(db::RunMigrations(*s->db));
  std::string dir = options.metadata_dir.empty() ? ResourceRoot(argv0) + "/metadata/entities"
                                                 : options.metadata_dir;
  KEHU_ASSIGN(s->registry, meta::Registry::LoadDirectory(dir));
  KEHU_TRY(records::SyncSchema(*s->db, *s->registry));
  s->field_options = std::make_unique<settings::FieldOptions>(*s->db, s->registry);
  KEHU_TRY(s->field_options->Load());
  s->records = std::make_unique<records::RecordService>(*s->db, s->registry, s->access, s->hooks);
  std::vector<std::string> entity_names;
  for (const auto& e : s->registry->entities()) entity_names.push_back(e.name);
  s->auth = std::make_unique<auth::AuthService>(*s->db, entity_names);
  s->org = std::make_unique<auth::OrgService>(*s->db, *s->registry);
  s->notifier = std::make_unique<notify::Notifier>(*s->auth, s->access, s->registry);
  s->scheduler = std::make_unique<jobs::Scheduler>(*s->db);
  // Generic record actions; modules register theirs beside these.
  s->actions.Register("*", "restore", [rs = s->records.get()](const records::Actor& a, const meta::Entity& e,
                                                              int64_t id, const boost::json::object&) {
    return rs->Restore(a, e, id);
  });
  s->actions.Register("*", "transfer", [rs = s->records.get()](const records::Actor& a, const meta::Entity& e,
                                                               int64_t id, const boost::json::object& body)
                                           -> Result<boost::json::object> {
    auto* to = body.if_contains("toUserId");
    if (!to) return ValidationFailed().Field("toUserId", "required");
    if (!to->is_int64()) return InvalidInput("wrong_type").Field("toUserId", "wrong_type");
    return rs->Transfer(a, e, id, to->as_int64());
  });
  // 合并: {"fromId", "fields"?: [names to take from the merged-away record]}.
  s->actions.Register("*", "merge", [rs = s->records.get()](const records::Actor& a, const meta::Entity& e,
                                                            int64_t id, const boost::json::object& body)
                                        -> Result<boost::json::object> {
    auto* from = body.if_contains("fromId");
    if (!from) return ValidationFailed().Field("fromId", "required");
    if (!from->is_int64()) return InvalidInput("wrong_type").Field("fromId", "wrong_type");
    std::vector<std::string> take;
    if (auto* fields = body.if_contains("fields")) {
      if (!fields->is_array()) return InvalidInput("wrong_type").Field("fields", "wrong_type");
      for (const auto& f : fields->as_array()) {
        if (!f.is_string()) return InvalidInput("wrong_type").Field("fields", "wrong_type");
        take.emplace_back(f.as_string());
      }
    }
    return rs->Merge(a, e, id, from->as_int64(), take);
  });
  events::RegisterRecordEventHooks(s->hooks);
  s->webhooks = std::make_unique<webhooks::WebhookService>(*s->db, s->registry, *s->auth, s->access,
                                                           webhooks::OptionsFromEnvironment());
  s->approvals = std::make_unique<approvals::ApprovalService>(*s->db, s->registry, s->access, s->hooks, *s->records,
                                                              *s->auth, s->notifier.get());
  s->approvals->Register(s->actions, s->hooks);
  KEHU_TRY(s->auth->EnsureDefaultRoles());  // before the review flow, whose step names a role
  KEHU_TRY(modules::customers::EnsureReviewFlow(*s->approvals));
  return s;
}

}  // namespace kehu::app
