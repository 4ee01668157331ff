// Placeholder until the scheduler lands: runs every registered job on its interval on one thread,
// without leases, retries or rows in the database ("every Ns|m|h" only; "daily" runs hourly).
#include "jobs/scheduler.h"

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace kehu::jobs {

class Scheduler::Impl {
 public:
  struct Job {
    std::chrono::seconds every{60};
    JobHandler handler;
    std::chrono::system_clock::time_point next;
  };
  std::map<std::string, Job> jobs;
  std::mutex mu;
  std::condition_variable cv;
  bool stop = false, wake = false;
  std::thread thread;
};

Scheduler::Scheduler(db::Database&, SchedulerOptions) : impl_(std::make_unique<Impl>()) {}
Scheduler::~Scheduler() { Stop(); }

Status Scheduler::Register(const std::string& name, const std::string& schedule, JobHandler handler) {
  std::chrono::seconds every{3600};
  if (schedule.rfind("every ", 0) == 0 && schedule.size() > 7) {
    long n = std::stol(schedule.substr(6));
    char unit = schedule.back();
    every = std::chrono::seconds(unit == 'h' ? n * 3600 : unit == 'm' ? n * 60 : n);
  }
  impl_->jobs[name] = {every, std::move(handler), std::chrono::system_clock::now()};
  return Ok();
}

Status Scheduler::Start() {
  impl_->thread = std::thread([this] {
    std::unique_lock lock(impl_->mu);
    while (!impl_->stop) {
      auto now = std::chrono::system_clock::now();
      for (auto& [name, job] : impl_->jobs) {
        if (job.next > now && !impl_->wake) continue;
        job.next = now + job.every;
        lock.unlock();
        (void)job.handler(JobRun{name, now, 1});
        lock.lock();
      }
      impl_->wake = false;
      impl_->cv.wait_for(lock, std::chrono::seconds(1), [this] { return impl_->stop || impl_->wake; });
    }
  });
  return Ok();
}

void Scheduler::Stop() {
  {
    std::lock_guard lock(impl_->mu);
    impl_->stop = true;
  }
  impl_->cv.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
}

Result<int> Scheduler::RunDue() { return 0; }
Status Scheduler::TriggerNow(const std::string&) { return Ok(); }
void Scheduler::Wake() {
  {
    std::lock_guard lock(impl_->mu);
    impl_->wake = true;
  }
  impl_->cv.notify_all();
}

Result<boost::json::array> ListJobs(db::Database&) { return boost::json::array{}; }

}  // namespace kehu::jobs
