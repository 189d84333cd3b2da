#include "store/sqlite_store.h"

#include <mutex>

#include "store/connection_pool.h"
#include "store/database_transaction.h"
#include "store/event_row.h"
#include "store/group_commit.h"
#include "store/schema.h"
#include "store/sqlite_connection.h"
#include "store/unit_of_work.h"
#include "store/wal_checkpointer.h"
#include "store/writer_cache.h"

namespace trialcore::store {

namespace {

// Reads and writes on one connection: a reader's (snapshot, read-only) or the writer's, in a
// batch with the writer's cache answering what it knows, or on its own for local state.
class SqliteTransaction : public DatabaseTransaction {
 public:
  // `cache` is the writer's, for the record's transactions; nullptr otherwise.
  SqliteTransaction(SqliteConnection& connection, Projector& projector, Access access, WriterCache* cache = nullptr)
      : DatabaseTransaction(projector, access, cache), connection_(connection) {}

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
    Statement s = connection_.prepare("SELECT COALESCE(MAX(sequence), 0) FROM events");
    if (!s.ok() || s.step() != SQLITE_ROW) return connection_.failure("reading the last event");
    return s.integer(0);
  }

  Result<std::vector<Row>> rows(const std::string& table) override {
    return select_rows("SELECT key, document FROM projections WHERE name = ? ORDER BY key", table, {});
  }

  Result<std::vector<Row>> rows_under(const std::string& table, const std::string& prefix) override {
    // Keys compare as bytes (SQLite's BINARY collation): those that begin with the prefix
    // lie between it and the prefix with its last byte raised, and the key's index finds them.
    return select_rows("SELECT key, document FROM projections WHERE name = ? AND key >= ? AND key < ? ORDER BY key", table,
                       prefix);
  }

  Result<int64_t> count_local(const std::string& table) override {
    Statement s = connection_.prepare("SELECT COUNT(*) FROM local_state WHERE name = ?");
    if (!s.ok()) return connection_.failure("counting " + table);
    s.bind(1, table);
    if (s.step() != SQLITE_ROW) return connection_.failure("counting " + table);
    return s.integer(0);
  }

  // Writes the forms the batch changed and left to write (of `table` only, unless empty).
  Status write_unwritten(const std::string& table = "") {
    for (const auto& [both, form] : cache()->unwritten()) {
      if (!table.empty() && both.first != table) continue;
      Status written = write_text(kProjectionsTable, both.first, both.second, form->text());
      if (!written.ok()) return written;
    }
    return Status::Ok();
  }

 protected:
  Result<std::vector<Event>> select_event(int64_t sequence) override {
    return select_events(std::string("SELECT ") + kEventColumns + " FROM events WHERE sequence = ?",
                         [&](Statement& s) { s.bind(1, sequence); });
  }

  Result<Head> read_head() override {
    Statement s = connection_.prepare("SELECT sequence, hash FROM events ORDER BY sequence DESC LIMIT 1");
    if (!s.ok()) return connection_.failure("reading the last event");
    Head head;
    int code = s.step();
    if (code == SQLITE_ROW) {
      head = {s.integer(0), s.text(1)};
    } else if (code != SQLITE_DONE) {
      return connection_.failure("reading the last event");
    }
    return head;
  }

