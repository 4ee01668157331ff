// An in-process cache of id lists (issue #6): the ids whose index terms match a query, and the ids a
// condition over one table's own columns selects (a rep's allowed customers; see
// Dialect::SharedTableIds).
//
// Reading a common word's posting list is the floor of every search for it: 科技 matches 113,916
// of a million customers, about 8 ms of CPU per request, for a rep who then keeps 500 of them as
// much as for an admin. The list only changes when records are written, so it is cached here.
//
// Contract: an entry is keyed by the query and stamped with a version of the index that the caller
// read in the same transaction as the ids (SQLite: the FTS5 structure record, which every write to
// the index rewrites; see SqliteDialect::SearchIds). Find returns the ids only when the stamp is
// equal, so a hit is exactly what the query would return in the caller's snapshot; a stale entry
// is never returned, only replaced. Bounded by kMaxEntries entries and kMaxIds ids in all (least
// recently used first out). One cache per open database; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "db/value.h"

namespace kehu::db {

class SearchIdCache {
 public:
  using Ids = std::shared_ptr<const std::vector<int64_t>>;

  static constexpr size_t kMaxEntries = 512;
  static constexpr size_t kMaxIds = 4'000'000;  // 32 MB of ids

  // The key of one search: its table, verification text and terms (what SearchIds is asked).
  static std::string KeyOf(const std::string& table, const std::vector<std::string>& terms,
                           const std::string& verify);

  // The key of one id query (Dialect::SharedTableIds): its SQL and parameters, each parameter
  // tagged with its type so that 1 and '1' differ.
  static std::string KeyOf(const std::string& sql, const std::vector<Value>& params);

  // The cached ids of `key` if they were stored with this `version`; null otherwise.
  Ids Find(const std::string& key, const std::string& version);
  // Stores (or replaces) the ids of `key` as of `version`. A result larger than kMaxIds is not kept.
  void Put(const std::string& key, const std::string& version, Ids ids);
  // Find, or else `compute` and Put. Concurrent misses of one key and version wait for the first
  // one's result instead of computing it again (64 connections asking for 科技 at once).
  Result<Ids> GetOrCompute(const std::string& key, const std::string& version,
                           const std::function<Result<Ids>()>& compute);

  size_t size() const;

 private:
  struct Entry {
    std::string key;
    std::string version;
    Ids ids;
  };
  Ids FindLocked(const std::string& key, const std::string& version);
  void PutLocked(const std::string& key, const std::string& version, Ids ids);
  void EvictLocked();

  mutable std::mutex mu_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t total_ids_ = 0;
  std::unordered_map<std::string, std::shared_future<Ids>> in_flight_;  // key + '\0' + version
};

}  // namespace kehu::db
