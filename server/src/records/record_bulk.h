// BulkCreate: the Create pipeline for many bodies at once, for WriteBatch (imports).
//
// The same steps as Create (record_write.cc), in the same order and with the same answers per row:
// authorize -> decode input with the actor's field rules -> defaults, owner, create scope ->
// required -> unique, relation and user checks -> credit-code warnings -> 查重 warnings ->
// numbering -> before-create hooks -> insert -> audit row -> search index -> 查重 name key ->
// after-create hooks. What differs is only how the database is asked: each check is one query for
// the whole batch (an IN list per field) instead of one per row, rows go in with multi-row INSERTs,
// their audit rows are appended to the hash chain together (bulk_audit.h), numbers are taken
// together (one counter update) and the index entries are written together.
//
// Within a batch a row is compared with the rows before it as if they had been created already:
// a unique value repeated is "unique", a likely duplicate of an earlier row is a "duplicate"
// warning (its candidate has no id yet). Rows marked `discard` are checked and never written nor
// compared with.
//
// Use: Check() once, then (inside the same transaction) Write() to create the rows Check() passed.
// A keep/rollback decision between the two is the caller's (WriteBatch).
#pragma once

#include <boost/json/object.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "records/codec.h"
#include "records/hooks.h"
#include "records/record_service.h"

namespace kehu::records {

class BulkCreate {
 public:
  struct Row {
    const boost::json::object* body = nullptr;  // as for Create
    bool discard = false;                        // check only
    BatchResult* result = nullptr;               // status and created set by Check, id by Write
  };

  BulkCreate(db::Session& s, const db::Dialect& dialect, const meta::Registry& registry,
             const AccessPolicy& access, const Hooks& hooks, const Actor& actor, const meta::Entity& e)
      : s_(s), dialect_(dialect), registry_(registry), access_(access), hooks_(hooks), actor_(actor), e_(e) {}

  // Runs every check of Create on each row and sets its result's status. Writes nothing except
  // what numbering and before-create hooks write (kept only if the caller's transaction commits).
  // Errors: only those of the database itself.
  Status Check(std::vector<Row> rows);

  // Inserts the rows whose status is ok and that are not `discard`, with their audit rows and
  // search index entries, and runs the after-create hooks. REQUIRES: Check() ran.
  Status Write();

 private:
  struct Pending {
    Row row;
    std::map<std::string, StoredValue> values;
    std::vector<std::string> confirmed;
    FieldErrors errors;  // format and reference errors, reported together
    bool live = true;    // no error so far
    std::optional<std::string> name_key;  // DuplicateNameKey of the title, once computed
  };

  // The 查重 key of the row's title (folding it costs more than the rest of a row's checks).
  const std::string& NameKey(Pending& p);

  void Decode(Pending& p);
  void Fail(Pending& p, Error error);
  Status CheckUnique();
  Status CheckRelations();
  Status CheckUsers();
  void CheckFormatWarnings();
  Status CheckDuplicates();
  Status AssignNumbers();
  Status RunBeforeHooks();
  Status Insert(std::vector<Pending*>& rows);
  Status IndexAndAudit(const std::vector<Pending*>& rows);

  db::Session& s_;
  const db::Dialect& dialect_;
  const meta::Registry& registry_;
  const AccessPolicy& access_;
  const Hooks& hooks_;
  const Actor& actor_;
  const meta::Entity& e_;
  std::vector<Pending> rows_;
};

}  // namespace kehu::records
