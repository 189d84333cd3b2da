#include "store/sqlite_store.h"

#include <sqlite3.h>

#include <mutex>

#include "store/append.h"
#include "store/event_row.h"
#include "store/schema.h"
#include "store/unit_of_work.h"

namespace trialcore::store {

namespace {

// A prepared statement, finalized when it goes out of scope.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement_, nullptr) != SQLITE_OK) statement_ = nullptr;
  }
  ~Statement() { sqlite3_finalize(statement_); }
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
  sqlite3_stmt* statement_ = nullptr;
};

// How long a writer waits for another (process or connection) before giving up.
constexpr int kBusyTimeoutMilliseconds = 30000;

constexpr const char* kEventColumns =
    "sequence, kind, subject, actor, recorded_at, clinical_date, reason, corrects, payload, previous_hash, hash";

class SqliteStore;

// What a transaction may write: nothing, the record (events, projections, local state), or
// local state only.
enum class Access { kRead, kRecord, kLocal };

class SqliteTransaction : public Transaction {
 public:
  SqliteTransaction(sqlite3* db, Projector& projector, Access access, std::string where)
      : db_(db), projector_(projector), writable_(access == Access::kRecord),
        local_writable_(access != Access::kRead), where_(std::move(where)) {}

  Result<Event> append(const NewEvent& event) override {
    if (!writable_) return Error{"", "this is a read-only transaction"};
    return append_event(*this, projector_, event, [this](const Event& e) { return insert(e); });
  }

  Result<std::optional<Event>> event(int64_t sequence) override {
    auto found = select_events(std::string("SELECT ") + kEventColumns + " FROM events WHERE sequence = ?",
                               [&](Statement& s) { s.bind(1, sequence); });
    if (!found.ok()) return found.error();
    if (found->empty()) return std::optional<Event>();
    return std::optional<Event>(std::move(found->front()));
  }

  Result<std::vector<Event>> events(int64_t after, int64_t limit) override {
    return select_events(std::string("SELECT ") + kEventColumns + " FROM events WHERE sequence > ? ORDER BY sequence LIMIT ?",
                         [&](Statement& s) {
                           s.bind(1, after);
                           s.bind(2, limit);
                         });
  }

  Result<std::vector<Event>> events_of(const std::string& subject) override {
    return select_events(std::string("SELECT ") + kEventColumns + " FROM events WHERE subject = ? ORDER BY sequence",
                         [&](Statement& s) { s.bind(1, subject); });
  }

  Result<int64_t> last_sequence() override {
    Statement s(db_, "SELECT COALESCE(MAX(sequence), 0) FROM events");
    if (!s.ok() || s.step() != SQLITE_ROW) return failure("reading the last event");
    return s.integer(0);
  }

  Result<std::optional<Json>> row(const std::string& table, const std::string& key) override {
    return read_document("projections", table, key);
  }
  Result<std::vector<Row>> rows(const std::string& table) override {
    Statement s(db_, "SELECT key, document FROM projections WHERE name = ? ORDER BY key");
    if (!s.ok()) return failure("reading " + table);
    s.bind(1, table);
    std::vector<Row> found;
    int code;
    while ((code = s.step()) == SQLITE_ROW) {
      auto document = decode_document(s.text(1), "projection " + table + "/" + s.text(0));
      if (!document.ok()) return document.error();
      found.emplace_back(s.text(0), std::move(*document));
    }
    if (code != SQLITE_DONE) return failure("reading " + table);
    return found;
  }
  Status put_row(const std::string& table, const std::string& key, const Json& document) override {
    if (!writable_) return Error{"", "this is a read-only transaction"};
    return write_document("projections", table, key, document);
  }

  Result<std::optional<Json>> local(const std::string& table, const std::string& key) override {
    return read_document("local_state", table, key);
  }
  Status put_local(const std::string& table, const std::string& key, const Json& document) override {
    if (!local_writable_) return Error{"", "this is a read-only transaction"};
    return write_document("local_state", table, key, document);
  }
  Status delete_local(const std::string& table, const std::string& key) override {
    if (!local_writable_) return Error{"", "this is a read-only transaction"};
    Statement s(db_, "DELETE FROM local_state WHERE name = ? AND key = ?");
    if (!s.ok()) return failure("deleting " + table);
    s.bind(1, table);
    s.bind(2, key);
    if (s.step() != SQLITE_DONE) return failure("deleting " + table);
    return Status::Ok();
  }
  Status prune_local(const std::string& table, const std::string& member, int64_t limit) override {
    if (!local_writable_) return Error{"", "this is a read-only transaction"};
    Statement s(db_, "DELETE FROM local_state WHERE name = ? AND CAST(json_extract(document, ?) AS INTEGER) < ?");
    if (!s.ok()) return failure("pruning " + table);
    s.bind(1, table);
    s.bind(2, "$." + member);
    s.bind(3, limit);
    if (s.step() != SQLITE_DONE) return failure("pruning " + table);
    return Status::Ok();
  }
  Result<int64_t> count_local(const std::string& table) override {
    Statement s(db_, "SELECT COUNT(*) FROM local_state WHERE name = ?");
    if (!s.ok()) return failure("counting " + table);
    s.bind(1, table);
    if (s.step() != SQLITE_ROW) return failure("counting " + table);
    return s.integer(0);
  }

