// Test-only: the shipped entity definitions (metadata/entities) with their tables created.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "db/database.h"
#include "metadata/registry.h"
#include "records/schema_sync.h"

namespace kehu::records::testing {

// Null (with a test failure) when the metadata does not load or the tables cannot be made.
inline std::shared_ptr<const meta::Registry> LoadShippedSchema(db::Database& db) {
  auto registry = meta::Registry::LoadDirectory(std::string(KEHU_SOURCE_DIR) + "/metadata/entities");
  if (!registry.ok()) {
    ADD_FAILURE() << "metadata: " << registry.error().code;
    return nullptr;
  }
  if (Status synced = SyncSchema(db, **registry); !synced.ok()) {
    ADD_FAILURE() << "schema sync: " << synced.error().code;
    return nullptr;
  }
  return *registry;
}

}  // namespace kehu::records::testing
