#include "imports/import_runner.h"

#include <spdlog/spdlog.h>

#include "core/time.h"

namespace kehu::imports {

ImportRunner::ImportRunner(Importer& importer, ImportStore& store, size_t max_queued)
    : importer_(importer), store_(store), max_queued_(max_queued) {
  thread_ = std::thread([this] { Loop(); });
}

ImportRunner::~ImportRunner() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cancel_ = true;
  cv_.notify_all();
  thread_.join();
}

void ImportRunner::Interrupt(ImportJob& job, const char* failure) {
  job.record.state = "failed";
  job.record.phase = "finished";
  job.record.failure = failure;
  job.record.finished_at = NowIso();
  if (Status st = store_.Save(job.record); !st.ok())
    spdlog::error("import {}: saving its end failed: {}", job.record.id, st.error().detail);
}

Status ImportRunner::Submit(std::unique_ptr<ImportJob> job) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_ && queue_.size() < max_queued_) {
      queue_.push_back(std::move(job));
      cv_.notify_one();
      return Ok();
    }
  }
  Interrupt(*job, "imports_busy");
  return Error(ErrorKind::kUnavailable, "imports_busy");
}

void ImportRunner::Loop() {
  for (;;) {
    std::unique_ptr<ImportJob> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      job = std::move(queue_.front());
      queue_.pop_front();
      if (stopping_) {
        lock.unlock();
        Interrupt(*job, "import_interrupted");
        continue;
      }
    }
    Status st;
    try {
      st = importer_.Run(*job, cancel_);
    } catch (const std::exception& e) {  // a bug; the thread must survive it
      spdlog::error("import {}: exception: {}", job->record.id, e.what());
      Interrupt(*job, "internal_error");
    }
    if (!st.ok())
      spdlog::error("import {} failed to save its state: {} {}", job->record.id, st.error().code,
                    st.error().detail);
  }
}

}  // namespace kehu::imports
