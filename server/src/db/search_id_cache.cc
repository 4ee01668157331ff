#include "db/search_id_cache.h"

#include <charconv>

namespace kehu::db {

SearchIdCache::Ids SearchIdCache::Find(const std::string& key, const std::string& version) {
  std::lock_guard lock(mu_);
  return FindLocked(key, version);
}

void SearchIdCache::Put(const std::string& key, const std::string& version, Ids ids) {
  std::lock_guard lock(mu_);
  PutLocked(key, version, std::move(ids));
}

std::string SearchIdCache::KeyOf(const std::string& table, const std::vector<std::string>& terms,
                                 const std::string& verify) {
  std::string key = table + '\n' + verify;
  for (const auto& t : terms) key += '\n' + t;
  return key;
}

std::string SearchIdCache::KeyOf(const std::string& sql, const std::vector<Value>& params) {
  // Texts carry their length, so no parameter list can spell another's key.
  std::string key = sql;
  for (const Value& v : params) {
    key += '\n';
    if (const auto* i = std::get_if<int64_t>(&v)) {
      key += 'i' + std::to_string(*i);
    } else if (const auto* d = std::get_if<double>(&v)) {
      char buf[32];
      key += 'd' + std::string(buf, std::to_chars(buf, buf + sizeof buf, *d).ptr);  // round-trips
    } else if (const auto* t = std::get_if<std::string>(&v)) {
      key += 't' + std::to_string(t->size()) + ':' + *t;
    } else {
      key += 'n';
    }
  }
  return key;
}

Result<SearchIdCache::Ids> SearchIdCache::GetOrCompute(const std::string& key, const std::string& version,
                                                       const std::function<Result<Ids>()>& compute) {
  const std::string flight = key + '\0' + version;
  std::promise<Ids> mine;
  std::shared_future<Ids> theirs;
  {
    std::lock_guard lock(mu_);
    if (Ids hit = FindLocked(key, version)) return hit;
    if (auto it = in_flight_.find(flight); it != in_flight_.end()) {
      theirs = it->second;
    } else {
      in_flight_.emplace(flight, mine.get_future().share());
    }
  }
  if (theirs.valid()) {
    if (Ids ids = theirs.get()) return ids;
    return compute();  // the first one failed: try on our own
  }
  Result<Ids> result = compute();
  Ids ids = result.ok() ? *result : nullptr;
  {
    std::lock_guard lock(mu_);
    if (ids) PutLocked(key, version, ids);
    in_flight_.erase(flight);
  }
  mine.set_value(ids);
  return result;
}

size_t SearchIdCache::size() const {
  std::lock_guard lock(mu_);
  return lru_.size();
}

SearchIdCache::Ids SearchIdCache::FindLocked(const std::string& key, const std::string& version) {
  auto it = index_.find(key);
  if (it == index_.end() || it->second->version != version) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->ids;
}

void SearchIdCache::PutLocked(const std::string& key, const std::string& version, Ids ids) {
  if (!ids || ids->size() > kMaxIds) return;
  if (auto it = index_.find(key); it != index_.end()) {
    total_ids_ -= it->second->ids->size();
    lru_.erase(it->second);
    index_.erase(it);
  }
  total_ids_ += ids->size();
  lru_.push_front(Entry{key, version, std::move(ids)});
  index_[key] = lru_.begin();
  EvictLocked();
}

void SearchIdCache::EvictLocked() {
  // The newest entry stays even alone over budget (Put refuses results larger than the budget).
  while (lru_.size() > 1 && (lru_.size() > kMaxEntries || total_ids_ > kMaxIds)) {
    total_ids_ -= lru_.back().ids->size();
    index_.erase(lru_.back().key);
    lru_.pop_back();
  }
}

}  // namespace kehu::db
