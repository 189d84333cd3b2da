#include "store/group_commit.h"

namespace trialcore::store {

void GroupCommit::take_turn(std::unique_lock<std::mutex>& lock) {
  uint64_t ticket = next_ticket_++;
  waiting_.push_back(ticket);
  changed_.wait(lock, [&] { return !busy_ && waiting_.front() == ticket; });
  waiting_.pop_front();
  busy_ = true;
}

void GroupCommit::commit(Outcome& outcome, std::unique_lock<std::mutex>& lock) {
  bool stale = false;
  Status committed = batch_.finish(stale);
  lock.lock();
  outcome.status = committed;
  outcome.again = stale;
  outcome.ended = true;
}

Status GroupCommit::transact(const std::function<Status(Transaction&)>& work) {
  // A batch asks again only when another writer changed what its units read; the next time
  // they read from the database, under the writer's lock.
  for (;;) {
    bool again = false;
    Status status = run(work, again);
    if (!again) return status;
  }
}

Status GroupCommit::run(const std::function<Status(Transaction&)>& work, bool& again) {
  std::unique_lock<std::mutex> lock(mutex_);
  take_turn(lock);
  if (!open_) {
    open_ = std::make_shared<Outcome>();
    units_ = 0;
  }
  std::shared_ptr<Outcome> mine = open_;
  ++units_;
  lock.unlock();

  Status status;
  std::exception_ptr thrown;
  try {
    status = batch_.run(work);
  } catch (...) {
    thrown = std::current_exception();
  }

  lock.lock();
  if (!waiting_.empty() && units_ < max_units_ && batch_.open_to_more()) {
    // Someone is waiting: they join this transaction, and the last of them commits it.
    busy_ = false;
    changed_.notify_all();
    if (!thrown) changed_.wait(lock, [&] { return mine->ended; });
  } else {
    open_.reset();
    lock.unlock();
    commit(*mine, lock);
    busy_ = false;
    changed_.notify_all();
  }
  lock.unlock();
  if (thrown) std::rethrow_exception(thrown);
  again = mine->again;
  if (again) return Status::Ok();
  return status.ok() ? mine->status : status;
}

Status GroupCommit::between_batches(const std::function<Status()>& work) {
  std::unique_lock<std::mutex> lock(mutex_);
  take_turn(lock);
  // A batch gathered before this turn came (its units handed it on) is committed first.
  std::shared_ptr<Outcome> gathered = std::move(open_);
  open_.reset();
  lock.unlock();
  struct EndTurn {
    GroupCommit& group;
    ~EndTurn() {
      std::lock_guard<std::mutex> ended(group.mutex_);
      group.busy_ = false;
      group.changed_.notify_all();
    }
  } end_turn{*this};
  if (gathered) {
    commit(*gathered, lock);
    changed_.notify_all();
    lock.unlock();
  }
  return work();
}

Status GroupCommit::run_alone(const std::function<Status(Transaction&)>& work) {
  return between_batches([&]() -> Status {
    Status status;
    bool stale = false;
    try {
      status = batch_.run(work);
    } catch (...) {
      batch_.finish(stale);
      throw;
    }
    Status committed = batch_.finish(stale);
    if (!status.ok()) return status;
    if (stale) return Error{"", "another writer changed the record during the rebuild: run it again", ErrorKind::kFailure};
    return committed;
  });
}

}  // namespace trialcore::store