 private:
  Error failure(const std::string& doing) const {
    return Error{"", "store " + where_ + ": " + doing + ": " + sqlite3_errmsg(db_), ErrorKind::kFailure};
  }

  Status insert(const Event& e) {
    Statement s(db_,
                "INSERT INTO events (sequence, kind, subject, actor, recorded_at, clinical_date, reason, corrects, "
                "payload, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s.ok()) return failure("appending an event");
    s.bind(1, e.sequence);
    s.bind(2, e.kind);
    s.bind(3, e.subject);
    s.bind(4, e.actor);
    s.bind(5, e.recorded_at);
    e.clinical_date ? s.bind(6, e.clinical_date->to_string()) : s.bind_null(6);
    s.bind(7, e.reason);
    e.corrects ? s.bind(8, *e.corrects) : s.bind_null(8);
    s.bind(9, e.payload.dump());
    s.bind(10, e.previous_hash);
    s.bind(11, e.hash);
    if (s.step() != SQLITE_DONE) return failure("appending an event");
    return Status::Ok();
  }

  Result<std::vector<Event>> select_events(const std::string& sql, const std::function<void(Statement&)>& bind) {
    Statement s(db_, sql);
    if (!s.ok()) return failure("reading events");
    bind(s);
    std::vector<Event> found;
    int code;
    while ((code = s.step()) == SQLITE_ROW) {
      auto event = decode_event({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4),
                                 s.null(5) ? std::nullopt : std::optional<std::string>(s.text(5)), s.text(6),
                                 s.null(7) ? std::nullopt : std::optional<int64_t>(s.integer(7)), s.text(8), s.text(9),
                                 s.text(10)});
      if (!event.ok()) return event.error();
      found.push_back(std::move(*event));
    }
    if (code != SQLITE_DONE) return failure("reading events");
    return found;
  }

  Result<std::optional<Json>> read_document(const char* where, const std::string& table, const std::string& key) {
    Statement s(db_, std::string("SELECT document FROM ") + where + " WHERE name = ? AND key = ?");
    if (!s.ok()) return failure("reading " + table);
    s.bind(1, table);
    s.bind(2, key);
    int code = s.step();
    if (code == SQLITE_DONE) return std::optional<Json>();
    if (code != SQLITE_ROW) return failure("reading " + table);
    auto document = decode_document(s.text(0), table + "/" + key);
    if (!document.ok()) return document.error();
    return std::optional<Json>(std::move(*document));
  }

  Status write_document(const char* where, const std::string& table, const std::string& key, const Json& document) {
    Statement s(db_, std::string("INSERT INTO ") + where +
                         " (name, key, document) VALUES (?, ?, ?) ON CONFLICT (name, key) DO UPDATE SET document = excluded.document");
    if (!s.ok()) return failure("writing " + table);
    s.bind(1, table);
    s.bind(2, key);
    s.bind(3, document.dump());
    if (s.step() != SQLITE_DONE) return failure("writing " + table);
    return Status::Ok();
  }

  sqlite3* db_;
  Projector& projector_;
  bool writable_;
  bool local_writable_;
  std::string where_;
};

