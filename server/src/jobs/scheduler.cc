// The scheduler's loop and workers. One loop thread looks for due jobs every tick (or when woken),
// takes as many as there are free worker threads (store::TryTake), renews the leases of runs in
// progress, and hands taken runs to the workers; workers run handlers and record the outcome.
#include "jobs/scheduler.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "core/crypto.h"
#include "jobs/job_store.h"
#include "jobs/schedule.h"

namespace kehu::jobs {
namespace {

std::string DefaultOwner() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + crypto::RandomHex(4);
}

std::string Describe(const Error& e) { return e.detail.empty() ? e.code : e.code + ": " + e.detail; }

}  // namespace

class Scheduler::Impl {
 public:
  struct Job {
    Schedule schedule;
    std::string text;
    JobHandler handler;
  };

  Impl(db::Database& db, SchedulerOptions o) : db_(db), options_(std::move(o)) {
    if (options_.owner.empty()) options_.owner = DefaultOwner();
    if (options_.threads < 1) options_.threads = 1;
  }

  TimePoint Now() const {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(options_.clock ? options_.clock()
                                                                                   : std::chrono::system_clock::now());
  }

  Status EnsureRows() {
    std::lock_guard rows_lock(rows_mu_);
    if (rows_written_) return Ok();
    TimePoint now = Now();
    KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
      for (const auto& [name, job] : jobs_) {
        TimePoint first = job.schedule.kind == Schedule::Kind::kEvery ? now : NextRun(job.schedule, now);
        KEHU_TRY(store::Upsert(s, name, job.text, first, now));
      }
      return Ok();
    }));
    rows_written_ = true;
    return Ok();
  }

  // Takes `name`'s due run for this owner; the attempt number, or nullopt when not taken.
  Result<std::optional<int>> Take(const std::string& name) {
    TimePoint now = Now();
    std::optional<int> attempt;
    KEHU_TRY(db_.Write([&](db::Session& s) -> Status {
      KEHU_ASSIGN(attempt, store::TryTake(s, name, options_.owner, now, now + options_.lease));
      return Ok();
    }));
    if (attempt) {
      std::lock_guard lock(mu_);
      running_.insert(name);
      renewed_[name] = now;
    }
    return attempt;
  }

  // Runs a taken job's handler (a throw is a failure) and records the outcome.
  void Execute(const std::string& name, int attempt) {
    const Job& job = jobs_.at(name);
    TimePoint started = Now();
    Status result = Ok();
    try {
      result = job.handler(JobRun{name, started, attempt, &stop_flag_});
    } catch (const std::exception& e) {
      result = Internal(std::string("exception: ") + e.what());
    } catch (...) {
      result = Internal("exception");
    }
    TimePoint finished = Now();
    store::Outcome outcome{finished, NextRun(job.schedule, finished), ""};
    if (!result.ok()) {
      outcome.error = Describe(result.error());
      outcome.next_run = finished + Backoff(attempt, options_.backoff_base, options_.backoff_max);
      spdlog::warn("job {} failed (attempt {}): {}", name, attempt, store::Truncate(outcome.error, 300));
    }
    bool kept = false;
    Status saved = db_.Write([&](db::Session& s) -> Status {
      KEHU_ASSIGN(kept, store::Finish(s, name, options_.owner, outcome));
      return Ok();
    });
    if (!saved.ok()) spdlog::error("job {}: could not record its run: {}", name, Describe(saved.error()));
    else if (!kept) spdlog::warn("job {}: its lease had expired and was taken by another server", name);
    std::lock_guard lock(mu_);
    running_.erase(name);
    renewed_.erase(name);
  }

  Result<int> RunDue() {
    KEHU_TRY(EnsureRows());
    std::vector<std::string> names;
    TimePoint now = Now();
    KEHU_TRY(db_.Read([&](db::Session& s) -> Status {
      KEHU_ASSIGN(names, store::DueNames(s, now));
      return Ok();
    }));
    int ran = 0;
    for (const auto& name : names) {
      if (!jobs_.count(name) || IsRunning(name)) continue;
      KEHU_ASSIGN(std::optional<int> attempt, Take(name));
      if (!attempt) continue;
      Execute(name, *attempt);
      ++ran;
    }
    return ran;
  }

  bool IsRunning(const std::string& name) {
    std::lock_guard lock(mu_);
    return running_.count(name) > 0;
  }

  void Loop();
  void TakeDue();
  void RenewLeases();
  void Work();

  db::Database& db_;
  SchedulerOptions options_;
  std::map<std::string, Job> jobs_;  // written before Start() only

  std::mutex rows_mu_;
  bool rows_written_ = false;

  std::mutex mu_;
  std::condition_variable loop_cv_, work_cv_;
  bool started_ = false, stopping_ = false, wake_ = false;
  bool workers_stop_ = false;  // set once the loop has ended: workers leave when the queue is empty
  std::atomic<bool> stop_flag_{false};
  std::set<std::string> running_;             // taken by this instance, queued or running
  std::map<std::string, TimePoint> renewed_;  // when each running lease was last extended
  std::deque<std::pair<std::string, int>> queue_;  // taken runs waiting for a worker
  std::thread loop_;
  std::vector<std::thread> workers_;
};

void Scheduler::Impl::Loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    wake_ = false;
    lock.unlock();
    RenewLeases();
    TakeDue();
    lock.lock();
    loop_cv_.wait_for(lock, options_.tick, [this] { return stopping_ || wake_; });
  }
}

