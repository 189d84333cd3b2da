#include "store/postgres_store.h"

#include <libpq-fe.h>

#include <mutex>

#include "store/append.h"
#include "store/event_row.h"
#include "store/schema.h"
#include "store/unit_of_work.h"

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

// A query's result, cleared when it goes out of scope.
class Query {
 public:
  Query(PGconn* connection, const std::string& sql, const std::vector<std::optional<std::string>>& parameters = {}) {
    if (parameters.empty()) {
      // Migrations hold several statements, which only the simple protocol accepts.
      result_ = PQexec(connection, sql.c_str());
      return;
    }
    std::vector<const char*> values;
    for (const auto& parameter : parameters) values.push_back(parameter ? parameter->c_str() : nullptr);
    result_ = PQexecParams(connection, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                           nullptr, 0);
  }
  ~Query() { PQclear(result_); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  bool ok() const {
    ExecStatusType status = PQresultStatus(result_);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
  }
  std::string error() const { return PQresultErrorMessage(result_); }
  int rows() const { return PQntuples(result_); }
  bool null(int row, int column) const { return PQgetisnull(result_, row, column); }
  std::string text(int row, int column) const { return PQgetvalue(result_, row, column); }
  int64_t integer(int row, int column) const { return std::stoll(text(row, column)); }

 private:
  PGresult* result_ = nullptr;
};

constexpr const char* kEventColumns =
    "sequence, kind, subject, actor, recorded_at, clinical_date, reason, corrects, payload, previous_hash, hash";

// What a transaction may write: nothing, the record (events, projections, local state), or
// local state only.
enum class Access { kRead, kRecord, kLocal };

class PostgresTransaction : public Transaction {
 public:
  PostgresTransaction(PGconn* connection, Projector& projector, Access access, std::string where)
      : connection_(connection), projector_(projector), writable_(access == Access::kRecord),
        local_writable_(access != Access::kRead), where_(std::move(where)) {}

  Result<Event> append(const NewEvent& event) override {
    if (!writable_) return Error{"", "this is a read-only transaction"};
    return append_event(*this, projector_, event, [this](const Event& e) { return insert(e); });
  }

  Result<std::optional<Event>> event(int64_t sequence) override {
    auto found = select_events(std::string("SELECT ") + kEventColumns + " FROM events WHERE sequence = $1",
                               {std::to_string(sequence)});
    if (!found.ok()) return found.error();
    if (found->empty()) return std::optional<Event>();
    return std::optional<Event>(std::move(found->front()));
  }
  Result<std::vector<Event>> events(int64_t after, int64_t limit) override {
    return select_events(std::string("SELECT ") + kEventColumns + " FROM events WHERE sequence > $1 ORDER BY sequence LIMIT $2",
                         {std::to_string(after), std::to_string(limit)});
  }
  Result<std::vector<Event>> events_of(const std::string& subject) override {
    return select_events(std::string("SELECT ") + kEventColumns + " FROM events WHERE subject = $1 ORDER BY sequence",
                         {subject});
  }
  Result<int64_t> last_sequence() override {
    Query query(connection_, "SELECT COALESCE(MAX(sequence), 0) FROM events");
    if (!query.ok()) return failure("reading the last event", query);
    return query.integer(0, 0);
  }

  Result<std::optional<Json>> row(const std::string& table, const std::string& key) override {
    return read_document("projections", table, key);
  }
  Result<std::vector<Row>> rows(const std::string& table) override {
    Query query(connection_, "SELECT key, document FROM projections WHERE name = $1 ORDER BY key", {table});
    if (!query.ok()) return failure("reading " + table, query);
    std::vector<Row> found;
    for (int i = 0; i < query.rows(); ++i) {
      auto document = decode_document(query.text(i, 1), "projection " + table + "/" + query.text(i, 0));
      if (!document.ok()) return document.error();
      found.emplace_back(query.text(i, 0), std::move(*document));
    }
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
    Query query(connection_, "DELETE FROM local_state WHERE name = $1 AND key = $2", {table, key});
    if (!query.ok()) return failure("deleting " + table, query);
    return Status::Ok();
  }
  Status prune_local(const std::string& table, const std::string& member, int64_t limit) override {
    if (!local_writable_) return Error{"", "this is a read-only transaction"};
    Query query(connection_,
                "DELETE FROM local_state WHERE name = $1 AND (document::jsonb ->> $2::text)::bigint < $3::bigint",
                {table, member, std::to_string(limit)});
    if (!query.ok()) return failure("pruning " + table, query);
    return Status::Ok();
  }
  Result<int64_t> count_local(const std::string& table) override {
    Query query(connection_, "SELECT COUNT(*) FROM local_state WHERE name = $1", {table});
    if (!query.ok()) return failure("counting " + table, query);
    return query.integer(0, 0);
  }

