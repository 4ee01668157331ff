#include "notify/notifier.h"

#include <boost/json/serialize.hpp>

#include "core/time.h"
#include "notify/store.h"

namespace kehu::notify {
namespace {

constexpr size_t kMaxParamsBytes = 8 * 1024;
constexpr size_t kMaxKindBytes = 64;

}  // namespace

Notifier::Notifier(auth::AuthService& auth, const records::AccessPolicy& access,
                   std::shared_ptr<const meta::Registry> registry)
    : auth_(auth), access_(access), registry_(std::move(registry)) {}
Notifier::~Notifier() = default;

Result<int64_t> Notifier::Add(db::Session& s, const Notification& n) {
  if (n.user_id <= 0) return InvalidInput("bad_id").Detail("notification without a recipient");
  if (n.kind.empty() || n.kind.size() > kMaxKindBytes) {
    return InvalidInput("bad_parameter").Arg("parameter", "kind");
  }
  std::string params = boost::json::serialize(n.params);
  if (params.size() > kMaxParamsBytes) {
    return Error(ErrorKind::kPayloadTooLarge, "payload_too_large").Detail("notification params");
  }
  const meta::Entity* entity = nullptr;
  if (!n.entity.empty()) {
    entity = registry_->Find(n.entity);
    if (!entity) return InvalidInput("unknown_entity").Detail(n.entity);
    if (n.record_id <= 0) return InvalidInput("bad_id").Detail("notification about no record");
  }
  // The recipient as the access policy sees them; inactive or missing users get nothing.
  auto actor = auth_.LoadActor(s, n.user_id);
  if (!actor.ok()) {
    if (actor.error().kind == ErrorKind::kUnauthenticated) return int64_t{0};
    return std::move(actor).error();
  }
  if (entity) {
    // The same predicate as every read path: a record the recipient cannot open is not announced.
    std::vector<db::Value> where_params{db::Value(n.record_id)};
    std::string visible = access_.Predicate(*actor, *entity, records::Action::kRead, "t",
                                            where_params);
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT 1 FROM " + entity->table +
                                           " t WHERE t.id = ? AND t.deleted_at IS NULL AND (" +
                                           visible + ")",
                                       where_params));
    if (rows.empty()) return int64_t{0};
  }
  StoredNotification row;
  row.user_id = n.user_id;
  row.kind = n.kind;
  row.entity = n.entity;
  row.record_id = entity ? n.record_id : 0;
  row.params = n.params;
  row.created_at = NowIso();
  return InsertNotification(s, row);
}

}  // namespace kehu::notify
