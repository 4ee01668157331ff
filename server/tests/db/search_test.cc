// Conformance of the dialects' search index: the same terms find the same records on every
// backend, whatever characters the terms contain.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <thread>
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

TEST_P(SearchTest, BulkLoadFindsEveryRecordAndLeavesTheIndexToLiveWrites) {
  // As kehu generate loads: many statements of many rows inside the bulk-load settings.
  constexpr int kRows = 3000, kPerWrite = 100;
  ASSERT_TRUE(db_->Write([&](Session& s) { return d().BeginSearchBulkLoad(s, t_); }).ok());
  Ids sevens;
  for (int first = 1; first <= kRows; first += kPerWrite) {
    Status st = db_->Write([&](Session& s) -> Status {
      std::vector<SearchRow> rows;
      for (int id = first; id < first + kPerWrite; ++id) {
        KEHU_TRY(s.Execute("INSERT INTO " + t_ + " (id, name) VALUES (?, ?)",
                           {int64_t{id}, "n" + std::to_string(id)}));
        rows.push_back({id, "n" + std::to_string(id), {"all", "m" + std::to_string(id % 7)}});
      }
      return d().SearchInsertMany(s, t_, rows);
    });
    ASSERT_TRUE(st.ok()) << Show(st.error());
    for (int id = first; id < first + kPerWrite; ++id)
      if (id % 7 == 3) sevens.push_back(id);
  }
  ASSERT_TRUE(db_->Write([&](Session& s) { return d().EndSearchBulkLoad(s, t_); }).ok());

  EXPECT_EQ(Find({"all"}).size(), static_cast<size_t>(kRows));
  EXPECT_EQ(Find({"all", "m3"}), sevens);
  EXPECT_EQ(Find({"m3"}, "n1004"), Ids{1004});
  ASSERT_TRUE(db_->Write([&](Session& s) { return d().SyncIdSequence(s, t_); }).ok());
  int64_t live = AddRecord("live", {"all", "live"});
  EXPECT_EQ(Find({"live"}), Ids{live});
  EXPECT_EQ(Find({"all"}).size(), static_cast<size_t>(kRows + 1));
  if (GetParam() == "sqlite") {  // FTS5 merges as it does for live writes again
    Rows automerge = ReadRows("SELECT v FROM " + t_ + "_search_config WHERE k = 'automerge'");
    EXPECT_EQ(AsInt(automerge.rows.at(0).at(0)), 4);
  }
}

TEST_P(SearchTest, VerifyTextNarrowsCandidates) {
  int64_t a = AddRecord("北京科技 \"q\"", {"北京", "科技"});
  AddRecord("北京 银行", {"北京", "银行"});
  EXPECT_EQ(Find({"北京"}, "北京科"), Ids{a});
  EXPECT_EQ(Find({"北京"}, "技 \"q"), Ids{a});
  EXPECT_EQ(Find({"北京"}, "上海"), Ids{});
}

