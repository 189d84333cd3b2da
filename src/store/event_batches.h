// Batches of events handed from the thread that reads the log to the one that folds them, so
// that a rebuild or a verification reads and decodes the next batch while the last is
// folded (two cores, each busy with half of the work). Bounded: the reader waits while
// `limit` batches are waiting, so the log is never held in memory whole.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include "store/event.h"

namespace trialcore::store {

class EventBatches {
 public:
  explicit EventBatches(size_t limit) : limit_(limit) {}

  // Hands a batch over; false when the folder has stopped (the batch is then dropped).
  bool push(std::vector<Event> batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopped_ || waiting_.size() < limit_; });
    if (stopped_) return false;
    waiting_.push_back(std::move(batch));
    changed_.notify_all();
    return true;
  }

  // The next batch; nullopt once the reader has finished and every batch was taken, or once
  // stopped.
  std::optional<std::vector<Event>> pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopped_ || finished_ || !waiting_.empty(); });
    if (stopped_ || waiting_.empty()) return std::nullopt;
    std::vector<Event> batch = std::move(waiting_.front());
    waiting_.pop_front();
    changed_.notify_all();
    return batch;
  }

  // The reader has no more batches.
  void finish() {
    std::lock_guard lock(mutex_);
    finished_ = true;
    changed_.notify_all();
  }

  // The folder takes no more (it failed): the reader stops reading.
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    changed_.notify_all();
  }

 private:
  const size_t limit_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<Event>> waiting_;
  bool finished_ = false;
  bool stopped_ = false;
};

}  // namespace trialcore::store
