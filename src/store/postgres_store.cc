#include "store/postgres_store.h"

#include "store/connection_pool.h"
#include "store/database_transaction.h"
#include "store/event_row.h"
#include "store/group_commit.h"
#include "store/pg_connection.h"
#include "store/schema.h"
#include "store/writer_cache.h"

namespace trialcore::store {

std::string url_without_password(const std::string& url) {
  size_t scheme = url.find("://");
  size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + url.substr(at);
}

namespace {

// The advisory lock every writer takes: one number, chosen once, for this program's tables.
constexpr const char* kWriterLock = "SELECT pg_advisory_xact_lock(7274616)";  // "trial"
constexpr const char* kHead = "SELECT sequence, hash FROM events ORDER BY sequence DESC LIMIT 1";
// Fails (SQLSTATE 40001) unless the log still ends where this writer believes (schema.cc).
constexpr const char* kExpectHead = "SELECT trialcore_expect_head($1::bigint)";

// How a transaction talks to the server: a query runs now (after whatever was queued before
// it); a write is queued and sent with the next query or the commit.
class PgChannel {
 public:
  virtual ~PgChannel() = default;
  virtual Result<PgResult> query(const std::string& sql, PgParameters parameters) = 0;
  virtual Status write(const std::string& sql, PgParameters parameters) = 0;
};

// Another writer's work came between what this one read and what it wrote: SQLSTATE 40001
// from the head's check or the chain's trigger, or 23505 from a sequence taken.
bool moved_on(const std::string& state) { return state == "40001" || state == "23505"; }

// Reads and writes through a channel: a reader's snapshot, a transaction of local state, or
// the writer's batch with the writer's cache answering what it knows.
class PostgresTransaction : public DatabaseTransaction {
 public:
  // `cache` is the writer's, for the record's transactions; nullptr otherwise.
  PostgresTransaction(PgChannel& channel, Projector& projector, Access access, WriterCache* cache = nullptr)
      : DatabaseTransaction(projector, access, cache), channel_(channel) {}

  Result<std::vector<Event>> events(int64_t after, int64_t limit) override {
    return select_events(std::string("SELECT ") + kEventColumns + " FROM events WHERE sequence > $1 ORDER BY sequence LIMIT $2",
                         {std::to_string(after), std::to_string(limit)});
  }
  Result<std::vector<Event>> events_of(const std::string& subject) override {
    return select_events(std::string("SELECT ") + kEventColumns + " FROM events WHERE subject = $1 ORDER BY sequence",
                         {subject});
  }
  Result<int64_t> last_sequence() override {
    auto found = channel_.query("SELECT COALESCE(MAX(sequence), 0) FROM events", {});
    if (!found.ok()) return found.error();
    return found->integer(0, 0);
  }

  // Keys are ordered, and compared, as bytes (COLLATE "C"), whatever the database's collation:
  // a locale's order may skip punctuation, where "MDA-1/..." must come before "MDA-10".
  Result<std::vector<Row>> rows(const std::string& table) override {
    return select_rows("SELECT key, document FROM projections WHERE name = $1 ORDER BY key COLLATE \"C\"", table, {table});
  }
  Result<std::vector<Row>> rows_under(const std::string& table, const std::string& prefix) override {
    // projections_by_key_bytes (schema version 4) finds them.
    return select_rows(
        "SELECT key, document FROM projections WHERE name = $1 AND key COLLATE \"C\" >= $2 AND key COLLATE \"C\" < $3 "
        "ORDER BY key COLLATE \"C\"",
        table, {table, prefix, end_of_prefix(prefix)});
  }
  Result<int64_t> count_local(const std::string& table) override {
    auto found = channel_.query("SELECT COUNT(*) FROM local_state WHERE name = $1", {table});
    if (!found.ok()) return found.error();
    return found->integer(0, 0);
  }

 protected:
  Result<std::vector<Event>> select_event(int64_t sequence) override {
    return select_events(std::string("SELECT ") + kEventColumns + " FROM events WHERE sequence = $1",
                         {std::to_string(sequence)});
  }

