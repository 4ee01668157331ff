#include "db/postgres/pg_sql.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace kehu::db::pg {
namespace {

std::string Tr(std::string_view sql) { return TranslatePlaceholders(sql).sql; }

TEST(TranslatePlaceholders, NumbersPlaceholdersInOrder) {
  auto t = TranslatePlaceholders("SELECT * FROM t WHERE a = ? AND b IN (?, ?)");
  EXPECT_EQ(t.sql, "SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)");
  EXPECT_EQ(t.placeholders, 3);
}

TEST(TranslatePlaceholders, LeavesQuotedTextAlone) {
  EXPECT_EQ(Tr("SELECT '?', ?"), "SELECT '?', $1");
  EXPECT_EQ(Tr("SELECT 'it''s ?', ?"), "SELECT 'it''s ?', $1");
  EXPECT_EQ(Tr("SELECT \"a?b\" FROM t WHERE x = ?"), "SELECT \"a?b\" FROM t WHERE x = $1");
  EXPECT_EQ(Tr("SELECT \"a\"\"?\" , ?"), "SELECT \"a\"\"?\" , $1");
  // E'' strings escape quotes with a backslash; a plain '' string does not.
  EXPECT_EQ(Tr("SELECT E'\\'?', ?"), "SELECT E'\\'?', $1");
  EXPECT_EQ(Tr("SELECT 'a\\', ?"), "SELECT 'a\\', $1");
  EXPECT_EQ(Tr("SELECT e'x\\\\', ?"), "SELECT e'x\\\\', $1");
}

TEST(TranslatePlaceholders, LeavesCommentsAlone) {
  EXPECT_EQ(Tr("SELECT ? -- why?\n, ?"), "SELECT $1 -- why?\n, $2");
  EXPECT_EQ(Tr("SELECT /* ? /* nested ? */ ? */ ?"), "SELECT /* ? /* nested ? */ ? */ $1");
  EXPECT_EQ(Tr("SELECT ? -- trailing ?"), "SELECT $1 -- trailing ?");
}

TEST(TranslatePlaceholders, LeavesDollarQuotedTextAlone) {
  EXPECT_EQ(Tr("SELECT $$?$$, ?"), "SELECT $$?$$, $1");
  EXPECT_EQ(Tr("SELECT $fn$ ? $x$ ? $fn$, ?"), "SELECT $fn$ ? $x$ ? $fn$, $1");
  // `$1` is a parameter, not a dollar quote; `a$b` is an identifier.
  EXPECT_EQ(Tr("SELECT $1, a$b, ?"), "SELECT $1, a$b, $1");
}

TEST(TranslatePlaceholders, UnterminatedLiteralSwallowsTheRest) {
  EXPECT_EQ(TranslatePlaceholders("SELECT 'abc ?").placeholders, 0);
  EXPECT_EQ(TranslatePlaceholders("SELECT /* ?").placeholders, 0);
}

TEST(TextArrayLiteral, QuotesAndEscapesEveryElement) {
  EXPECT_EQ(TextArrayLiteral({}), "{}");
  EXPECT_EQ(TextArrayLiteral({"a"}), "{\"a\"}");
  EXPECT_EQ(TextArrayLiteral({"a,b", "{c}", ""}), "{\"a,b\",\"{c}\",\"\"}");
  EXPECT_EQ(TextArrayLiteral({"say \"hi\"", "back\\slash"}),
            "{\"say \\\"hi\\\"\",\"back\\\\slash\"}");
  EXPECT_EQ(TextArrayLiteral({"NULL", "北京"}), "{\"NULL\",\"北京\"}");
}

TEST(DoubleText, IsShortestAndRoundTrips) {
  EXPECT_EQ(DoubleText(0.1), "0.1");
  EXPECT_EQ(DoubleText(-2.5), "-2.5");
  EXPECT_EQ(DoubleText(1e300), "1e+300");
  EXPECT_EQ(DoubleText(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(DoubleText(-std::numeric_limits<double>::infinity()), "-Infinity");
  EXPECT_EQ(DoubleText(std::nan("")), "NaN");
  double third = 1.0 / 3;
  EXPECT_EQ(std::stod(DoubleText(third)), third);
}

}  // namespace
}  // namespace kehu::db::pg
