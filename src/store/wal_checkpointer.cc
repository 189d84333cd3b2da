#include "store/wal_checkpointer.h"

namespace trialcore::store {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::start(const std::string& path, sqlite3* writer, int pages) {
  auto own = SqliteConnection::open(path, SqliteConnection::Role::kCheckpointer);
  if (!own.ok()) return own.error();
  return std::unique_ptr<WalCheckpointer>(new WalCheckpointer(std::move(*own), writer, pages));
}

WalCheckpointer::WalCheckpointer(std::unique_ptr<SqliteConnection> own, sqlite3* writer, int pages)
    : own_(std::move(own)), writer_(writer), pages_(pages) {
  thread_ = std::thread([this] { run(); });
  // Replaces the writer's own checkpoints (SQLite's autocheckpoint is this same hook).
  sqlite3_wal_hook(writer_, &WalCheckpointer::on_commit, this);
}

WalCheckpointer::~WalCheckpointer() {
  sqlite3_wal_autocheckpoint(writer_, kPages);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

int64_t WalCheckpointer::checkpoints() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return checkpoints_;
}

int64_t WalCheckpointer::writer_checkpoints() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return writer_checkpoints_;
}

int WalCheckpointer::on_commit(void* self, sqlite3* writer, const char*, int pages) {
  static_cast<WalCheckpointer*>(self)->committed(writer, pages);
  return SQLITE_OK;
}

void WalCheckpointer::committed(sqlite3* writer, int pages) {
  if (pages < pages_) {
    asked_at_ = 0;  // the WAL started again from its beginning
    return;
  }
  if (pages < kBound * pages_) {
    // The thread checkpoints again once a quarter of the threshold more is in the WAL: each
    // checkpoint syncs both files, which a writer's syncs then wait behind.
    if (asked_at_ > 0 && pages >= asked_at_ && pages - asked_at_ < pages_ / 4) return;
    asked_at_ = pages;
    std::unique_lock<std::mutex> lock(mutex_);
    wanted_ = true;
    lock.unlock();
    changed_.notify_all();
    return;
  }
  std::unique_lock<std::mutex> lock(mutex_);
  // At the bound the thread is no longer asked; the first commit that finds it idle copies
  // what it has not (the frames since its last checkpoint began), so the next transaction
  // starts the WAL again. At twice the bound, the commit waits for it to be idle. If a
  // reader still needs some frames, the next commit tries again.
  wanted_ = false;
  if (running_ && pages < 2 * kBound * pages_) return;
  changed_.wait(lock, [&] { return !running_; });
  writer_running_ = true;
  lock.unlock();
  int done = sqlite3_wal_checkpoint_v2(writer, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  lock.lock();
  writer_running_ = false;
  if (done == SQLITE_OK) ++writer_checkpoints_;
  lock.unlock();
  changed_.notify_all();
}

void WalCheckpointer::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stopping_ || (wanted_ && !writer_running_); });
    if (stopping_) return;
    wanted_ = false;
    running_ = true;
    lock.unlock();
    // A checkpoint that cannot run now (another process's, a busy file) is left to the
    // next threshold's asking; the WAL keeps every frame until one does.
    int done = sqlite3_wal_checkpoint_v2(own_->db(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
    running_ = false;
    if (done == SQLITE_OK) ++checkpoints_;
    changed_.notify_all();
  }
}

}  // namespace trialcore::store
