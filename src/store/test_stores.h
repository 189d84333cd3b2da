// For the store's tests: a projector of their own, and fresh stores of each backend. A
// PostgreSQL store is a new database on the server named by TRIALCORE_TEST_POSTGRES
// (scripts/test.sh starts one); without it the PostgreSQL tests are skipped, saying so.
#pragma once

#include <libpq-fe.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <unistd.h>

#include "store/store.h"

namespace trialcore::store::testing {

// Derives nothing: for tests of what a store keeps beside its projections (local state).
class NoProjections : public Projector {
 public:
  Status apply(const Event&, Transaction&) override { return Status::Ok(); }
};

// Counts each subject's events and remembers their kinds: "subjects"/<subject>.
class CountingProjector : public Projector {
 public:
  Status apply(const Event& event, Transaction& transaction) override {
    auto current = transaction.row("subjects", event.subject);
    if (!current.ok()) return current.error();
    Json row = current->value_or(Json{{"events", 0}, {"kinds", Json::array()}});
    row["events"] = row["events"].get<int>() + 1;
    row["kinds"].push_back(event.kind);
    if (event.payload.contains("fail")) return Error{"payload", "the projector refuses this event"};
    return transaction.put_row("subjects", event.subject, row);
  }
};

// The same count kept in a typed form (RowForm) that the writer changes in place. It refuses
// an event only after counting it in the form, so a refused unit shows whether that change
// was undone.
class FormCountingProjector : public Projector {
 public:
  struct Count : RowForm {
    int events = 0;
    Json kinds = Json::array();
    Json json() const override { return {{"events", events}, {"kinds", kinds}}; }
  };

  Status apply(const Event& event, Transaction& transaction) override {
    auto decode = [](const Json& row) -> Result<std::shared_ptr<RowForm>> {
      auto count = std::make_shared<Count>();
      count->events = row.value("events", 0);
      count->kinds = row.value("kinds", Json::array());
      return std::shared_ptr<RowForm>(count);
    };
    return transaction.change_form("subjects", event.subject, decode, [&](std::shared_ptr<RowForm>& form) -> Status {
      if (!form) form = std::make_shared<Count>();
      auto& count = static_cast<Count&>(*form);
      ++count.events;
      count.kinds.push_back(event.kind);
      if (event.payload.contains("fail")) return Error{"payload", "the projector refuses this event"};
      return Status::Ok();
    });
  }
};

inline std::string unique_name(const std::string& prefix) {
  static std::atomic<int> counter{0};
  std::random_device random;
  return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(random() % 100000);
}

inline const char* postgres_server() { return std::getenv("TRIALCORE_TEST_POSTGRES"); }

// A new, empty database on the test server, its name starting with `prefix`; its URL.
inline std::string fresh_postgres_database(const std::string& prefix = "trialcore") {
  std::string admin = postgres_server();
  std::string name = unique_name(prefix);
  PGconn* connection = PQconnectdb(admin.c_str());
  PGresult* result = PQexec(connection, ("CREATE DATABASE " + name).c_str());
  PQclear(result);
  PQfinish(connection);
  return admin.substr(0, admin.rfind('/') + 1) + name;
}

inline std::string fresh_sqlite_file() {
  return (std::filesystem::temp_directory_path() / (unique_name("trialcore") + ".db")).string();
}

// Removes a SQLite database file and the -wal and -shm files SQLite keeps beside it.
inline void remove_sqlite_files(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// Runs SQL on a SQLite file directly, as someone with access to the file could: the
// error, or "".
inline std::string raw_sqlite(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  char* message = nullptr;
  int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  std::string error = code == SQLITE_OK ? "" : (message ? message : "error");
  sqlite3_free(message);
  sqlite3_close(db);
  return error;
}

// Runs SQL on a store's database directly (a SQLite file, or a PostgreSQL URL), as someone
// with database access could: the error, or "".
inline std::string raw_sql(const std::string& location, const std::string& sql) {
  if (location.rfind("postgres", 0) != 0) return raw_sqlite(location, sql);
  PGconn* connection = PQconnectdb(location.c_str());
  PGresult* result = PQexec(connection, sql.c_str());
  ExecStatusType status = PQresultStatus(result);
  std::string error = (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) ? "" : PQresultErrorMessage(result);
  PQclear(result);
  PQfinish(connection);
  return error;
}

inline NewEvent new_event(const std::string& kind, const std::string& subject, Json payload = Json::object()) {
  NewEvent event;
  event.kind = kind;
  event.subject = subject;
  event.actor = "tester";
  event.recorded_at = "2010-07-05T10:00:00Z";
  event.clinical_date = Date(2010, 7, 5);
  event.payload = std::move(payload);
  return event;
}

}  // namespace trialcore::store::testing
