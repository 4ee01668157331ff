// The background thread for large imports (more rows than a request should wait for). Imports run
// one at a time, in arrival order: each saturates the database writer anyway, and the server has
// few cores. Never an io thread; the request that queued a job has already answered 202.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "imports/importer.h"

namespace kehu::imports {

class ImportRunner {
 public:
  ImportRunner(Importer& importer, ImportStore& store, size_t max_queued = 4);
  // Stops: the running import fails with "import_interrupted" after its current batch, queued
  // ones fail the same way without starting. Joins the thread.
  ~ImportRunner();
  ImportRunner(const ImportRunner&) = delete;
  ImportRunner& operator=(const ImportRunner&) = delete;

  // Queues `job` (already in the store, state running). Errors: 503 imports_busy when
  // `max_queued` jobs are already waiting (the job is then marked failed in the store).
  Status Submit(std::unique_ptr<ImportJob> job);

 private:
  void Loop();
  void Interrupt(ImportJob& job, const char* failure);

  Importer& importer_;
  ImportStore& store_;
  const size_t max_queued_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<ImportJob>> queue_;  // REQUIRES: mu_ held
  bool stopping_ = false;                         // REQUIRES: mu_ held
  std::atomic<bool> cancel_{false};
  std::thread thread_;
};

}  // namespace kehu::imports
