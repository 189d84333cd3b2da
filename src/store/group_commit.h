// Group commit: units of work that arrive together (server threads writing at once) share
// one database transaction and one commit, so one sync to disk acknowledges them all.
//
// Units take turns on the writer's connection, in arrival order, each on its own thread:
// while one batch commits, the next gathers behind it. A unit whose work fails or throws is
// undone alone (a savepoint), and the batch goes on without it. Every unit returns only once
// the batch has ended, so a unit that succeeded is acknowledged only after the commit that
// holds it; if that commit fails, every unit in it fails and nothing of the batch remains.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
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
  // record's), in a turn between batches: a batch gathered before the turn came is
  // committed first, and the next one begins after `work` returns (or throws).
  Status between_batches(const std::function<Status()>& work);

 private:
  // Waits for this caller's turn on the connection, in arrival order, and takes it.
  void take_turn(std::unique_lock<std::mutex>& lock);

  struct Outcome {
    bool ended = false;
    bool again = false;
    Status status;
  };

  // Commits the gathered batch and records its outcome for each of its units. Called with
  // `lock` released (a commit waits for the disk); returns with it held, before any unit is
  // woken.
  void commit(Outcome& outcome, std::unique_lock<std::mutex>& lock);

  Batch& batch_;
  size_t max_units_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<uint64_t> waiting_;  // tickets, in arrival order
  uint64_t next_ticket_ = 0;
  bool busy_ = false;                // a unit or a commit holds the connection
  std::shared_ptr<Outcome> open_;    // the batch being gathered, if any
  size_t units_ = 0;                 // in the open batch
};

}  // namespace trialcore::store
