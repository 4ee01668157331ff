// SearchIdCache: a hit only under the same version, bounded size, one computation per concurrent miss.
#include "db/search_id_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

namespace kehu::db {
namespace {

SearchIdCache::Ids Make(std::vector<int64_t> ids) {
  return std::make_shared<const std::vector<int64_t>>(std::move(ids));
}

TEST(SearchIdCache, HitsOnlyUnderTheVersionItWasStoredWith) {
  SearchIdCache cache;
  cache.Put("customers\n科技", "v1", Make({1, 2, 3}));
  ASSERT_NE(cache.Find("customers\n科技", "v1"), nullptr);
  EXPECT_EQ(*cache.Find("customers\n科技", "v1"), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(cache.Find("customers\n科技", "v2"), nullptr) << "the index changed since";
  EXPECT_EQ(cache.Find("customers\n网联", "v1"), nullptr);
  cache.Put("customers\n科技", "v2", Make({1, 2}));
  EXPECT_EQ(cache.Find("customers\n科技", "v1"), nullptr);
  EXPECT_EQ(cache.Find("customers\n科技", "v2")->size(), 2u);
}

TEST(SearchIdCache, QueryKeysDifferWheneverTheQueryDoes) {
  using V = std::vector<Value>;
  const std::string sql = "SELECT t.id FROM customers t WHERE t.owner_id = ? AND t.name = ?";
  std::set<std::string> keys{
      SearchIdCache::KeyOf(sql, V{int64_t{3}, std::string("a")}),
      SearchIdCache::KeyOf(sql, V{int64_t{3}, std::string("b")}),
      SearchIdCache::KeyOf(sql, V{int64_t{4}, std::string("a")}),
      SearchIdCache::KeyOf(sql, V{std::string("3"), std::string("a")}),
      SearchIdCache::KeyOf(sql, V{0.1, std::string("a")}),
      SearchIdCache::KeyOf(sql, V{0.1 + 1e-17 * 3, std::string("a")}),
      SearchIdCache::KeyOf(sql, V{Value{}, std::string("a")}),
      // A text that spells the next parameter must not collide with that parameter list.
      SearchIdCache::KeyOf(sql, V{std::string("a\ni3")}),
      SearchIdCache::KeyOf(sql, V{std::string("a"), int64_t{3}}),
      SearchIdCache::KeyOf(sql + " ", V{int64_t{3}, std::string("a")}),
  };
  EXPECT_EQ(keys.size(), 10u);
  EXPECT_EQ(SearchIdCache::KeyOf(sql, V{int64_t{3}, std::string("客户")}),
            SearchIdCache::KeyOf(sql, V{int64_t{3}, std::string("客户")}));
}

TEST(SearchIdCache, KeepsAtMostItsBudget) {
  SearchIdCache cache;
  for (size_t i = 0; i < SearchIdCache::kMaxEntries + 10; ++i) cache.Put(std::to_string(i), "v", Make({1}));
  EXPECT_EQ(cache.size(), SearchIdCache::kMaxEntries);
  EXPECT_EQ(cache.Find("0", "v"), nullptr) << "least recently used first out";
  cache.Put("big", "v", Make(std::vector<int64_t>(SearchIdCache::kMaxIds)));
  cache.Put("bigger", "v", Make(std::vector<int64_t>(SearchIdCache::kMaxIds / 2 + 1)));
  EXPECT_EQ(cache.Find("big", "v"), nullptr);
  EXPECT_NE(cache.Find("bigger", "v"), nullptr);
}

TEST(SearchIdCache, ConcurrentMissesComputeOnce) {
  SearchIdCache cache;
  std::atomic<int> computed{0};
  std::vector<std::thread> threads;
  std::atomic<int> found{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      auto r = cache.GetOrCompute("k", "v", [&]() -> Result<SearchIdCache::Ids> {
        ++computed;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return Make({7});
      });
      if (r.ok() && *r && (*r)->at(0) == 7) ++found;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(found.load(), 8);
  EXPECT_LE(computed.load(), 2) << "waiters share the first computation";
  EXPECT_NE(cache.Find("k", "v"), nullptr);
}

}  // namespace
}  // namespace kehu::db
