// The trial's record: an append-only log of events, and projections (current state)
// derived from it in the same transaction. One interface, two backends: SQLite (embedded,
// one file) and PostgreSQL (several sites and users).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "store/event.h"

namespace trialcore::store {

class Transaction;
class Replay;
class WriterCache;

// A projection row in its projector's typed form (a patient's state rather than its JSON).
// The writer keeps forms between units of work, so a write changes a row's form in place and
// encodes the row once, where it would otherwise decode the stored row, change it and encode
// it again: the cost of a write then grows with what it adds, not with the row.
class RowForm {
 public:
  virtual ~RowForm() = default;
  // The row as stored.
  virtual Json json() const = 0;
  // The same encoded (json().dump()); a form may keep parts of its encoding between writes.
  virtual std::string text() const { return json().dump(); }
};

// Makes a row's form from the row as stored; an Error when it does not read.
using RowDecoder = std::function<Result<std::shared_ptr<RowForm>>(const Json& document)>;

// Derives projection rows from events. The store calls it for each event appended, inside
// the appending transaction; verification and rebuilds replay the whole log through it.
class Projector {
 public:
  virtual ~Projector() = default;
  virtual Status apply(const Event& event, Transaction& transaction) = 0;
  // A fold of the whole log in memory. The default replays each event through apply() on
  // rows held in memory; a projector may fold its own faster way, as long as the rows come
  // out the same.
  virtual std::unique_ptr<Replay> replay();
};

using Row = std::pair<std::string, Json>;  // key, document

// The log folded in memory, event by event in order; every projection row comes out once,
// at the end.
class Replay {
 public:
  virtual ~Replay() = default;
  // The next event of the log. `log` reads the log being replayed, as of its end.
  virtual Status add(const Event& event, Transaction& log) = 0;
  // Every row the log implies, by table then key (in byte order).
  virtual Result<std::vector<std::pair<std::string, Row>>> rows(Transaction& log) = 0;
};

// Reads and writes within one atomic unit of work. Nothing is visible to others, and
// nothing remains, unless the unit of work succeeds.
class Transaction {
 public:
  virtual ~Transaction() = default;

  // Appends an event: assigns the next sequence, chains its hash to the last event's,
  // and lets the projector update projections. An event that corrects must point at an
  // earlier event.
  virtual Result<Event> append(const NewEvent& event) = 0;

  virtual Result<std::optional<Event>> event(int64_t sequence) = 0;
  // Events after `after`, at most `limit`, in order.
  virtual Result<std::vector<Event>> events(int64_t after, int64_t limit) = 0;
  virtual Result<std::vector<Event>> events_of(const std::string& subject) = 0;
  virtual Result<int64_t> last_sequence() = 0;

  // Projection rows (derived from the log; only the projector writes them).
  virtual Result<std::optional<Json>> row(const std::string& table, const std::string& key) = 0;
  virtual Result<std::vector<Row>> rows(const std::string& table) = 0;
  // The rows of `table` whose keys begin with `prefix` (a patient's observations,
  // "<id>/<sequence>"), in key (byte) order.
  virtual Result<std::vector<Row>> rows_under(const std::string& table, const std::string& prefix) = 0;
  virtual Status put_row(const std::string& table, const std::string& key, const Json& document) = 0;
  // Removes a projection row; nothing when there is none.
  virtual Status delete_row(const std::string& table, const std::string& key) = 0;

  // A projection row in its typed form, made by `decode` unless the writer holds it already;
  // nullptr when there is no such row. The form is the row's as of this call: read it before
  // the transaction changes the row.
  Result<std::shared_ptr<const RowForm>> form(const std::string& table, const std::string& key, const RowDecoder& decode);
  // What a change of a form does to its stored row: the row is written from the form, or kept
  // as it is, when the change touched only what the form holds beside its row (a patient's
  // labs, which are rows of their own). A new or replaced form is written either way.
  enum class RowChange { kWrite, kKeep };
  // Changes a projection row through its typed form: `change` gets the form (null when there is
  // no such row; it may make one, or replace it) and changes it in place, and the row is
  // written from it (unless kept). If `change` fails, the row is as it was.
  Status change_form(const std::string& table, const std::string& key, const RowDecoder& decode,
                     const std::function<Status(std::shared_ptr<RowForm>& form)>& change,
                     RowChange row_change = RowChange::kWrite);

  // Local state that is not part of the record (sessions, login attempts): not chained,
  // not projected, not verified.
  virtual Result<std::optional<Json>> local(const std::string& table, const std::string& key) = 0;
  virtual Status put_local(const std::string& table, const std::string& key, const Json& document) = 0;
  virtual Status delete_local(const std::string& table, const std::string& key) = 0;
  // Removes the rows of `table` whose document's whole-number member `member` is below
  // `limit` (expired sessions, failed logins out of their window); keeps local state bounded.
  virtual Status prune_local(const std::string& table, const std::string& member, int64_t limit) = 0;
  virtual Result<int64_t> count_local(const std::string& table) = 0;

 protected:
  // The writer's cache, in a transaction of the record's writer; nullptr elsewhere (forms are
  // then decoded from the rows each time).
  virtual WriterCache* writer_cache() { return nullptr; }
  // Writes a projection row from its form without telling the writer's cache (the caller does).
  virtual Status write_form(const std::string& table, const std::string& key, const RowForm& form) {
    return put_row(table, key, form.json());
  }
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs `work` as one unit of work and returns once it is committed (on disk). Writers are
  // serialized (across processes too), so the chain never forks and what `work` read is
  // still true when it appends. Units running at the same time (threads) share one
  // transaction and one commit (group commit, docs/store.md); if `work` fails (or throws),
  // nothing it did remains and the others' work is not affected. `work` may run a second
  // time, when the store finds that another process wrote what it read (PostgreSQL): it
  // must not act outside the transaction, only set its results.
  virtual Status transact(const std::function<Status(Transaction&)>& work) = 0;

  // Runs `work` on a consistent snapshot without blocking writers; append and put_row fail.
  virtual Status read(const std::function<Status(Transaction&)>& work) = 0;

  // Runs `work` as a transaction that writes local state only (sessions, failed logins):
  // append and put_row fail. Its commit is not waited onto the disk (a crash may lose it,
  // and loses nothing of the record), so a flood of logins does not queue the record's
  // writes behind its syncs.
  virtual Status transact_local(const std::function<Status(Transaction&)>& work) = 0;

  // "sqlite" or "postgresql".
  virtual std::string backend() const = 0;
  // Where it is, without any password ("trial.db", "postgresql://host/db").
  virtual std::string location() const = 0;

  // For tests and tools: every projection row, by table then key.
  virtual Result<std::vector<std::pair<std::string, Row>>> all_rows() = 0;
  // Replaces every projection row (rebuilt from the log) in one transaction.
  virtual Status replace_rows(const std::vector<std::pair<std::string, Row>>& rows) = 0;

  // A consistent copy of the whole store into a new SQLite file (SQLite's online backup);
  // an Error for backends that have their own tools.
  virtual Status backup_to(const std::string& path) = 0;
};

// Opens (creating and migrating as needed) the store at `location`: a file path or
// "sqlite:PATH" for SQLite, "postgresql://..." or "postgres://..." for PostgreSQL. The
// projector is called for every event appended; it must outlive the store. Errors about the
// location name it "$.store"; a front end names its own option instead.
Result<std::unique_ptr<Store>> open_store(const std::string& location, Projector& projector);

// The SQLite file a location names, or nullopt for a PostgreSQL URL.
std::optional<std::string> sqlite_file_of(const std::string& location);

}  // namespace trialcore::store
