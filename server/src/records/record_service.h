// The record engine's one pipeline. REST handlers, imports, demo data and module code all call
// these, so permissions, validation, audit and search indexing cannot be skipped.
//
// Create: authorize -> decode input -> defaults -> validate -> (in one transaction) uniqueness and
// relation checks -> before-hooks -> insert -> audit -> search index -> after-hooks -> read back.
// Records the actor may not see are reported as not found (404), never as forbidden.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <memory>

#include "core/result.h"
#include "db/database.h"
#include "metadata/registry.h"
#include "records/access.h"
#include "records/actor.h"
#include "records/hooks.h"
#include "records/list_query.h"

namespace kehu::records {

struct ListResult {
  boost::json::array items;
  int64_t total = 0;
  int page = 1;
  int page_size = 50;
};

struct SearchHit {
  std::string entity;
  int64_t id = 0;
  std::string title;
  std::string subtitle;
};

class RecordService {
 public:
  RecordService(db::Database& db, std::shared_ptr<const meta::Registry> registry,
                const AccessPolicy& access, const Hooks& hooks)
      : db_(db), registry_(std::move(registry)), access_(access), hooks_(hooks) {}

  const meta::Registry& registry() const { return *registry_; }
  db::Database& database() { return db_; }

  Result<boost::json::object> Get(const Actor& actor, const meta::Entity& e, int64_t id);
  Result<ListResult> List(const Actor& actor, const meta::Entity& e, const ListQuery& query);
  // Records of `child` whose relation field points at the visible `parent` record `parent_id`.
  Result<ListResult> ListRelated(const Actor& actor, const meta::Entity& parent, int64_t parent_id,
                                 const meta::Entity& child, ListQuery query);
  Result<std::vector<SearchHit>> Search(const Actor& actor, const std::string& q, int per_entity);
  // 查重 (record_duplicates.cc): `raw` maps duplicate fields to values as a user types them; they
  // are normalized like input (phones to E.164, credit codes upper-cased) before comparing.
  // See duplicates.h for what is revealed. 400 for a field outside "duplicateCheck".
  Result<boost::json::array> Duplicates(const Actor& actor, const meta::Entity& e,
                                        const std::map<std::string, std::string>& raw, int64_t exclude_id);

  Result<boost::json::object> Create(const Actor& actor, const meta::Entity& e,
                                     const boost::json::object& body);
  // body must carry the "version" the client last saw.
  Result<boost::json::object> Update(const Actor& actor, const meta::Entity& e, int64_t id,
                                     const boost::json::object& body);
  Status Delete(const Actor& actor, const meta::Entity& e, int64_t id);
  Result<boost::json::object> Restore(const Actor& actor, const meta::Entity& e, int64_t id);
  Status Purge(const Actor& actor, const meta::Entity& e, int64_t id);

  // Ownership and sharing (record_sharing.cc).
  Result<boost::json::object> Transfer(const Actor& actor, const meta::Entity& e, int64_t id, int64_t to_user);
  // 离职移交: every live record `from_user` owns, in one transaction; counts per entity.
  Result<std::map<std::string, int64_t>> TransferAll(const Actor& actor, int64_t from_user, int64_t to_user);
  Result<boost::json::array> ListMembers(const Actor& actor, const meta::Entity& e, int64_t id);
  Status AddMember(const Actor& actor, const meta::Entity& e, int64_t id, int64_t user_id,
                   const std::string& access, const std::string& expires_at);
  Status RemoveMember(const Actor& actor, const meta::Entity& e, int64_t id, int64_t user_id);
  // Why `subject` can or cannot see a record: {"visible","via","scope","actions"}.
  Result<boost::json::object> Explain(const Actor& subject, const meta::Entity& e, int64_t id);

 private:
  struct Input;
  Result<Input> DecodeBody(const Actor& actor, const meta::Entity& e, const boost::json::object& body,
                           bool create);
  Status CheckReferences(db::Session& s, const Actor& actor, const meta::Entity& e,
                         const std::map<std::string, StoredValue>& values, int64_t self_id,
                         FieldErrors& errors);
  Result<boost::json::object> LoadOne(db::Session& s, const Actor& actor, const meta::Entity& e,
                                      int64_t id, Action action, bool deleted);
  Status AddDisplay(db::Session& s, const meta::Entity& e, boost::json::array& items);
  Status Reindex(db::Session& s, const meta::Entity& e, const boost::json::object& record);

  db::Database& db_;
  std::shared_ptr<const meta::Registry> registry_;
  const AccessPolicy& access_;
  const Hooks& hooks_;
};

}  // namespace kehu::records
