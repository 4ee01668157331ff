// Derives entity tables from metadata: creates missing tables, adds missing columns and indexes.
// Columns are additive only: a column that metadata no longer names is left alone (data is never
// dropped here). Indexes follow the metadata: one that schema sync made (ix_/ux_<table>_…) and the
// metadata no longer asks for is dropped.
#pragma once

#include "core/result.h"
#include "db/database.h"
#include "metadata/registry.h"

namespace kehu::records {

Status SyncSchema(db::Database& db, const meta::Registry& registry);

// Drops the secondary indexes SyncSchema creates for `e` (its search index's too, where it has
// one), so that a bulk load writes the table alone; the next SyncSchema builds them again, sorted.
Status DropIndexes(db::Session& s, const meta::Entity& e);

// Builds the secondary indexes SyncSchema creates for `e` after a bulk load, each in a
// transaction of its own: in one transaction, every built index's pages stay dirty in the writer's
// cache and spill while the next index is sorted (a third slower at a million customers).
// SyncSchema afterwards finds them in place.
Status BuildIndexes(db::Database& db, const meta::Entity& e);

// Column type used for a field (money and region add a companion text column, Field::CompanionSuffix).
db::ColumnType StorageType(const meta::Field& f);

}  // namespace kehu::records