class SqliteStore : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path, Projector& projector) : db_(db), path_(std::move(path)), projector_(projector) {}
  ~SqliteStore() override { sqlite3_close_v2(db_); }

  Status open() {
    // The busy timeout first: switching to WAL and migrating take locks too, and another
    // process may be writing; without it they fail at once with "database is locked".
    sqlite3_busy_timeout(db_, kBusyTimeoutMilliseconds);
    // WAL lets readers go on while one writer appends; FULL syncs every commit, so an
    // acknowledged event survives a crash or power loss.
    for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"}) {
      Status status = exec(pragma);
      if (!status.ok()) return status;
    }
    return migrate();
  }

  Status transact(const std::function<Status(Transaction&)>& work) override { return run(work, Access::kRecord); }
  Status read(const std::function<Status(Transaction&)>& work) override { return run(work, Access::kRead); }
  Status transact_local(const std::function<Status(Transaction&)>& work) override {
    std::lock_guard<std::mutex> lock(mutex_);
    // In WAL mode, NORMAL commits without syncing; the next FULL commit syncs both.
    Status unsynced = exec("PRAGMA synchronous = NORMAL");
    if (!unsynced.ok()) return unsynced;
    Status status = run_locked(work, Access::kLocal);
    Status synced = exec("PRAGMA synchronous = FULL");
    return status.ok() ? synced : status;
  }
  std::string backend() const override { return "sqlite"; }
  std::string location() const override { return path_; }

  Result<std::vector<std::pair<std::string, Row>>> all_rows() override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s(db_, "SELECT name, key, document FROM projections ORDER BY name, key");
    std::vector<std::pair<std::string, Row>> found;
    while (s.ok() && s.step() == SQLITE_ROW) {
      auto document = decode_document(s.text(2), "projection " + s.text(0) + "/" + s.text(1));
      if (!document.ok()) return document.error();
      found.push_back({s.text(0), {s.text(1), std::move(*document)}});
    }
    return found;
  }

  Status replace_rows(const std::vector<std::pair<std::string, Row>>& rows) override {
    return transact([&](Transaction& transaction) -> Status {
      Status cleared = exec("DELETE FROM projections");
      if (!cleared.ok()) return cleared;
      for (const auto& [table, row] : rows) {
        Status put = transaction.put_row(table, row.first, row.second);
        if (!put.ok()) return put;
      }
      return Status::Ok();
    });
  }

  Status backup_to(const std::string& path) override {
    std::lock_guard<std::mutex> lock(mutex_);
    sqlite3* target = nullptr;
    if (sqlite3_open_v2(path.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
      std::string message = target ? sqlite3_errmsg(target) : "cannot open";
      sqlite3_close_v2(target);
      return Error{path, "cannot be written: " + message};
    }
    sqlite3_backup* backup = sqlite3_backup_init(target, "main", db_, "main");
    int code = backup ? sqlite3_backup_step(backup, -1) : SQLITE_ERROR;
    if (backup) sqlite3_backup_finish(backup);
    std::string message = sqlite3_errmsg(target);
    sqlite3_close_v2(target);
    if (code != SQLITE_DONE) return Error{path, "backup failed: " + message};
    return Status::Ok();
  }

 private:
  Status exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      return Error{"", "store " + path_ + ": " + text, ErrorKind::kFailure};
    }
    return Status::Ok();
  }

  Status run(const std::function<Status(Transaction&)>& work, Access access) {
    std::lock_guard<std::mutex> lock(mutex_);
    return run_locked(work, access);
  }

  Status run_locked(const std::function<Status(Transaction&)>& work, Access access) {
    // IMMEDIATE takes the write lock now: what `work` reads cannot change before it appends.
    Status begun = exec(access == Access::kRead ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE");
    if (!begun.ok()) return begun;
    SqliteTransaction transaction(db_, projector_, access, path_);
    return finish_unit_of_work([this](const char* sql) { return exec(sql); }, [&] { return work(transaction); });
  }

  Status migrate() {
    Status table = exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    if (!table.ok()) return table;
    if (schema_version() == latest_schema_version()) return Status::Ok();
    for (const Migration& migration : migrations()) {
      // The version is read again under the write lock: programs opening a new file at
      // once migrate it one after the other, and the second finds it done.
      Status status = exec("BEGIN IMMEDIATE");
      if (!status.ok()) return status;
      int version = schema_version();
      if (version > latest_schema_version()) {
        exec("ROLLBACK");
        return Error{"", "store " + path_ + " has schema version " + std::to_string(version) +
                             ", newer than this program knows (" + std::to_string(latest_schema_version()) +
                             "): use a newer trialcore"};
      }
      if (migration.version > version) {
        status = exec(migration.sqlite);
        if (status.ok()) status = exec("INSERT INTO schema_version (version) VALUES (" + std::to_string(migration.version) + ")");
      }
      if (status.ok()) status = exec("COMMIT");
      if (!status.ok()) {
        exec("ROLLBACK");
        return Error{"", "migrating to schema version " + std::to_string(migration.version) + ": " + status.error().message};
      }
    }
    return Status::Ok();
  }

  int schema_version() {
    Statement s(db_, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
    return s.ok() && s.step() == SQLITE_ROW ? static_cast<int>(s.integer(0)) : 0;
  }

  sqlite3* db_;
  std::string path_;
  Projector& projector_;
  std::mutex mutex_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, Projector& projector) {
  sqlite3* db = nullptr;
  int code = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (code != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "cannot open";
    sqlite3_close_v2(db);
    return Error{"--store", path + ": " + message, ErrorKind::kFailure};
  }
  auto store = std::make_unique<SqliteStore>(db, path, projector);
  Status opened = store->open();
  if (!opened.ok()) return Error{"--store", opened.error().message, ErrorKind::kFailure};
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace trialcore::store
