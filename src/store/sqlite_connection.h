// One SQLite connection and its prepared statements, kept for reuse: preparing a statement
// costs more than running it, and every transaction runs the same few.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "base/result.h"

namespace trialcore::store {

// A prepared statement in use; reset (and its parameters cleared) for the next use when it
// goes out of scope.
class Statement {
 public:
  Statement(sqlite3_stmt* statement, bool* in_use) : statement_(statement), in_use_(in_use) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return statement_ != nullptr; }
  void bind(int index, const std::string& text) {
    sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void bind(int index, int64_t number) { sqlite3_bind_int64(statement_, index, number); }
  void bind_null(int index) { sqlite3_bind_null(statement_, index); }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return sqlite3_step(statement_); }
  std::string text(int column) const {
    const unsigned char* value = sqlite3_column_text(statement_, column);
    return value ? std::string(reinterpret_cast<const char*>(value), sqlite3_column_bytes(statement_, column)) : "";
  }
  int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }
  bool null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

 private:
  sqlite3_stmt* statement_;
  bool* in_use_;  // the cache's flag; nullptr for a statement prepared for one use
};

class SqliteConnection {
 public:
  // The writer's connection (WAL, every commit synced), a reader's (queries only), or the
  // one that copies the WAL back into the database file (wal_checkpointer.h).
  enum class Role { kWriter, kReader, kCheckpointer };
  static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path, Role role);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  sqlite3* db() const { return db_; }
  // The statement for `sql`, prepared once; `ok()` is false if it does not prepare.
  Statement prepare(const std::string& sql);
  // Runs SQL (several statements, no results); an Error names the store.
  Status exec(const std::string& sql);
  // The last error, prefixed "store PATH: DOING: ".
  Error failure(const std::string& doing) const;

 private:
  SqliteConnection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  struct Cached {
    sqlite3_stmt* statement = nullptr;
    bool in_use = false;
  };
  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, Cached> statements_;
};

}  // namespace trialcore::store