  Status insert_event(const Event& e) override {
    Statement s = connection_.prepare(
        "INSERT INTO events (sequence, kind, subject, actor, recorded_at, clinical_date, reason, corrects, "
        "payload, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s.ok()) return connection_.failure("appending an event");
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
    if (s.step() != SQLITE_DONE) return connection_.failure("appending an event");
    return Status::Ok();
  }

  Result<std::optional<std::string>> read_text(const char* where, const std::string& table,
                                               const std::string& key) override {
    Statement s = connection_.prepare(std::string("SELECT document FROM ") + where + " WHERE name = ? AND key = ?");
    if (!s.ok()) return connection_.failure("reading " + table);
    s.bind(1, table);
    s.bind(2, key);
    int code = s.step();
    if (code == SQLITE_DONE) return std::optional<std::string>();
    if (code != SQLITE_ROW) return connection_.failure("reading " + table);
    return std::optional<std::string>(s.text(0));
  }

  Status write_text(const char* where, const std::string& table, const std::string& key, const std::string& text) override {
    Statement s = connection_.prepare(std::string("INSERT INTO ") + where +
                                      " (name, key, document) VALUES (?, ?, ?) ON CONFLICT (name, key) DO UPDATE SET "
                                      "document = excluded.document");
    if (!s.ok()) return connection_.failure("writing " + table);
    s.bind(1, table);
    s.bind(2, key);
    s.bind(3, text);
    if (s.step() != SQLITE_DONE) return connection_.failure("writing " + table);
    return Status::Ok();
  }

  Status remove_text(const char* where, const std::string& table, const std::string& key) override {
    Statement s = connection_.prepare(std::string("DELETE FROM ") + where + " WHERE name = ? AND key = ?");
    if (!s.ok()) return connection_.failure("deleting " + table);
    s.bind(1, table);
    s.bind(2, key);
    if (s.step() != SQLITE_DONE) return connection_.failure("deleting " + table);
    return Status::Ok();
  }

  Status remove_local_below(const std::string& table, const std::string& member, int64_t limit) override {
    Statement s = connection_.prepare(
        "DELETE FROM local_state WHERE name = ? AND CAST(json_extract(document, ?) AS INTEGER) < ?");
    if (!s.ok()) return connection_.failure("pruning " + table);
    s.bind(1, table);
    s.bind(2, "$." + member);
    s.bind(3, limit);
    if (s.step() != SQLITE_DONE) return connection_.failure("pruning " + table);
    return Status::Ok();
  }

 private:
  // The rows of `table` that `sql` selects, with the keys from `prefix` to its end when one
  // is given.
  Result<std::vector<Row>> select_rows(const char* sql, const std::string& table, const std::optional<std::string>& prefix) {
    // The forms the batch left to write are written first, so the database answers with
    // them; they stay to be written at the batch's end, in case this unit is undone.
    if (cache()) {
      Status written = write_unwritten(table);
      if (!written.ok()) return written.error();
    }
    Statement s = connection_.prepare(sql);
    if (!s.ok()) return connection_.failure("reading " + table);
    s.bind(1, table);
    if (prefix) {
      s.bind(2, *prefix);
      s.bind(3, end_of_prefix(*prefix));
    }
    std::vector<Row> found;
    int code;
    while ((code = s.step()) == SQLITE_ROW) {
      auto document = decode_document(s.text(1), "projection " + table + "/" + s.text(0));
      if (!document.ok()) return document.error();
      found.emplace_back(s.text(0), std::move(*document));
    }
    if (code != SQLITE_DONE) return connection_.failure("reading " + table);
    return found;
  }

  Result<std::vector<Event>> select_events(const std::string& sql, const std::function<void(Statement&)>& bind) {
    Statement s = connection_.prepare(sql);
    if (!s.ok()) return connection_.failure("reading events");
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
    if (code != SQLITE_DONE) return connection_.failure("reading events");
    return found;
  }

  SqliteConnection& connection_;
};

// The writer's transaction, shared by the units of a batch: BEGIN IMMEDIATE takes the
// file's write lock (other processes wait), each unit runs inside a savepoint, and one
// COMMIT syncs them all.
class SqliteBatch : public Batch {
 public:
  SqliteBatch(SqliteConnection& writer, Projector& projector, WriterCache& cache)
      : writer_(writer), projector_(projector), cache_(cache) {
    cache_.defer_writes(true);
  }