  Result<Head> read_head() override {
    auto found = channel_.query(kHead, {});
    if (!found.ok()) return found.error();
    Head head;
    if (found->rows() > 0) head = {found->integer(0, 0), found->text(0, 1)};
    return head;
  }

  Status insert_event(const Event& e) override {
    return channel_.write(
        "INSERT INTO events (sequence, kind, subject, actor, recorded_at, clinical_date, reason, corrects, payload, "
        "previous_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        {std::to_string(e.sequence), e.kind, e.subject, e.actor, e.recorded_at,
         e.clinical_date ? std::optional<std::string>(e.clinical_date->to_string()) : std::nullopt, e.reason,
         e.corrects ? std::optional<std::string>(std::to_string(*e.corrects)) : std::nullopt, e.payload.dump(),
         e.previous_hash, e.hash});
  }

  Result<std::optional<std::string>> read_text(const char* where, const std::string& table,
                                               const std::string& key) override {
    auto found = channel_.query(std::string("SELECT document FROM ") + where + " WHERE name = $1 AND key = $2", {table, key});
    if (!found.ok()) return found.error();
    if (found->rows() == 0) return std::optional<std::string>();
    return std::optional<std::string>(found->text(0, 0));
  }

  Status write_text(const char* where, const std::string& table, const std::string& key, const std::string& text) override {
    return channel_.write(std::string("INSERT INTO ") + where +
                              " (name, key, document) VALUES ($1, $2, $3) ON CONFLICT (name, key) DO UPDATE SET "
                              "document = EXCLUDED.document",
                          {table, key, text});
  }

  Status remove_text(const char* where, const std::string& table, const std::string& key) override {
    return channel_.write(std::string("DELETE FROM ") + where + " WHERE name = $1 AND key = $2", {table, key});
  }

  Status remove_local_below(const std::string& table, const std::string& member, int64_t limit) override {
    return channel_.write(
        "DELETE FROM local_state WHERE name = $1 AND (document::jsonb ->> $2::text)::bigint < $3::bigint",
        {table, member, std::to_string(limit)});
  }

 private:
  Result<std::vector<Row>> select_rows(const char* sql, const std::string& table, PgParameters parameters) {
    auto found = channel_.query(sql, std::move(parameters));
    if (!found.ok()) return found.error();
    std::vector<Row> rows;
    for (int i = 0; i < found->rows(); ++i) {
      auto document = decode_document(found->text(i, 1), "projection " + table + "/" + found->text(i, 0));
      if (!document.ok()) return document.error();
      rows.emplace_back(found->text(i, 0), std::move(*document));
    }
    return rows;
  }

  Result<std::vector<Event>> select_events(const std::string& sql, PgParameters parameters) {
    auto found = channel_.query(sql, std::move(parameters));
    if (!found.ok()) return found.error();
    std::vector<Event> events;
    for (int i = 0; i < found->rows(); ++i) {
      auto event = decode_event({found->integer(i, 0), found->text(i, 1), found->text(i, 2), found->text(i, 3),
                                 found->text(i, 4),
                                 found->null(i, 5) ? std::nullopt : std::optional<std::string>(found->text(i, 5)),
                                 found->text(i, 6),
                                 found->null(i, 7) ? std::nullopt : std::optional<int64_t>(found->integer(i, 7)),
                                 found->text(i, 8), found->text(i, 9), found->text(i, 10)});
      if (!event.ok()) return event.error();
      events.push_back(std::move(*event));
    }
    return events;
  }

  PgChannel& channel_;
};

// A read: a snapshot (REPEATABLE READ READ ONLY) begun with its first query.
class PgReadChannel : public PgChannel {
 public:
  explicit PgReadChannel(PgConnection& connection) : connection_(connection) {}

