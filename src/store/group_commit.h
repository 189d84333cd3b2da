// Group commit: units of work that arrive together (server threads writing at once) share
// one database transaction and one commit, so one sync to disk acknowledges them all.
//
// Units queue in arrival order. The thread at the front of the queue, when the writer's
// connection is free, leads: it runs the queued units one after the other on its own thread
// (its own first), including those that arrive while it runs, then commits them as one
// batch and wakes each unit's thread with its outcome. Threads that wait are woken only when
// their batch has ended or they are to lead, never to find they must wait on: with eight
// writers on two cores, waking every waiter at each step was most of the time a write took.
// A unit whose work fails or throws is undone alone (a savepoint), and the batch goes on
// without it; what it threw is thrown again on its own thread. Every unit returns only once
// its batch has ended, so a unit that succeeded is acknowledged only after the commit that
// holds it; if that commit fails, every unit in it fails and nothing of the batch remains.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>

#include "store/store.h"

namespace trialcore::store {

// One database transaction that units of work join in turn; the backend's side.
class Batch {
 public:
  virtual ~Batch() = default;
  // Runs one unit of work in the transaction (begun for the first unit): nothing of it
  // remains if it fails or throws (the exception passes through; the batch goes on).
  virtual Status run(const std::function<Status(Transaction&)>& work) = 0;
  // Whether another unit may join (false once the transaction cannot go on).
  virtual bool open_to_more() const = 0;
  // Ends the transaction, committing what the units kept. Sets `again` when it finds that
  // what the units read had been changed by another writer, or that an undone unit took
  // with it changes of kept units not yet written: nothing is committed, and they must run
  // again.
  virtual Status finish(bool& again) = 0;
};

class GroupCommit {
 public:
  // At most `max_units` units a batch, so a batch's wait stays short under any load.
  explicit GroupCommit(Batch& batch, size_t max_units = 64) : batch_(batch), max_units_(max_units) {}

  // Runs `work` in a batch and returns once the batch has ended: the work's own failure, or
  // the commit's outcome. Rethrows what `work` throws. With `again` set, nothing was
  // committed and the caller runs `work` once more.
  Status run(const std::function<Status(Transaction&)>& work, bool& again);

  // Runs `work` (again, as long as its batch asks) and returns its outcome: Store::transact.
  Status transact(const std::function<Status(Transaction&)>& work);

  // Runs `work` as a batch of its own (rebuilding the projections), and returns once it ended.
  Status run_alone(const std::function<Status(Transaction&)>& work);

  // Runs `work`, which uses the connection on its own (a transaction that is not the
  // record's), in a turn of its own: the batches of the units queued before it are
  // committed first, and the next batch begins after `work` returns (or throws).
  Status between_batches(const std::function<Status()>& work);

 private:
  // A caller in the queue: a unit of work, or (without work) a turn on the connection alone.
  struct Waiter {
    const std::function<Status(Transaction&)>* work = nullptr;
    std::condition_variable woken;
    bool ended = false;  // its batch has ended; the fields below are its outcome
    bool again = false;
    Status status;
    std::exception_ptr thrown;
  };

  // Queues `me` and waits until its batch has ended or it is to take the connection.
  void wait_in_turn(Waiter& me, std::unique_lock<std::mutex>& lock);
  // Called by the leader at the front of the queue: runs the batch and ends it for its units.
  void lead(std::unique_lock<std::mutex>& lock);
  // Frees the connection and wakes the next in the queue to take it. Called with the lock held.
  void hand_on();

  Batch& batch_;
  size_t max_units_;
  std::mutex mutex_;
  std::deque<Waiter*> queue_;  // in arrival order
  bool busy_ = false;          // a leader or a turn alone holds the connection
};

}  // namespace trialcore::store
