#include "store/group_commit.h"

#include <vector>

namespace trialcore::store {

void GroupCommit::wait_in_turn(Waiter& me, std::unique_lock<std::mutex>& lock) {
  queue_.push_back(&me);
  me.woken.wait(lock, [&] { return me.ended || (!busy_ && queue_.front() == &me); });
}

void GroupCommit::hand_on() {
  busy_ = false;
  if (!queue_.empty()) queue_.front()->woken.notify_one();
}

void GroupCommit::lead(std::unique_lock<std::mutex>& lock) {
  busy_ = true;
  std::vector<Waiter*> units;
  // The units queued now and those that arrive while these run, up to the batch's limit;
  // a turn alone waits for the next batch.
  while (!queue_.empty() && queue_.front()->work && units.size() < max_units_ &&
         (units.empty() || batch_.open_to_more())) {
    Waiter* unit = queue_.front();
    queue_.pop_front();
    units.push_back(unit);
    lock.unlock();
    try {
      unit->status = batch_.run(*unit->work);
    } catch (...) {
      unit->thrown = std::current_exception();
    }
    lock.lock();
  }
  lock.unlock();
  bool stale = false;
  Status committed = batch_.finish(stale);
  lock.lock();
  // Each unit's outcome is set, and its thread woken, under the lock: a woken unit returns
  // and its Waiter is gone, so nothing touches it after.
  for (Waiter* unit : units) {
    unit->again = stale;
    if (unit->status.ok()) unit->status = committed;
    unit->ended = true;
    unit->woken.notify_one();
  }
  hand_on();
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
  Waiter me;
  me.work = &work;
  std::unique_lock<std::mutex> lock(mutex_);
  wait_in_turn(me, lock);
  if (!me.ended) lead(lock);
  lock.unlock();
  if (me.thrown) std::rethrow_exception(me.thrown);
  again = me.again;
  if (again) return Status::Ok();
  return me.status;
}

Status GroupCommit::between_batches(const std::function<Status()>& work) {
  Waiter me;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    wait_in_turn(me, lock);
    queue_.pop_front();
    busy_ = true;
  }
  struct EndTurn {
    GroupCommit& group;
    ~EndTurn() {
      std::lock_guard<std::mutex> ended(group.mutex_);
      group.hand_on();
    }
  } end_turn{*this};
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