  Result<PgResult> query(const std::string& sql, PgParameters parameters) override {
    if (!begun_) connection_.queue("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    size_t index = connection_.queue(sql, std::move(parameters));
    auto results = connection_.exchange();
    begun_ = connection_.in_transaction();
    if (!results.ok()) return results.error();
    return std::move((*results)[index]);
  }
  Status write(const std::string&, PgParameters) override { return Error{"", "this is a read-only transaction"}; }

  // A snapshot has nothing to keep: it ends the same way whatever the work's outcome.
  Status finish(Status outcome) {
    abandon();
    return outcome;
  }
  void abandon() {
    if (!connection_.in_transaction()) return;
    connection_.queue("ROLLBACK");
    connection_.exchange();
  }

 private:
  PgConnection& connection_;
  bool begun_ = false;
};

// A transaction of local state only, on a pooled connection of its own. Its writes are
// queued and sent with its next query or its commit; the commit is not waited onto the disk
// (synchronous_commit off: a crash may lose a session, never an event).
class PgLocalChannel : public PgChannel {
 public:
  explicit PgLocalChannel(PgConnection& connection) : connection_(connection) {}

  Result<PgResult> query(const std::string& sql, PgParameters parameters) override {
    if (failed_) return *failed_;
    size_t index = send_with(sql, std::move(parameters));
    auto results = connection_.exchange();
    if (!results.ok()) return fail(results.error());
    return std::move((*results)[index]);
  }
  Status write(const std::string& sql, PgParameters parameters) override {
    if (failed_) return *failed_;
    pending_.push_back({sql, std::move(parameters)});
    return Status::Ok();
  }

  // The work's outcome: what was written is committed if it succeeded, else rolled back.
  Status finish(Status outcome) { return outcome.ok() ? commit() : end(outcome); }
  void abandon() { end(Status::Ok()); }

 private:
  struct Write {
    std::string sql;
    PgParameters parameters;
  };

  // Commits what was written, unless a statement failed (then the server has rolled back,
  // and COMMIT would answer as if it had succeeded).
  Status commit() {
    if (failed_) return end(*failed_);
    if (pending_.empty() && !begun_) return Status::Ok();
    send_with("COMMIT", {});
    auto results = connection_.exchange();
    if (!results.ok()) return end(results.error());
    return Status::Ok();
  }

  // Rolls back whatever was begun.
  Status end(Status outcome) {
    pending_.clear();
    if (!connection_.lost() && connection_.in_transaction()) {
      connection_.queue("ROLLBACK");
      connection_.exchange();
    }
    return outcome;
  }

  // Queues the transaction's beginning (first time), the writes pending, then `sql`.
  size_t send_with(const std::string& sql, PgParameters parameters) {
    if (!begun_) {
      connection_.queue("BEGIN");
      connection_.queue("SET LOCAL synchronous_commit TO OFF");
      begun_ = true;
    }
    for (Write& write : pending_) connection_.queue(write.sql, std::move(write.parameters));
    pending_.clear();
    return connection_.queue(sql, std::move(parameters));
  }

  Error fail(const Error& error) {
    failed_ = error;
    return error;
  }

  PgConnection& connection_;
  std::vector<Write> pending_;
  bool begun_ = false;
  std::optional<Error> failed_;
};

// The writer's transaction, shared by the units of a batch. Its statements are queued and
// sent together with the commit: BEGIN, the writer's lock, a check that the log still ends
// at the head this writer knows, every unit's inserts and rows, COMMIT, in one round trip
// when what the units read was known (WriterCache). A unit that must read from the server
// sends what is queued with its query; its own statements then go behind a savepoint, so
// that it can be undone alone. If a statement fails at the commit, the units run again,
// each in a transaction of its own, so the failure falls on the unit it belongs to.
class PgBatch : public Batch, public PgChannel {
 public:
  PgBatch(PgConnection& writer, Projector& projector, WriterCache& cache)
      : writer_(writer), projector_(projector), cache_(cache) {}

  Status run(const std::function<Status(Transaction&)>& work) override {
    if (!begun_ && pending_.empty() && kept_ == 0 && writer_.lost()) {
      writer_.reconnect();
      cache_.forget();
    }
    cache_.begin_unit();
    unit_mark_ = pending_.size();
    unit_savepoint_ = false;
    unit_failure_.reset();
    PostgresTransaction transaction(*this, projector_, Access::kRecord, &cache_);
    Status status;
    try {
      status = work(transaction);
    } catch (...) {
      undo();
      throw;
    }
    if (status.ok() && unit_failure_) status = *unit_failure_;
    if (!status.ok()) {
      undo();
      return status;
    }
    if (unit_savepoint_) pending_.push_back({"RELEASE SAVEPOINT unit", {}});
    cache_.keep_unit();
    ++kept_;
    return Status::Ok();
  }