  Status run(const std::function<Status(Transaction&)>& work) override {
    if (!begun_) {
      Status begun = step("BEGIN IMMEDIATE");
      if (!begun.ok()) return begun;
      begun_ = true;
      // Another connection (another process) committed since this writer last did: what
      // the cache holds may be out of date.
      auto version = data_version();
      if (!version.ok() || *version != data_version_) cache_.forget();
      if (version.ok()) data_version_ = *version;
    }
    Status marked = step("SAVEPOINT unit");
    if (!marked.ok()) return spoiled(marked);
    cache_.begin_unit();
    SqliteTransaction transaction(writer_, projector_, Access::kRecord, &cache_);
    Status status;
    try {
      status = work(transaction);
    } catch (...) {
      undo();
      throw;
    }
    if (!status.ok()) {
      undo();
      return status;
    }
    Status kept = step("RELEASE unit");
    if (!kept.ok() || sqlite3_get_autocommit(writer_.db())) return spoiled(kept.ok() ? writer_.failure("keeping a unit of work") : kept);
    cache_.keep_unit();
    kept_ = true;
    return Status::Ok();
  }

  bool open_to_more() const override { return !spoiled_; }

  Status finish(bool& again) override {
    again = false;
    Status outcome = Status::Ok();
    if (spoiled_) {
      outcome = spoiled_status_;
      roll_back(true);
    } else if (begun_ && !kept_) {
      roll_back(false);
    } else if (begun_ && cache_.lost_unwritten()) {
      // An undone unit took with it what earlier units had changed in a form not yet
      // written: nothing is committed, and the units run again in a batch that writes each
      // change at once (so this cannot happen to it).
      roll_back(true);
      again = true;
    } else if (begun_) {
      SqliteTransaction transaction(writer_, projector_, Access::kRecord, &cache_);
      Status committed = transaction.write_unwritten();
      if (committed.ok()) committed = step("COMMIT");
      if (committed.ok()) {
        cache_.commit_batch();
      } else {
        outcome = committed;
        roll_back(true);
      }
    }
    begun_ = kept_ = spoiled_ = false;
    spoiled_status_ = Status::Ok();
    cache_.defer_writes(!again);
    return outcome;
  }

 private:
  Status step(const char* sql) {
    Statement s = writer_.prepare(sql);
    if (!s.ok() || s.step() != SQLITE_DONE) return writer_.failure(sql);
    return Status::Ok();
  }

  Result<int64_t> data_version() {
    Statement s = writer_.prepare("PRAGMA data_version");
    if (!s.ok() || s.step() != SQLITE_ROW) return writer_.failure("reading the data version");
    return s.integer(0);
  }

  // Undoes the current unit alone; if even that fails, the batch cannot go on.
  void undo() {
    cache_.undo_unit();
    Status undone = step("ROLLBACK TO unit");
    if (undone.ok()) undone = step("RELEASE unit");
    if (!undone.ok() || sqlite3_get_autocommit(writer_.db())) spoiled(undone.ok() ? writer_.failure("undoing a unit of work") : undone);
  }

  // The transaction cannot go on (SQLite rolled it back, or a savepoint failed): every unit
  // of the batch fails with this.
  Status spoiled(const Status& why) {
    spoiled_ = true;
    spoiled_status_ = why;
    return why;
  }

  // After a failure, what the cache holds is forgotten too: the outcome may be uncertain.
  void roll_back(bool failed) {
    if (!sqlite3_get_autocommit(writer_.db())) step("ROLLBACK");
    cache_.drop_batch();
    if (failed) cache_.forget();
  }

  SqliteConnection& writer_;
  Projector& projector_;
  WriterCache& cache_;
  bool begun_ = false, kept_ = false, spoiled_ = false;
  Status spoiled_status_ = Status::Ok();
  int64_t data_version_ = -1;
};

class SqliteStore : public Store {
 public:
  SqliteStore(std::unique_ptr<SqliteConnection> writer, std::string path, Projector& projector)
      : writer_(std::move(writer)),
        path_(std::move(path)),
        projector_(projector),
        batch_(*writer_, projector, cache_),
        group_(batch_),
        readers_([this] { return SqliteConnection::open(path_, SqliteConnection::Role::kReader); }) {}