void Scheduler::Impl::TakeDue() {
  size_t busy;
  {
    std::lock_guard lock(mu_);
    busy = running_.size();
  }
  if (busy >= static_cast<size_t>(options_.threads)) return;
  size_t free = options_.threads - busy;
  std::vector<std::string> names;
  TimePoint now = Now();
  Status read = db_.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(names, store::DueNames(s, now));
    return Ok();
  });
  if (!read.ok()) {
    spdlog::warn("scheduler: cannot look for due jobs: {}", Describe(read.error()));
    return;
  }
  for (const auto& name : names) {
    if (free == 0 || stop_flag_) break;
    if (!jobs_.count(name) || IsRunning(name)) continue;
    auto taken = Take(name);
    if (!taken.ok()) {
      spdlog::warn("scheduler: cannot take job {}: {}", name, Describe(taken.error()));
      continue;
    }
    if (!*taken) continue;  // another server was faster
    std::lock_guard lock(mu_);
    queue_.emplace_back(name, **taken);
    work_cv_.notify_one();
    --free;
  }
}

void Scheduler::Impl::RenewLeases() {
  std::vector<std::string> due;
  TimePoint now = Now();
  {
    std::lock_guard lock(mu_);
    for (const auto& [name, at] : renewed_)
      if (now - at >= options_.lease / 3) due.push_back(name);
  }
  for (const auto& name : due) {
    bool held = false;
    Status renewed = db_.Write([&](db::Session& s) -> Status {
      KEHU_ASSIGN(held, store::Renew(s, name, options_.owner, now + options_.lease));
      return Ok();
    });
    if (!renewed.ok()) spdlog::warn("job {}: cannot renew its lease: {}", name, Describe(renewed.error()));
    else if (!held) spdlog::warn("job {}: lease lost while running", name);
    std::lock_guard lock(mu_);
    if (renewed_.count(name)) renewed_[name] = now;
  }
}

void Scheduler::Impl::Work() {
  std::unique_lock lock(mu_);
  for (;;) {
    work_cv_.wait(lock, [this] { return workers_stop_ || !queue_.empty(); });
    if (queue_.empty()) return;  // the loop has ended and nothing is left
    auto [name, attempt] = queue_.front();
    queue_.pop_front();
    bool give_back = stopping_;
    lock.unlock();
    if (give_back) {
      // Not started yet: hand the run back so another server (or our next start) takes it now.
      (void)db_.Write([&](db::Session& s) { return store::Release(s, name, options_.owner); });
      std::lock_guard relock(mu_);
      running_.erase(name);
      renewed_.erase(name);
    } else {
      Execute(name, attempt);
    }
    lock.lock();
  }
}

Scheduler::Scheduler(db::Database& db, SchedulerOptions options)
    : impl_(std::make_unique<Impl>(db, std::move(options))) {}

Scheduler::~Scheduler() { Stop(); }

const std::string& Scheduler::owner() const { return impl_->options_.owner; }

Status Scheduler::Register(const std::string& name, const std::string& schedule, JobHandler handler) {
  if (name.empty() || name.size() > 100) return InvalidInput("invalid_job_name");
  KEHU_ASSIGN(Schedule parsed, ParseSchedule(schedule));
  std::lock_guard lock(impl_->mu_);
  if (impl_->started_) return Internal("Scheduler::Register after Start: " + name);
  impl_->jobs_[name] = Impl::Job{std::move(parsed), schedule, std::move(handler)};
  return Ok();
}

Status Scheduler::Start() {
  KEHU_TRY(impl_->EnsureRows());
  std::lock_guard lock(impl_->mu_);
  if (impl_->started_ || impl_->stopping_) return Ok();
  impl_->started_ = true;
  for (int i = 0; i < impl_->options_.threads; ++i) impl_->workers_.emplace_back([this] { impl_->Work(); });
  impl_->loop_ = std::thread([this] { impl_->Loop(); });
  spdlog::info("scheduler started: {} jobs, owner {}", impl_->jobs_.size(), impl_->options_.owner);
  return Ok();
}

void Scheduler::Stop() {
  {
    std::lock_guard lock(impl_->mu_);
    impl_->stopping_ = true;
    impl_->stop_flag_ = true;
  }
  impl_->loop_cv_.notify_all();
  // The loop may be taking a run right now: let it end first, so the workers see (and give back)
  // anything it queued.
  if (impl_->loop_.joinable()) impl_->loop_.join();
  {
    std::lock_guard lock(impl_->mu_);
    impl_->workers_stop_ = true;
  }
  impl_->work_cv_.notify_all();
  for (auto& t : impl_->workers_)
    if (t.joinable()) t.join();
}

Result<int> Scheduler::RunDue() { return impl_->RunDue(); }

Status Scheduler::TriggerNow(const std::string& name) {
  if (!impl_->jobs_.count(name)) return Error(ErrorKind::kNotFound, "unknown_job");
  KEHU_TRY(impl_->EnsureRows());
  TimePoint now = impl_->Now();
  KEHU_TRY(impl_->db_.Write([&](db::Session& s) -> Status {
    KEHU_ASSIGN(bool found, store::MakeDue(s, name, now));
    if (!found) return Error(ErrorKind::kNotFound, "unknown_job");
    return Ok();
  }));
  Wake();
  return Ok();
}

void Scheduler::Wake() {
  {
    std::lock_guard lock(impl_->mu_);
    impl_->wake_ = true;
  }
  impl_->loop_cv_.notify_all();
}

}  // namespace kehu::jobs