  bool open_to_more() const override { return !spoiled_ && !stale_ && careful_ == 0; }

  Status finish(bool& again) override {
    again = false;
    Status outcome = Status::Ok();
    if (spoiled_) {
      outcome = *spoiled_;
      abandon(true);
    } else if (stale_) {
      again = true;
      abandon(true);
    } else if (kept_ == 0) {
      abandon(false);
    } else {
      outcome = commit(again);
    }
    if (careful_ > 0) --careful_;
    begun_ = stale_ = false;
    spoiled_.reset();
    kept_ = 0;
    pending_.clear();
    return outcome;
  }

  // Sends what is queued without waiting for the commit (large rebuilds, in parts).
  Status flush() {
    auto sent = send({}, nullptr);
    return sent.ok() ? Status::Ok() : Status(sent.error());
  }

  Result<PgResult> query(const std::string& sql, PgParameters parameters) override {
    if (unit_failure_) return *unit_failure_;
    if (spoiled_) return *spoiled_;
    if (stale_) return Error{"", "the record changed underneath: this unit of work runs again", ErrorKind::kFailure};
    size_t index = 0;
    auto results = send(Statement{sql, std::move(parameters)}, &index);
    if (!results.ok()) return results.error();
    return std::move((*results)[index]);
  }

  Status write(const std::string& sql, PgParameters parameters) override {
    pending_.push_back({sql, std::move(parameters)});
    return Status::Ok();
  }

 private:
  struct Statement {
    std::string sql;
    PgParameters parameters;
  };

  // Sends the queued statements (behind BEGIN, the lock and the head when the transaction
  // has not begun), then `query` if any; its result's index in `*index`.
  Result<std::vector<PgResult>> send(std::optional<Statement> query, size_t* index) {
    size_t head_at = SIZE_MAX, preamble = 0, unit_from = 0, count = 0;
    auto queue = [&](const std::string& sql, PgParameters parameters = {}) {
      writer_.queue(sql, std::move(parameters));
      return count++;
    };
    if (!begun_) {
      queue("BEGIN");
      queue(kWriterLock);
      head_at = queue(kHead);
      preamble = count;
    }
    for (size_t i = 0; i < unit_mark_; ++i) queue(pending_[i].sql, std::move(pending_[i].parameters));
    unit_from = count;
    if (pending_.size() > unit_mark_ && !unit_savepoint_) {
      queue("SAVEPOINT unit");
      unit_savepoint_ = true;
    }
    for (size_t i = unit_mark_; i < pending_.size(); ++i) queue(pending_[i].sql, std::move(pending_[i].parameters));
    if (query) *index = queue(query->sql, std::move(query->parameters));
    pending_.clear();
    unit_mark_ = 0;
    PgConnection::Failure failure;
    auto results = writer_.exchange(&failure);
    begun_ = writer_.in_transaction();
    if (results.ok()) {
      if (head_at != SIZE_MAX) validate((*results)[head_at]);
      return results;
    }
    if (writer_.lost() || failure.index < preamble) {
      spoiled_ = failure.error;
    } else if (moved_on(failure.state)) {
      stale_ = true;
    } else if (failure.index >= unit_from) {
      unit_failure_ = failure.error;  // the unit's own statement or query: it alone fails
    } else {
      careful_ = kept_;  // an earlier unit's statement: each runs again alone, to find whose
      stale_ = true;
    }
    return failure.error;
  }

  // The head read at the batch's start: if another writer appended since this one last
  // knew the head, what the batch was answered from memory is out of date.
  void validate(const PgResult& found) {
    Head head;
    if (found.rows() > 0) head = {found.integer(0, 0), found.text(0, 1)};
    std::optional<Head> known = cache_.committed_head();
    if (known && *known == head) return;
    if (cache_.answered_from_before()) {
      stale_ = true;
      return;
    }
    cache_.forget();
    cache_.learn_head(head);
  }