 private:
  Error failure(const std::string& doing, const Query& query) const {
    return Error{"", "store " + where_ + ": " + doing + ": " + query.error(), ErrorKind::kFailure};
  }

  Status insert(const Event& e) {
    Query query(connection_,
                "INSERT INTO events (sequence, kind, subject, actor, recorded_at, clinical_date, reason, corrects, payload, "
                "previous_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                {std::to_string(e.sequence), e.kind, e.subject, e.actor, e.recorded_at,
                 e.clinical_date ? std::optional<std::string>(e.clinical_date->to_string()) : std::nullopt, e.reason,
                 e.corrects ? std::optional<std::string>(std::to_string(*e.corrects)) : std::nullopt, e.payload.dump(),
                 e.previous_hash, e.hash});
    if (!query.ok()) return failure("appending an event", query);
    return Status::Ok();
  }

  Result<std::vector<Event>> select_events(const std::string& sql, const std::vector<std::optional<std::string>>& parameters) {
    Query query(connection_, sql, parameters);
    if (!query.ok()) return failure("reading events", query);
    std::vector<Event> found;
    for (int i = 0; i < query.rows(); ++i) {
      auto event = decode_event({query.integer(i, 0), query.text(i, 1), query.text(i, 2), query.text(i, 3), query.text(i, 4),
                                 query.null(i, 5) ? std::nullopt : std::optional<std::string>(query.text(i, 5)),
                                 query.text(i, 6),
                                 query.null(i, 7) ? std::nullopt : std::optional<int64_t>(query.integer(i, 7)),
                                 query.text(i, 8), query.text(i, 9), query.text(i, 10)});
      if (!event.ok()) return event.error();
      found.push_back(std::move(*event));
    }
    return found;
  }

  Result<std::optional<Json>> read_document(const char* where, const std::string& table, const std::string& key) {
    Query query(connection_, std::string("SELECT document FROM ") + where + " WHERE name = $1 AND key = $2", {table, key});
    if (!query.ok()) return failure("reading " + table, query);
    if (query.rows() == 0) return std::optional<Json>();
    auto document = decode_document(query.text(0, 0), table + "/" + key);
    if (!document.ok()) return document.error();
    return std::optional<Json>(std::move(*document));
  }

  Status write_document(const char* where, const std::string& table, const std::string& key, const Json& document) {
    Query query(connection_,
                std::string("INSERT INTO ") + where +
                    " (name, key, document) VALUES ($1, $2, $3) ON CONFLICT (name, key) DO UPDATE SET document = EXCLUDED.document",
                {table, key, document.dump()});
    if (!query.ok()) return failure("writing " + table, query);
    return Status::Ok();
  }

  PGconn* connection_;
  Projector& projector_;
  bool writable_;
  bool local_writable_;
  std::string where_;
};

class PostgresStore : public Store {
 public:
  PostgresStore(PGconn* connection, std::string url, Projector& projector)
      : connection_(connection), where_(url_without_password(url)), projector_(projector) {}
  ~PostgresStore() override { PQfinish(connection_); }

  Status open() {
    Query quiet(connection_, "SET client_min_messages = warning");
    return migrate();
  }

  Status transact(const std::function<Status(Transaction&)>& work) override { return run(work, Access::kRecord); }
  Status read(const std::function<Status(Transaction&)>& work) override { return run(work, Access::kRead); }
  Status transact_local(const std::function<Status(Transaction&)>& work) override { return run(work, Access::kLocal); }
  std::string backend() const override { return "postgresql"; }
  std::string location() const override { return where_; }