  Status open() {
    Status migrated = migrate();
    if (!migrated.ok()) return migrated;
    // Without a connection of its own for checkpoints, the writer's commits keep running them.
    auto checkpointer = WalCheckpointer::start(path_, writer_->db());
    if (checkpointer.ok()) checkpointer_ = std::move(*checkpointer);
    return Status::Ok();
  }

  // SQLite's batches never find their reads stale (the write lock is taken before any unit
  // runs); a unit runs again only when an undone unit lost what others had left to write.
  Status transact(const std::function<Status(Transaction&)>& work) override { return group_.transact(work); }

  Status read(const std::function<Status(Transaction&)>& work) override {
    auto reader = readers_.lease();
    if (!reader.ok()) return reader.error();
    SqliteConnection& connection = **reader;
    Status begun = connection.exec("BEGIN DEFERRED");
    if (!begun.ok()) return begun;
    SqliteTransaction transaction(connection, projector_, Access::kRead);
    return finish_unit_of_work([&](const char* sql) { return connection.exec(sql); }, [&] { return work(transaction); });
  }

  // A file has one writer at a time, so local state is written on the writer's connection,
  // in its turn, but in a transaction of its own between the record's batches rather than
  // in one: joining a batch would make a login wait for every unit of the batch and for its
  // synced commit, and tie its outcome to theirs. Its commit is not synced (in WAL mode,
  // synchronous = NORMAL only orders the write; the next synced commit carries it to disk),
  // so the record's writers behind it wait for no sync of its own. The same connection
  // keeps the writer's cache valid: a commit of another connection would move the file's
  // data version and make the writer read back what it knows.
  Status transact_local(const std::function<Status(Transaction&)>& work) override {
    return group_.between_batches([&]() -> Status {
      Status unsynced = writer_->exec("PRAGMA synchronous = NORMAL");
      if (!unsynced.ok()) return unsynced;
      // Whatever happens to the work, the record's commits sync again.
      struct Synced {
        SqliteConnection& writer;
        ~Synced() { writer.exec("PRAGMA synchronous = FULL"); }
      } synced{*writer_};
      Status begun = writer_->exec("BEGIN IMMEDIATE");
      if (!begun.ok()) return begun;
      SqliteTransaction transaction(*writer_, projector_, Access::kLocal);
      return finish_unit_of_work([&](const char* sql) { return writer_->exec(sql); }, [&] { return work(transaction); });
    });
  }

  std::string backend() const override { return "sqlite"; }
  std::string location() const override { return path_; }

  Result<std::vector<std::pair<std::string, Row>>> all_rows() override {
    std::vector<std::pair<std::string, Row>> found;
    auto reader = readers_.lease();
    if (!reader.ok()) return reader.error();
    Statement s = (*reader)->prepare("SELECT name, key, document FROM projections ORDER BY name, key");
    int code = SQLITE_DONE;
    while (s.ok() && (code = s.step()) == SQLITE_ROW) {
      auto document = decode_document(s.text(2), "projection " + s.text(0) + "/" + s.text(1));
      if (!document.ok()) return document.error();
      found.push_back({s.text(0), {s.text(1), std::move(*document)}});
    }
    if (!s.ok() || code != SQLITE_DONE) return (*reader)->failure("reading the projections");
    return found;
  }

