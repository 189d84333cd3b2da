#include "store/sqlite_connection.h"

#include <vector>

namespace trialcore::store {

namespace {

// How long a writer waits for another (process or connection) before giving up.
constexpr int kBusyTimeoutMilliseconds = 30000;

}  // namespace

Statement::~Statement() {
  if (!statement_) return;
  if (in_use_) {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    *in_use_ = false;
  } else {
    sqlite3_finalize(statement_);
  }
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path, Role role) {
  sqlite3* db = nullptr;
  // Each connection is used by one thread at a time (the writer's turn, a reader's lease).
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (role == Role::kWriter ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "cannot open";
    sqlite3_close_v2(db);
    return Error{"$.store", path + ": " + message, ErrorKind::kFailure};
  }
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db, path));
  // The busy timeout first: switching to WAL and migrating take locks too, and another
  // process may be writing; without it they fail at once with "database is locked".
  sqlite3_busy_timeout(db, kBusyTimeoutMilliseconds);
  // WAL lets readers go on while one writer appends; FULL syncs every commit, so an
  // acknowledged event survives a crash or power loss. Readers' connections cannot write.
  // The checkpointer's connection, with FULL, syncs the WAL before it copies and the file after.
  std::vector<const char*> pragmas;
  switch (role) {
    case Role::kWriter: pragmas = {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"}; break;
    case Role::kReader: pragmas = {"PRAGMA query_only = ON"}; break;
    case Role::kCheckpointer: pragmas = {"PRAGMA synchronous = FULL"}; break;
  }
  for (const char* pragma : pragmas) {
    Status status = connection->exec(pragma);
    if (!status.ok()) return Error{"$.store", status.error().message, ErrorKind::kFailure};
  }
  return connection;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, cached] : statements_) sqlite3_finalize(cached.statement);
  sqlite3_close_v2(db_);
}

Statement SqliteConnection::prepare(const std::string& sql) {
  Cached& cached = statements_[sql];
  if (cached.statement && !cached.in_use) {
    cached.in_use = true;
    return Statement(cached.statement, &cached.in_use);
  }
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK) {
    sqlite3_finalize(statement);
    return Statement(nullptr, nullptr);
  }
  if (cached.statement) return Statement(statement, nullptr);  // the kept one is in use: this one is for once
  cached.statement = statement;
  cached.in_use = true;
  return Statement(statement, &cached.in_use);
}

Status SqliteConnection::exec(const std::string& sql) {
  // A unit of work's BEGIN, COMMIT or ROLLBACK runs prepared once and kept: parsing it anew
  // each time cost a short read about as much as its queries. Not a PRAGMA: SQLite applies
  // most of them when they are prepared, not when they run.
  bool transaction_control = sql == "COMMIT" || sql == "ROLLBACK" || sql.rfind("BEGIN ", 0) == 0;
  if (transaction_control) {
    Statement statement = prepare(sql);
    if (statement.ok()) {
      int code;
      while ((code = statement.step()) == SQLITE_ROW) {
      }
      if (code == SQLITE_DONE) return Status::Ok();
      return Error{"", "store " + path_ + ": " + sqlite3_errmsg(db_), ErrorKind::kFailure};
    }
  }
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return Error{"", "store " + path_ + ": " + text, ErrorKind::kFailure};
  }
  return Status::Ok();
}

Error SqliteConnection::failure(const std::string& doing) const {
  return Error{"", "store " + path_ + ": " + doing + ": " + sqlite3_errmsg(db_), ErrorKind::kFailure};
}

}  // namespace trialcore::store