// A few candidates' matches (a rep's allowed customers), whether the whole list is cached or not,
// never stale after a write, and the same for more candidates than a dialect asks about.
TEST_P(SearchTest, SearchAmongCandidatesFindsTheirMatchesOnly) {
  int64_t a = AddRecord("北京科技", {"北京", "科技"});
  int64_t b = AddRecord("北京银行", {"北京", "银行"});
  int64_t c = AddRecord("上海科技", {"上海", "科技"});
  int64_t e = AddRecord("北京科学", {"北京", "科学"});
  auto among = [&](const Terms& terms, const std::string& verify, const Ids& candidates) {
    Ids found;
    Status st = db_->Read([&](Session& s) -> Status {
      KEHU_ASSIGN(auto ids, d().SharedSearchIdsAmong(s, t_, terms, verify, candidates));
      found = *ids;
      return Ok();
    });
    EXPECT_TRUE(st.ok()) << Show(st.error());
    return found;
  };
  EXPECT_EQ(among({"科技"}, "", {a, b}), Ids{a});
  EXPECT_EQ(among({"北京"}, "", {a, b, c}), (Ids{a, b}));
  EXPECT_EQ(among({"北京"}, "北京科", {a, b, c, e}), (Ids{a, e}));
  EXPECT_EQ(among({"北京", "科学"}, "", {a, b, c, e}), Ids{e});
  EXPECT_EQ(among({"北京"}, "", {}), Ids{});
  EXPECT_EQ(among({"北京"}, "", {c, 999999}), Ids{});

  Status st = db_->Read([&](Session& s) -> Status {
    KEHU_ASSIGN(auto all, d().SharedSearchIds(s, t_, {"北京"}, ""));
    EXPECT_EQ(*all, (Ids{a, b, e}));
    return Ok();
  });
  ASSERT_TRUE(st.ok()) << Show(st.error());
  EXPECT_EQ(among({"北京"}, "", {a, b, c}), (Ids{a, b}));

  st = db_->Write([&](Session& s) { return d().SearchUpsert(s, t_, b, "上海银行", {"上海", "银行"}); });
  ASSERT_TRUE(st.ok()) << Show(st.error());
  EXPECT_EQ(among({"北京"}, "", {a, b, c}), Ids{a});
  EXPECT_EQ(among({"上海"}, "", {a, b, c}), (Ids{b, c}));
  st = db_->Write([&](Session& s) { return d().SearchDelete(s, t_, a); });
  ASSERT_TRUE(st.ok()) << Show(st.error());
  EXPECT_EQ(among({"科技"}, "", {a, b}), Ids{});

  Ids many;
  for (int64_t id = 1; id <= 30000; ++id) many.push_back(id);
  EXPECT_EQ(among({"科技"}, "", many), Ids{c});
  EXPECT_EQ(among({"北京"}, "", many), Ids{e});
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

// Index changes may wait for the commit (SQLite applies a batch's together just before COMMIT):
// a write that fails keeps none of them, even after later writes commit.
TEST_P(SearchTest, FailedWriteKeepsNoIndexChange) {
  int64_t kept = AddRecord("kept", {"kept"});
  Status s = db_->Write([&](Session& s) -> Status {
    KEHU_TRY(d().SearchUpsert(s, t_, kept + 100, "ghost", {"ghost"}));
    KEHU_TRY(d().SearchDelete(s, t_, kept));
    return Error(ErrorKind::kValidation, "rejected");
  });
  ASSERT_FALSE(s.ok());
  int64_t later = AddRecord("later", {"later"});
  EXPECT_EQ(Find({"ghost"}), Ids{});
  EXPECT_EQ(Find({"kept"}), Ids{kept});
  EXPECT_EQ(Find({"later"}), Ids{later});
}

TEST_P(SearchTest, LastChangeInOneWriteWins) {
  int64_t a = AddRecord("a", {"old"});
  int64_t b = AddRecord("b", {"old"});
  Status s = db_->Write([&](Session& s) -> Status {
    KEHU_TRY(d().SearchUpsert(s, t_, a, "a", {"new"}));
    KEHU_TRY(d().SearchDelete(s, t_, a));  // upserted, then deleted: gone
    KEHU_TRY(d().SearchDelete(s, t_, b));
    return d().SearchUpsert(s, t_, b, "b", {"new"});  // deleted, then upserted: the new terms
  });
  ASSERT_TRUE(s.ok()) << Show(s.error());
  EXPECT_EQ(Find({"old"}), Ids{});
  EXPECT_EQ(Find({"new"}), Ids{b});
  if (GetParam() == "sqlite") {  // nothing waits past the commit
    EXPECT_EQ(AsInt(ReadRows("SELECT COUNT(*) FROM search_pending").rows.at(0).at(0)), 0);
  }
}

// Concurrent writes share a commit on SQLite: each one's index change lands with its record, and
// a failing one's does not, whatever else its batch held.
TEST_P(SearchTest, ConcurrentWritesIndexExactlyTheRecordsKept) {
  constexpr int kThreads = 8, kPerThread = 12;
  std::vector<std::vector<int64_t>> kept(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const bool fail = i % 3 == 2;
        const std::string own = "t" + std::to_string(t) + "i" + std::to_string(i);
        int64_t id = 0;
        Status s = db_->Write([&](Session& s) -> Status {
          KEHU_ASSIGN(Rows rows, s.Query("INSERT INTO " + t_ + " (name) VALUES (?) RETURNING id", {own}));
          id = AsInt(rows.rows.at(0).at(0));
          KEHU_TRY(d().SearchUpsert(s, t_, id, own, {"shared", own}));
          return fail ? Error(ErrorKind::kValidation, "rejected") : Ok();
        });
        EXPECT_EQ(s.ok(), !fail);
        if (!fail) kept[t].push_back(id);
      }
    });
  }
  for (auto& th : threads) th.join();
  Ids all;
  for (const auto& ids : kept) all.insert(all.end(), ids.begin(), ids.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(Find({"shared"}), all);
  EXPECT_EQ(Find({"t3i4"}), Ids{kept[3][3]});  // i = 4 is the 4th kept (i = 2 failed)
  EXPECT_EQ(Find({"t3i5"}), Ids{});
}

KEHU_INSTANTIATE_BACKENDS(SearchTest);

}  // namespace
}  // namespace kehu::db::testing
