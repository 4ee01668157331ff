// Record events: the outbox rows the webhook job reads (record_events), written only when an
// active subscription wants them, so record writes pay one map lookup when nobody listens.
#include "events/record_events.h"

#include <boost/json.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <set>

#include "core/time.h"
#include "records/record_sql.h"

namespace kehu::events {
namespace json = boost::json;

namespace {

constexpr auto kReloadEvery = std::chrono::seconds(3);

// entity -> event types wanted ("*" = every type). Reloaded lazily on the writer's session.
class SubscriptionCache {
 public:
  Result<bool> Wanted(db::Session& s, const std::string& entity, const std::string& type) {
    uint64_t generation;
    {
      std::lock_guard lock(mu_);
      if (loaded_ && std::chrono::steady_clock::now() - loaded_at_ < kReloadEvery)
        return Match(entity, type);
      generation = generation_;
    }
    // Query outside the lock: other writers keep using the old copy meanwhile.
    KEHU_ASSIGN(db::Rows rows, s.Query("SELECT events FROM webhooks WHERE active = 1"));
    std::map<std::string, std::set<std::string>> wanted;
    for (const auto& r : rows.rows) {
      boost::system::error_code ec;
      json::value v = json::parse(db::AsText(r[0]), ec);
      if (ec || !v.is_array()) continue;
      for (const auto& item : v.as_array()) {
        if (!item.is_string()) continue;
        std::string_view name = item.as_string();
        auto dot = name.rfind('.');
        if (dot == std::string_view::npos) continue;
        wanted[std::string(name.substr(0, dot))].insert(std::string(name.substr(dot + 1)));
      }
    }
    std::lock_guard lock(mu_);
    wanted_ = std::move(wanted);
    // An invalidation during the query may have missed a change: stay stale, reload next time.
    loaded_ = generation == generation_;
    loaded_at_ = std::chrono::steady_clock::now();
    return Match(entity, type);
  }

  void Invalidate() {
    std::lock_guard lock(mu_);
    ++generation_;
    loaded_ = false;
  }

 private:
  // REQUIRES: mu_ is held.
  bool Match(const std::string& entity, const std::string& type) const {
    auto it = wanted_.find(entity);
    return it != wanted_.end() && (it->second.count(type) || it->second.count("*"));
  }

  std::mutex mu_;
  std::map<std::string, std::set<std::string>> wanted_;
  bool loaded_ = false;
  uint64_t generation_ = 0;
  std::chrono::steady_clock::time_point loaded_at_;
};

SubscriptionCache& Cache() {
  static SubscriptionCache cache;
  return cache;
}

Status Insert(db::Session& s, const RecordEvent& ev) {
  KEHU_TRY(s.Execute("INSERT INTO record_events (entity, record_id, type, actor_id, record, occurred_at) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     {db::Value(ev.entity), db::Value(ev.record_id), db::Value(ev.type),
                      ev.actor_id ? db::Value(ev.actor_id) : db::Value(),
                      db::Value(json::serialize(ev.record)), db::Value(NowIso())}));
  return Ok();
}

// The record as stored now (after-create/update hooks run after the row was written).
Result<json::object> LoadStored(db::Session& s, const meta::Entity& e, int64_t id) {
  KEHU_ASSIGN(db::Rows rows, s.Query("SELECT " + records::SelectColumns(e) + " FROM " + e.table +
                                         " t WHERE t.id = ?",
                                     {db::Value(id)}));
  if (rows.empty()) return Internal("record event: record " + std::to_string(id) + " not found");
  return records::RowToJson(e, rows.rows[0]);
}

records::Hook EmitHook(const std::string& type) {
  return [type](records::HookContext& ctx) -> Status {
    KEHU_ASSIGN(bool wanted, Cache().Wanted(ctx.session, ctx.entity.name, type));
    if (!wanted) return Ok();
    RecordEvent ev{ctx.entity.name, ctx.id, type, ctx.actor.user_id, {}};
    if (type == "deleted") {
      if (ctx.before) ev.record = *ctx.before;
    } else {
      KEHU_ASSIGN(ev.record, LoadStored(ctx.session, ctx.entity, ctx.id));
    }
    return Insert(ctx.session, ev);
  };
}

}  // namespace

Status Emit(db::Session& s, const RecordEvent& ev) {
  KEHU_ASSIGN(bool wanted, Cache().Wanted(s, ev.entity, ev.type));
  if (!wanted) return Ok();
  return Insert(s, ev);
}

void RegisterRecordEventHooks(records::Hooks& hooks) {
  hooks.On("*", records::HookPoint::kAfterCreate, EmitHook("created"));
  hooks.On("*", records::HookPoint::kAfterUpdate, EmitHook("updated"));
  hooks.On("*", records::HookPoint::kAfterDelete, EmitHook("deleted"));
}

const std::vector<std::string>& EventTypes() {
  static const std::vector<std::string> types{"created", "updated", "deleted",
                                              "approved", "rejected", "state_changed"};
  return types;
}

void InvalidateSubscriptionCache() { Cache().Invalidate(); }

}  // namespace kehu::events
