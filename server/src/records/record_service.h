// The record engine's one pipeline. REST handlers, imports, demo data and module code all call
// these, so permissions, validation, audit and search indexing cannot be skipped.
//
// Create: authorize -> decode input -> defaults -> validate -> (in one transaction) uniqueness and
// relation checks -> before-hooks -> insert -> audit -> search index -> after-hooks -> read back.
// Records the actor may not see are reported as not found (404), never as forbidden.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <functional>
#include <memory>

#include "core/result.h"
#include "core/text/search_terms.h"
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

// One write of RecordService::WriteBatch (imports).
struct BatchWrite {
  boost::json::object body;  // as for Create; for an update without "version" (the current one is used)
  // Upsert: when non-empty and the body has a value for this unique field, the live record with
  // that value is updated instead (ownerId is then left out: ownership changes by transfer).
  std::string match_field;
  bool discard = false;  // run the whole pipeline, then keep nothing of this write
};

struct BatchResult {
  Status status;         // what Create/Update answered; a matched record the actor may not see
                         // is not_found (fields {match_field: "not_found"}), never revealed
  bool created = false;  // false when an existing record was updated (or matched unchanged)
  int64_t id = 0;        // of the record written, when status is ok
};

// Decides, once every write of a batch has run, whether its transaction commits.
using BatchKeep = std::function<bool(const std::vector<BatchResult>&)>;

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

  // Imports (record_batch.cc): all writes in one transaction. Creates go through the bulk path
  // (record_bulk.h: the Create pipeline step by step for the whole batch, one query per step);
  // updates each run Update in their own savepoint (a failed write leaves no trace and the others
  // go on). A write sees the batch's earlier writes (a code repeated in the batch is "unique").
  // After the last write `keep(results)` decides: true commits the successful writes, false
  // rolls back everything (a validation pass: nothing at all is written, not even audit rows).
  // Errors: only those of the transaction itself (database unavailable); per-write errors are
  // in the results.
  Result<std::vector<BatchResult>> WriteBatch(const Actor& actor, const meta::Entity& e,
                                              const std::vector<BatchWrite>& writes,
                                              const BatchKeep& keep);
  Result<boost::json::object> Restore(const Actor& actor, const meta::Entity& e, int64_t id);
  Status Purge(const Actor& actor, const meta::Entity& e, int64_t id);

  // 合并 (record_merge.cc): moves every record related to `from_id` (contacts, child companies, …),
  // its attachments and shares to `into_id`, fills `into`'s empty fields from `from` and overwrites
  // those named in `take` (unique fields excepted), then puts `from` in the recycle bin. Needs
  // edit on both and delete on `from`. Returns the merged record and the moved counts per entity.
  Result<boost::json::object> Merge(const Actor& actor, const meta::Entity& e, int64_t into_id, int64_t from_id,
                                    const std::vector<std::string>& take);

  // A state change made by the system on the actor's behalf (review, approvals): writes `values`
  // (API JSON, read-only fields included) to a record the actor may `required` on, after `guard`
  // accepted the current record, in one transaction with an audit row named `audit_action`
  // (record_state.cc). Bumps the version.
  using StateGuard = std::function<Status(const boost::json::object& current)>;
  Result<boost::json::object> ChangeState(const Actor& actor, const meta::Entity& e, int64_t id, Action required,
                                          const boost::json::object& values, const std::string& audit_action,
                                          const StateGuard& guard);

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
  // Whether the live record `id` exists and `actor` may read it and take `action` on it: LoadOne's
  // conditions without building the record, for checks that only need the answer.
  Result<bool> Permits(db::Session& s, const Actor& actor, const meta::Entity& e, int64_t id, Action action);
  // Permits, as 403 forbidden when not.
  Status RequirePermit(db::Session& s, const Actor& actor, const meta::Entity& e, int64_t id, Action action);
  Status AddDisplay(db::Session& s, const meta::Entity& e, boost::json::array& items);
  // `prepared` holds search documents of single values built before the write transaction (see
  // PrepareSearch); values not in it are built here.
  using PreparedSearch = std::map<std::string, text::SearchDoc>;
  static PreparedSearch PrepareSearch(const meta::Entity& e, const std::map<std::string, StoredValue>& values);
  Status Reindex(db::Session& s, const meta::Entity& e, const boost::json::object& record,
                 const PreparedSearch* prepared = nullptr);

  db::Database& db_;
  std::shared_ptr<const meta::Registry> registry_;
  const AccessPolicy& access_;
  const Hooks& hooks_;
};

}  // namespace kehu::records
