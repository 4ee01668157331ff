// Batched forms of per-record steps, for RecordService::BulkCreate (imports): each does for many
// records what its single-record counterpart does for one, with a few statements in all.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "db/database.h"
#include "metadata/entity.h"
#include "records/actor.h"
#include "records/audit.h"
#include "records/numbering.h"

namespace kehu::records {

// Most values in one IN list: under SQLite's and PostgreSQL's parameter limits with room to spare.
inline constexpr size_t kMaxInList = 500;

// Runs `select_prefix IN (?, …)` (plus " AND " + more(params) when given) over the distinct
// `values`, in chunks, and returns the first column of every row as text (db::AsText).
// select_prefix is e.g. "SELECT code FROM customers WHERE code".
using MoreConditions = std::function<std::string(std::vector<db::Value>& params)>;
Result<std::set<std::string>> SelectExisting(db::Session& s, const std::string& select_prefix,
                                             const std::vector<db::Value>& values,
                                             const MoreConditions& more);

// TakeNumber (numbering.h) `n` times with one counter update: `n` distinct numbers in order, none
// already present in the numbered field. REQUIRES: inside the caller's write transaction.
Result<std::vector<std::string>> TakeNumbers(db::Session& s, const meta::Entity& e, const NumberingRule& rule,
                                             TimePoint now, size_t n);

// AppendAudit (audit.h) for several entries by the same actor, in order, with one update of the
// chain head and multi-row inserts; the rows and hashes are exactly those AppendAudit would write
// one after the other (VerifyAuditChain accepts them). REQUIRES: inside Database::Write.
Status AppendAuditMany(db::Session& s, const Actor& actor, const std::vector<AuditEntry>& entries);

}  // namespace kehu::records
