// The writer's WAL copied back into the database file on a thread of its own.
//
// SQLite checkpoints by default in the commit that finds the WAL past 1,000 pages: that
// commit, and every unit of work waiting on it, waits for the WAL and the database file to be
// synced and the pages copied (under load, a write in a few hundred took three times as long
// as the rest). Here the writer's commits only ask, and a checkpoint on a connection of its
// own runs beside the next commits. It is SQLite's own passive checkpoint, the one the
// default runs: it never blocks the writer or a reader, and a crash at any point of it loses
// nothing (the WAL keeps every committed frame until the file has it).
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
  // SQLite's own threshold: a checkpoint once the WAL holds this many pages.
  static constexpr int kPages = 1000;

  // Takes over `writer`'s checkpoints (its commits ask for one past `pages` pages) with a
  // connection of its own to the database at `path`; if that connection cannot be opened,
  // an Error, and the writer keeps checkpointing in its commits.
  static Result<std::unique_ptr<WalCheckpointer>> start(const std::string& path, sqlite3* writer, int pages = kPages);
  // Hands the checkpoints back to the writer's commits and stops the thread (a checkpoint
  // under way ends first). The writer must not be committing meanwhile.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Checkpoints run so far (each copies what the WAL holds that no reader still needs).
  int64_t checkpoints() const;

 private:
  WalCheckpointer(std::unique_ptr<SqliteConnection> own, sqlite3* writer, int pages);
  // The writer's commit hook: asks for a checkpoint once the WAL holds `pages` or more.
  static int on_commit(void* self, sqlite3*, const char*, int pages);
  void run();

  std::unique_ptr<SqliteConnection> own_;
  sqlite3* writer_;
  int pages_;
  mutable std::mutex mutex_;
  std::condition_variable asked_;
  bool wanted_ = false;
  bool stopping_ = false;
  int64_t checkpoints_ = 0;
  std::thread thread_;
};

}  // namespace trialcore::store
