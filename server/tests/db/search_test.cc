// Conformance of the dialects' search index: the same terms find the same records on every
// backend, whatever characters the terms contain.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "database_fixture.h"

namespace kehu::db::testing {
namespace {

using Terms = std::vector<std::string>;

class SearchTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Script("CREATE TABLE " + t_ + " (" + d().IdColumnDdl() + ", name " +
           d().TypeName(ColumnType::kText) + ")");
    Script(d().SearchTableDdl(t_));
  }

  int64_t AddRecord(const std::string& name, const Terms& terms) {
    int64_t id = 0;
    Status s = db_->Write([&](Session& s) -> Status {
      KEHU_ASSIGN(Rows rows,
                  s.Query("INSERT INTO " + t_ + " (name) VALUES (?) RETURNING id", {name}));
      id = AsInt(rows.rows.at(0).at(0));
      return d().SearchUpsert(s, t_, id, name, terms);
    });
    EXPECT_TRUE(s.ok()) << Show(s.error());
    return id;
  }

  std::vector<int64_t> Find(const Terms& terms, const std::string& verify = "") {
    std::vector<Value> params;
    std::string where = d().SearchPredicate(t_, "r.id", terms, verify, params);
    std::vector<int64_t> ids;
    for (const auto& row :
         ReadRows("SELECT r.id FROM " + t_ + " r WHERE " + where + " ORDER BY r.id", params).rows) {
      ids.push_back(AsInt(row[0]));
    }
    return ids;
  }

  using Ids = std::vector<int64_t>;
};

TEST_P(SearchTest, FindsRecordsByTermsWithAwkwardCharacters) {
  int64_t a = AddRecord("o'neil say \"hi\" back\\slash", {"o'neil", "say \"hi\"", "back\\slash"});
  int64_t b = AddRecord("a,b {brace} 北京科技", {"a,b", "{brace}", "北京", "科技"});
  int64_t c = AddRecord("北京 plain", {"北京", "plain"});

  EXPECT_EQ(Find({"o'neil"}), Ids{a});
  EXPECT_EQ(Find({"say \"hi\""}), Ids{a});
  EXPECT_EQ(Find({"back\\slash"}), Ids{a});
  EXPECT_EQ(Find({"a,b"}), Ids{b});
  EXPECT_EQ(Find({"{brace}"}), Ids{b});
  EXPECT_EQ(Find({"北京"}), (Ids{b, c}));
  EXPECT_EQ(Find({"北京", "plain"}), Ids{c});
  EXPECT_EQ(Find({"o'neil", "plain"}), Ids{});
  EXPECT_EQ(Find({"nothing"}), Ids{});
}

TEST_P(SearchTest, VerifyTextNarrowsCandidates) {
  int64_t a = AddRecord("北京科技 \"q\"", {"北京", "科技"});
  AddRecord("北京 银行", {"北京", "银行"});
  EXPECT_EQ(Find({"北京"}, "北京科"), Ids{a});
  EXPECT_EQ(Find({"北京"}, "技 \"q"), Ids{a});
  EXPECT_EQ(Find({"北京"}, "上海"), Ids{});
}

TEST_P(SearchTest, UpsertReplacesTermsAndDeleteRemovesThem) {
  int64_t a = AddRecord("first", {"old", "shared"});
  int64_t b = AddRecord("second", {"shared"});
  Status s = db_->Write([&](Session& s) { return d().SearchUpsert(s, t_, a, "renamed", {"new"}); });
  ASSERT_TRUE(s.ok()) << Show(s.error());
  EXPECT_EQ(Find({"old"}), Ids{});
  EXPECT_EQ(Find({"new"}), Ids{a});
  EXPECT_EQ(Find({"new"}, "renamed"), Ids{a});
  EXPECT_EQ(Find({"shared"}), Ids{b});

  s = db_->Write([&](Session& s) { return d().SearchDelete(s, t_, b); });
  ASSERT_TRUE(s.ok()) << Show(s.error());
  EXPECT_EQ(Find({"shared"}), Ids{});
  EXPECT_EQ(Find({"new"}), Ids{a});
}

KEHU_INSTANTIATE_BACKENDS(SearchTest);

}  // namespace
}  // namespace kehu::db::testing