  Status commit(bool& again) {
    if (!begun_) {
      writer_.queue("BEGIN");
      writer_.queue(kWriterLock);
      std::optional<Head> known = cache_.committed_head();
      if (known && cache_.answered_from_before()) writer_.queue(kExpectHead, {std::to_string(known->sequence)});
    }
    for (Statement& statement : pending_) writer_.queue(statement.sql, std::move(statement.parameters));
    writer_.queue("COMMIT");
    PgConnection::Failure failure;
    auto results = writer_.exchange(&failure);
    if (results.ok()) {
      cache_.commit_batch();
      return Status::Ok();
    }
    abandon(true);
    if (writer_.lost()) return failure.error;  // the outcome is not known: not acknowledged
    if (moved_on(failure.state)) {
      again = true;
    } else if (kept_ > 1) {
      careful_ = kept_;
      again = true;
    } else {
      return failure.error;
    }
    return Status::Ok();
  }

  // Rolls the transaction back; after a failure, what the cache holds is forgotten too.
  void abandon(bool failed) {
    if (!writer_.lost() && writer_.in_transaction()) {
      writer_.queue("ROLLBACK");
      writer_.exchange();
    }
    cache_.drop_batch();
    if (failed) cache_.forget();
  }

  // Undoes the current unit alone.
  void undo() {
    cache_.undo_unit();
    pending_.resize(unit_mark_);
    if (unit_savepoint_) {
      pending_.push_back({"ROLLBACK TO SAVEPOINT unit", {}});
      pending_.push_back({"RELEASE SAVEPOINT unit", {}});
    }
  }

  PgConnection& writer_;
  Projector& projector_;
  WriterCache& cache_;
  std::vector<Statement> pending_;
  size_t unit_mark_ = 0;      // where the current unit's statements start in pending_
  bool unit_savepoint_ = false;
  std::optional<Error> unit_failure_;
  size_t kept_ = 0;           // units kept in this batch
  bool begun_ = false;        // BEGIN has reached the server (and the head was checked)
  bool stale_ = false;
  std::optional<Error> spoiled_;
  size_t careful_ = 0;        // batches still to run one unit each
};

class PostgresStore : public Store {
 public:
  PostgresStore(std::unique_ptr<PgConnection> writer, std::string url, Projector& projector)
      : writer_(std::move(writer)),
        url_(std::move(url)),
        where_(url_without_password(url_)),
        projector_(projector),
        batch_(*writer_, projector, cache_),
        group_(batch_, 32),
        readers_([this] { return PgConnection::open(url_, where_); }) {}

  Status transact(const std::function<Status(Transaction&)>& work) override { return group_.transact(work); }

  Status read(const std::function<Status(Transaction&)>& work) override {
    return on_pooled_connection<PgReadChannel>(Access::kRead, work);
  }

  // Local state is written on a pooled connection, beside the writer rather than in its
  // batch: a batch would make a login wait for the record's units, the writer's lock and the
  // batch's synced commit, and tie its outcome to theirs. PostgreSQL locks rows, not the
  // store, so it waits for no record writer (but one writing the same local rows), and
  // synchronous_commit off spares it the wait for the disk.
  Status transact_local(const std::function<Status(Transaction&)>& work) override {
    return on_pooled_connection<PgLocalChannel>(Access::kLocal, work);
  }

  std::string backend() const override { return "postgresql"; }
  std::string location() const override { return where_; }

  Result<std::vector<std::pair<std::string, Row>>> all_rows() override {
    auto reader = readers_.lease();
    if (!reader.ok()) return reader.error();
    if ((*reader)->lost()) (*reader)->reconnect();
    (*reader)->queue("SELECT name, key, document FROM projections ORDER BY name COLLATE \"C\", key COLLATE \"C\"");
    auto results = (*reader)->exchange();
    if (!results.ok()) return results.error();
    const PgResult& result = (*results)[0];
    std::vector<std::pair<std::string, Row>> found;
    for (int i = 0; i < result.rows(); ++i) {
      auto document = decode_document(result.text(i, 2), "projection " + result.text(i, 0) + "/" + result.text(i, 1));
      if (!document.ok()) return document.error();
      found.push_back({result.text(i, 0), {result.text(i, 1), std::move(*document)}});
    }
    return found;
  }

