// The writer's WAL copied back into the database file on a thread of its own.
//
// SQLite checkpoints by default in the commit that finds the WAL past 1,000 pages: that
// commit, and every unit of work waiting on it, waits for the WAL and the database file to be
// synced and the pages copied (under load, a write in a few hundred took three times as long
// as the rest). Here a commit past the threshold only asks, and SQLite's passive checkpoint
// (the one the default runs) copies the WAL on a connection of its own, and again after each
// further quarter of the threshold: it never blocks the writer or a reader, and a crash at
// any point of it loses nothing (the WAL keeps every committed frame until the file has it).
//
// A WAL starts again from its beginning only when a write transaction begins with every
// frame already copied, which a checkpoint running beside a writer that never pauses does not
// reach: the WAL would grow without end. So past four times the threshold the thread is no
// longer asked, and the first commit that finds it idle copies what it has not (the frames
// since its last checkpoint began, a few), as SQLite's default would; at eight times, the
// commit waits for it to be idle. The WAL stays under about 32 MB.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "store/sqlite_connection.h"

namespace trialcore::store {

class WalCheckpointer {
 public:
  // SQLite's own threshold: past these pages in the WAL, a checkpoint.
  static constexpr int kPages = 1000;
  // The WAL's bound, in thresholds: past it the writer's commit checkpoints itself (at
  // twice it, waiting for the thread to be idle).
  static constexpr int kBound = 4;

  // Takes over `writer`'s checkpoints with a connection of its own to the database at
  // `path`; if that connection cannot be opened, an Error, and the writer keeps checkpointing
  // in its commits.
  static Result<std::unique_ptr<WalCheckpointer>> start(const std::string& path, sqlite3* writer, int pages = kPages);
  // Hands the checkpoints back to the writer's commits and stops the thread (a checkpoint
  // under way ends first). The writer must not be committing meanwhile.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Checkpoints run so far by the thread, and by the writer's commits at the bound.
  int64_t checkpoints() const;
  int64_t writer_checkpoints() const;

 private:
  WalCheckpointer(std::unique_ptr<SqliteConnection> own, sqlite3* writer, int pages);
  // The writer's commit hook (`pages`: the WAL's frames so far).
  static int on_commit(void* self, sqlite3* writer, const char*, int pages);
  void committed(sqlite3* writer, int pages);
  void run();

  std::unique_ptr<SqliteConnection> own_;
  sqlite3* writer_;
  int pages_;
  int asked_at_ = 0;  // the WAL's pages when the thread was last asked; the writer's turn alone
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool wanted_ = false;
  bool running_ = false;  // the thread is checkpointing
  bool writer_running_ = false;  // the writer's commit is checkpointing
  bool stopping_ = false;
  int64_t checkpoints_ = 0;
  int64_t writer_checkpoints_ = 0;
  std::thread thread_;
};

}  // namespace trialcore::store
