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
  asked_.notify_one();
  thread_.join();
}

int64_t WalCheckpointer::checkpoints() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return checkpoints_;
}

int WalCheckpointer::on_commit(void* self, sqlite3*, const char*, int pages) {
  auto* checkpointer = static_cast<WalCheckpointer*>(self);
  if (pages < checkpointer->pages_) return SQLITE_OK;
  {
    std::lock_guard<std::mutex> lock(checkpointer->mutex_);
    checkpointer->wanted_ = true;
  }
  checkpointer->asked_.notify_one();
  return SQLITE_OK;
}

void WalCheckpointer::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    asked_.wait(lock, [&] { return wanted_ || stopping_; });
    if (stopping_) return;
    wanted_ = false;
    lock.unlock();
    // A checkpoint that cannot run now (another connection's checkpoint, a busy file) is
    // left to the next commit's asking: the WAL keeps every frame until one does.
    int done = sqlite3_wal_checkpoint_v2(own_->db(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
    if (done == SQLITE_OK) ++checkpoints_;
  }
}

}  // namespace trialcore::store