  Result<std::vector<std::pair<std::string, Row>>> all_rows() override {
    std::lock_guard<std::mutex> lock(mutex_);
    Query query(connection_, "SELECT name, key, document FROM projections ORDER BY name, key");
    if (!query.ok()) return Error{"", "store " + where_ + ": " + query.error(), ErrorKind::kFailure};
    std::vector<std::pair<std::string, Row>> found;
    for (int i = 0; i < query.rows(); ++i) {
      auto document = decode_document(query.text(i, 2), "projection " + query.text(i, 0) + "/" + query.text(i, 1));
      if (!document.ok()) return document.error();
      found.push_back({query.text(i, 0), {query.text(i, 1), std::move(*document)}});
    }
    return found;
  }

  Status replace_rows(const std::vector<std::pair<std::string, Row>>& rows) override {
    return transact([&](Transaction& transaction) -> Status {
      Query cleared(connection_, "DELETE FROM projections");
      if (!cleared.ok()) return Error{"", "store " + where_ + ": " + cleared.error(), ErrorKind::kFailure};
      for (const auto& [table, row] : rows) {
        Status put = transaction.put_row(table, row.first, row.second);
        if (!put.ok()) return put;
      }
      return Status::Ok();
    });
  }

  Status backup_to(const std::string& path) override {
    return Error{path, "a PostgreSQL store is backed up with pg_dump; `trialcore export-log` writes its log as JSON lines"};
  }

 private:
  Status exec(const std::string& sql) {
    Query query(connection_, sql);
    if (!query.ok()) return Error{"", "store " + where_ + ": " + query.error(), ErrorKind::kFailure};
    return Status::Ok();
  }

  Status run(const std::function<Status(Transaction&)>& work, Access access) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (PQstatus(connection_) != CONNECTION_OK) PQreset(connection_);
    Status begun = exec(access == Access::kRead ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
    if (!begun.ok()) return begun;
    // Record writers serialize on the lock; local state needs no order, nor a synced commit.
    Status prepared = access == Access::kRecord ? exec(kWriterLock)
                      : access == Access::kLocal ? exec("SET LOCAL synchronous_commit TO OFF")
                                                 : Status::Ok();
    if (!prepared.ok()) {
      exec("ROLLBACK");
      return prepared;
    }
    PostgresTransaction transaction(connection_, projector_, access, where_);
    return finish_unit_of_work([this](const char* sql) { return exec(sql); }, [&] { return work(transaction); });
  }

  Status migrate() {
    // Two programs opening a new database at once: one migrates, the other waits.
    Status status = exec("BEGIN");
    if (status.ok()) status = exec(kWriterLock);
    if (status.ok()) status = exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    if (!status.ok()) {
      exec("ROLLBACK");
      return status;
    }
    int version = 0;
    {
      Query query(connection_, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
      if (query.ok()) version = static_cast<int>(query.integer(0, 0));
    }
    if (version > latest_schema_version()) {
      exec("ROLLBACK");
      return Error{"", "store " + where_ + " has schema version " + std::to_string(version) +
                           ", newer than this program knows (" + std::to_string(latest_schema_version()) +
                           "): use a newer trialcore"};
    }
    for (const Migration& migration : migrations()) {
      if (migration.version <= version) continue;
      status = exec(migration.postgresql);
      if (status.ok()) status = exec("INSERT INTO schema_version (version) VALUES (" + std::to_string(migration.version) + ")");
      if (!status.ok()) {
        exec("ROLLBACK");
        return Error{"", "migrating to schema version " + std::to_string(migration.version) + ": " + status.error().message};
      }
    }
    return exec("COMMIT");
  }

  PGconn* connection_;
  std::string where_;
  Projector& projector_;
  std::mutex mutex_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url, Projector& projector) {
  PGconn* connection = PQconnectdb(url.c_str());
  if (PQstatus(connection) != CONNECTION_OK) {
    std::string message = PQerrorMessage(connection);
    PQfinish(connection);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return Error{"--store", url_without_password(url) + ": cannot connect: " + message, ErrorKind::kFailure};
  }
  auto store = std::make_unique<PostgresStore>(connection, url, projector);
  Status opened = store->open();
  if (!opened.ok()) return Error{"--store", opened.error().message, ErrorKind::kFailure};
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace trialcore::store