  Status replace_rows(const std::vector<std::pair<std::string, Row>>& rows) override {
    return group_.run_alone([&](Transaction& transaction) -> Status {
      Status cleared = batch_.write("DELETE FROM projections", {});
      if (!cleared.ok()) return cleared;
      cache_.forget();
      size_t written = 0;
      for (const auto& [table, row] : rows) {
        Status put = transaction.put_row(table, row.first, row.second);
        // Sent in parts, so that the server's answers never pile up unread.
        if (put.ok() && ++written % 500 == 0) put = batch_.flush();
        if (!put.ok()) return put;
      }
      return Status::Ok();
    });
  }

  Status backup_to(const std::string& path) override {
    return Error{path, "a PostgreSQL store is backed up with pg_dump; `trialcore export-log` writes its log as JSON lines"};
  }

  Status migrate() {
    // Two programs opening a new database at once: one migrates, the other waits.
    Status status = writer_->exec("BEGIN");
    if (status.ok()) status = writer_->exec(kWriterLock);
    if (status.ok()) status = writer_->exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    if (!status.ok()) {
      writer_->exec("ROLLBACK");
      return status;
    }
    // A version that cannot be read is an error, not a new database: read as 0, it would
    // run every migration again over the tables it made.
    auto found = writer_->select("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    if (!found.ok()) {
      writer_->exec("ROLLBACK");
      return Error{"", "reading the schema version: " + found.error().message};
    }
    int version = static_cast<int>(found->integer(0, 0));
    if (version > latest_schema_version()) {
      writer_->exec("ROLLBACK");
      return Error{"", "store " + where_ + " has schema version " + std::to_string(version) +
                           ", newer than this program knows (" + std::to_string(latest_schema_version()) +
                           "): use a newer trialcore"};
    }
    for (const Migration& migration : migrations()) {
      if (migration.version <= version) continue;
      status = writer_->exec(migration.postgresql);
      if (status.ok()) status = writer_->exec("INSERT INTO schema_version (version) VALUES (" + std::to_string(migration.version) + ")");
      if (!status.ok()) {
        writer_->exec("ROLLBACK");
        return Error{"", "migrating to schema version " + std::to_string(migration.version) + ": " + status.error().message};
      }
    }
    return writer_->exec("COMMIT");
  }

 private:
  // Runs `work` through a Channel of its own on a pooled connection (reconnected first if it
  // was lost). A connection lost on the way is not put back in the pool.
  template <class Channel>
  Status on_pooled_connection(Access access, const std::function<Status(Transaction&)>& work) {
    auto connection = readers_.lease();
    if (!connection.ok()) return connection.error();
    if ((*connection)->lost()) (*connection)->reconnect();
    Channel channel(**connection);
    PostgresTransaction transaction(channel, projector_, access);
    Status status;
    try {
      status = work(transaction);
    } catch (...) {
      channel.abandon();
      if ((*connection)->lost()) connection->discard();
      throw;
    }
    status = channel.finish(status);
    if ((*connection)->lost()) connection->discard();
    return status;
  }

  std::unique_ptr<PgConnection> writer_;
  std::string url_;
  std::string where_;
  Projector& projector_;
  WriterCache cache_;
  PgBatch batch_;
  GroupCommit group_;
  ConnectionPool<PgConnection> readers_;  // for reads, and for transactions of local state
};

}  // namespace

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url, Projector& projector) {
  auto writer = PgConnection::open(url, url_without_password(url));
  if (!writer.ok()) return writer.error();
  auto store = std::make_unique<PostgresStore>(std::move(*writer), url, projector);
  Status migrated = store->migrate();
  if (!migrated.ok()) return Error{"$.store", migrated.error().message, ErrorKind::kFailure};
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace trialcore::store
