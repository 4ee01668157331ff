// Runs one import: every row through the record pipeline first without keeping anything (the
// validation pass, which is all a dry run does), then, when no row has an error, the same rows
// again for real in batches of `batch_size` rows per transaction, so other users' writes wait at
// most one batch. Nothing half-written: a file with any row error writes no record at all.
//
//   mode create   every row creates a record; a code that exists is a row error (unique)
//   mode upsert   a row whose code matches a live record the actor may edit updates it (only the
//                 file's non-empty cells); one the actor may not see is "not_found"; no code or
//                 no match creates
//   onDuplicate   skip: rows the pipeline answers confirmation_required (likely duplicates, a
//                 credit code failing its checksum) are skipped with the reason; create: confirmed
//   in-file       a unique value (code) repeated in the file is an error on its later rows
//
// Progress (processed, counts, phase) is saved to the ImportStore after every batch; rows rejected
// or skipped go there too. A real run that wrote records adds one "import" audit entry.
#pragma once

#include <atomic>
#include <vector>

#include "imports/columns.h"
#include "imports/import_store.h"
#include "imports/import_table.h"
#include "records/record_service.h"

namespace kehu::imports {

struct ImportJob {
  ImportRecord record;  // already in the store (record.id set)
  records::Actor actor;
  const meta::Entity* entity = nullptr;
  ImportTable table;
  std::vector<ImportColumn> columns;
};

class Importer {
 public:
  Importer(records::RecordService& records, ImportStore& store, int batch_size = 500)
      : records_(records), store_(store), batch_size_(batch_size) {}

  // Runs the job to its end and saves its final state ("done" or "failed"). `cancel` is read
  // between batches (server shutdown): the import then fails with "import_interrupted" after the
  // batches already committed. Returns only errors of saving the state itself.
  Status Run(ImportJob& job, const std::atomic<bool>& cancel);

 private:
  enum class Outcome : unsigned char { kPending, kCreate, kUpdate, kSkip, kError };
  struct Pass;

  Status Validate(ImportJob& job, Pass& pass, const std::atomic<bool>& cancel);
  Status Write(ImportJob& job, Pass& pass, const std::atomic<bool>& cancel);
  Status AuditSummary(const ImportJob& job);

  records::RecordService& records_;
  ImportStore& store_;
  int batch_size_;
};

// The field an upsert matches on: the entity's unique "code", else its first unique text field;
// null when it has none (upsert is then a 400).
const meta::Field* UpsertKeyField(const meta::Entity& e);

}  // namespace kehu::imports
