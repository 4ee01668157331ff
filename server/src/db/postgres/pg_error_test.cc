#include "db/postgres/pg_error.h"

#include <gtest/gtest.h>

namespace kehu::db::pg {
namespace {

Error For(std::string_view sqlstate) { return ErrorForSqlState(sqlstate, nullptr, "server says"); }

TEST(ErrorForSqlState, MapsConstraintViolations) {
  EXPECT_EQ(For("23505").code, "unique_violation");
  EXPECT_EQ(For("23505").kind, ErrorKind::kConflict);
  EXPECT_EQ(For("23503").code, "foreign_key_violation");
  EXPECT_EQ(For("23503").kind, ErrorKind::kConflict);
  EXPECT_EQ(For("23502").code, "not_null_violation");
  EXPECT_EQ(For("23502").kind, ErrorKind::kValidation);
}

TEST(ErrorForSqlState, MapsConcurrencyAndAvailability) {
  EXPECT_EQ(For("40001").code, "serialization_failure");
  EXPECT_EQ(For("40P01").code, "serialization_failure");
  EXPECT_EQ(For("40P01").kind, ErrorKind::kConflict);
  for (const char* state : {"08000", "08006", "57P01", "57P03", "53300"}) {
    EXPECT_EQ(For(state).code, "db_unavailable") << state;
    EXPECT_EQ(For(state).kind, ErrorKind::kUnavailable) << state;
  }
  EXPECT_EQ(For("57014").code, "query_timeout");
  EXPECT_EQ(For("57014").kind, ErrorKind::kUnavailable);
}

TEST(ErrorForSqlState, KeepsServerMessagesOutOfClientFields) {
  Error e = For("42P01");
  EXPECT_EQ(e.code, "db_error");
  EXPECT_EQ(e.kind, ErrorKind::kInternal);
  EXPECT_TRUE(e.args.empty());
  EXPECT_TRUE(e.fields.empty());
  EXPECT_EQ(e.detail, "42P01: server says");
}

}  // namespace
}  // namespace kehu::db::pg