  Status replace_rows(const std::vector<std::pair<std::string, Row>>& rows) override {
    return group_.run_alone([&](Transaction&) -> Status {
      Status cleared = writer_->exec("DELETE FROM projections");
      if (!cleared.ok()) return cleared;
      // Written past the writer's cache, which knows nothing after this: a rebuild writes
      // every row (a row a lab) once, and none is read back by it.
      cache_.forget();
      for (const auto& [table, row] : rows) {
        Statement s = writer_->prepare("INSERT INTO projections (name, key, document) VALUES (?, ?, ?)");
        if (!s.ok()) return Status(writer_->failure("writing " + table));
        s.bind(1, table);
        s.bind(2, row.first);
        s.bind(3, row.second.dump());
        if (s.step() != SQLITE_DONE) return Status(writer_->failure("writing " + table));
      }
      return Status::Ok();
    });
  }

  Status backup_to(const std::string& path) override {
    auto reader = readers_.lease();
    if (!reader.ok()) return reader.error();
    sqlite3* target = nullptr;
    if (sqlite3_open_v2(path.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
      std::string message = target ? sqlite3_errmsg(target) : "cannot open";
      sqlite3_close_v2(target);
      return Error{path, "cannot be written: " + message};
    }
    sqlite3_backup* backup = sqlite3_backup_init(target, "main", (*reader)->db(), "main");
    int code = backup ? sqlite3_backup_step(backup, -1) : SQLITE_ERROR;
    if (backup) sqlite3_backup_finish(backup);
    std::string message = sqlite3_errmsg(target);
    sqlite3_close_v2(target);
    if (code != SQLITE_DONE) return Error{path, "backup failed: " + message};
    return Status::Ok();
  }

 private:
  Status migrate() {
    Status table = writer_->exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    if (!table.ok()) return table;
    if (auto current = schema_version(); current.ok() && *current == latest_schema_version()) return Status::Ok();
    for (const Migration& migration : migrations()) {
      // The version is read again under the write lock: programs opening a new file at
      // once migrate it one after the other, and the second finds it done.
      Status status = writer_->exec("BEGIN IMMEDIATE");
      if (!status.ok()) return status;
      // A version that cannot be read is an error, not a new file: read as 0, it would run
      // every migration again over the tables it made.
      auto read = schema_version();
      if (!read.ok()) {
        writer_->exec("ROLLBACK");
        return read.error();
      }
      int version = *read;
      if (version > latest_schema_version()) {
        writer_->exec("ROLLBACK");
        return Error{"", "store " + path_ + " has schema version " + std::to_string(version) +
                             ", newer than this program knows (" + std::to_string(latest_schema_version()) +
                             "): use a newer trialcore"};
      }
      if (migration.version > version) {
        status = writer_->exec(migration.sqlite);
        if (status.ok()) status = writer_->exec("INSERT INTO schema_version (version) VALUES (" + std::to_string(migration.version) + ")");
      }
      if (status.ok()) status = writer_->exec("COMMIT");
      if (!status.ok()) {
        writer_->exec("ROLLBACK");
        return Error{"", "migrating to schema version " + std::to_string(migration.version) + ": " + status.error().message};
      }
    }
    return Status::Ok();
  }

  // The last version migrated to; 0 for a new file.
  Result<int> schema_version() {
    Statement s = writer_->prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    if (!s.ok() || s.step() != SQLITE_ROW) return writer_->failure("reading the schema version");
    return static_cast<int>(s.integer(0));
  }

  std::unique_ptr<SqliteConnection> writer_;
  std::string path_;
  Projector& projector_;
  WriterCache cache_;
  SqliteBatch batch_;
  GroupCommit group_;
  ConnectionPool<SqliteConnection> readers_;
  std::unique_ptr<WalCheckpointer> checkpointer_;  // stopped before the writer closes
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, Projector& projector) {
  auto writer = SqliteConnection::open(path, SqliteConnection::Role::kWriter);
  if (!writer.ok()) return writer.error();
  auto store = std::make_unique<SqliteStore>(std::move(*writer), path, projector);
  Status opened = store->open();
  if (!opened.ok()) return Error{"$.store", opened.error().message, ErrorKind::kFailure};
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace trialcore::store
