#include "omop/omop_database.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>

namespace trialcore::omop {

namespace {

class SqliteRow : public Row {
 public:
  explicit SqliteRow(sqlite3_stmt* statement) : statement_(statement) {}
  bool null(int column) const override { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  int64_t integer(int column) const override { return sqlite3_column_int64(statement_, column); }
  double number(int column) const override { return sqlite3_column_double(statement_, column); }
  std::string_view text(int column) const override {
    const unsigned char* value = sqlite3_column_text(statement_, column);
    if (!value) return {};
    return {reinterpret_cast<const char*>(value), static_cast<size_t>(sqlite3_column_bytes(statement_, column))};
  }

 private:
  sqlite3_stmt* statement_;
};

class SqliteDatabase : public Database {
 public:
  explicit SqliteDatabase(sqlite3* db) : db_(db) {}
  ~SqliteDatabase() override { sqlite3_close(db_); }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Status execute(const std::string& sql) override {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      return Error{"", "SQLite: " + text, ErrorKind::kFailure};
    }
    return Status::Ok();
  }

  Status query(const std::string& sql, const std::function<void(const Row&)>& on_row) override {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      return Error{"", std::string("SQLite: ") + sqlite3_errmsg(db_), ErrorKind::kFailure};
    }
    SqliteRow row(statement);
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(statement)) == SQLITE_ROW) on_row(row);
    sqlite3_finalize(statement);
    if (step != SQLITE_DONE) return Error{"", std::string("SQLite: ") + sqlite3_errmsg(db_), ErrorKind::kFailure};
    return Status::Ok();
  }

  Status write_rows(const std::string& table, const std::vector<std::string>& columns,
                    const std::function<bool(RowValues&)>& next) override {
    std::string names, marks;
    for (const std::string& column : columns) {
      names += (names.empty() ? "" : ", ") + column;
      marks += marks.empty() ? "?" : ", ?";
    }
    Status begun = execute("BEGIN");
    if (!begun.ok()) return begun;
    sqlite3_stmt* statement = nullptr;
    std::string sql = "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")";
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      Error error{"", std::string("SQLite: ") + sqlite3_errmsg(db_), ErrorKind::kFailure};
      execute("ROLLBACK");
      return error;
    }
    RowValues values(columns.size());
    while (next(values)) {
      for (size_t i = 0; i < values.size(); ++i) {
        int index = static_cast<int>(i) + 1;
        if (!values[i]) {
          sqlite3_bind_null(statement, index);
        } else {
          // Numbers as numbers, so that a column of REAL keeps them as doubles.
          const std::string& text = *values[i];
          char* end = nullptr;
          double number = std::strtod(text.c_str(), &end);
          bool numeric = !text.empty() && end && *end == '\0' && text.find('-', 1) == std::string::npos;
          if (numeric && text.find_first_of(".eE") == std::string::npos) {
            sqlite3_bind_int64(statement, index, std::strtoll(text.c_str(), nullptr, 10));
          } else if (numeric) {
            sqlite3_bind_double(statement, index, number);
          } else {
            sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
          }
        }
      }
      if (sqlite3_step(statement) != SQLITE_DONE) {
        Error error{"", std::string("SQLite: ") + sqlite3_errmsg(db_), ErrorKind::kFailure};
        sqlite3_finalize(statement);
        execute("ROLLBACK");
        return error;
      }
      sqlite3_reset(statement);
    }
    sqlite3_finalize(statement);
    return execute("COMMIT");
  }

 private:
  sqlite3* db_;
};

class PostgresRow : public Row {
 public:
  PostgresRow(PGresult* result, int row) : result_(result), row_(row) {}
  bool null(int column) const override { return PQgetisnull(result_, row_, column) != 0; }
  int64_t integer(int column) const override { return std::strtoll(PQgetvalue(result_, row_, column), nullptr, 10); }
  double number(int column) const override { return std::strtod(PQgetvalue(result_, row_, column), nullptr); }
  std::string_view text(int column) const override {
    return {PQgetvalue(result_, row_, column), static_cast<size_t>(PQgetlength(result_, row_, column))};
  }
  void at(int row) { row_ = row; }

 private:
  PGresult* result_;
  int row_;
};

class PostgresDatabase : public Database {
 public:
  explicit PostgresDatabase(PGconn* connection) : connection_(connection) {}
  ~PostgresDatabase() override { PQfinish(connection_); }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Status execute(const std::string& sql) override {
    PGresult* result = PQexec(connection_, sql.c_str());
    ExecStatusType status = PQresultStatus(result);
    PQclear(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return failure();
    return Status::Ok();
  }

  // Rows are fetched through a cursor, 20,000 at a time, so that a million-row answer
  // never sits whole in memory.
  Status query(const std::string& sql, const std::function<void(const Row&)>& on_row) override {
    Status begun = execute("BEGIN READ ONLY");
    if (!begun.ok()) return begun;
    Status declared = execute("DECLARE trialcore_rows NO SCROLL CURSOR FOR " + sql);
    if (!declared.ok()) {
      execute("ROLLBACK");
      return declared;
    }
    while (true) {
      PGresult* result = PQexec(connection_, "FETCH 20000 FROM trialcore_rows");
      if (PQresultStatus(result) != PGRES_TUPLES_OK) {
        PQclear(result);
        Error error = failure();
        execute("ROLLBACK");
        return error;
      }
      int rows = PQntuples(result);
      PostgresRow row(result, 0);
      for (int i = 0; i < rows; ++i) {
        row.at(i);
        on_row(row);
      }
      PQclear(result);
      if (rows == 0) break;
    }
    return execute("COMMIT");
  }

  Status write_rows(const std::string& table, const std::vector<std::string>& columns,
                    const std::function<bool(RowValues&)>& next) override {
    std::string names;
    for (const std::string& column : columns) names += (names.empty() ? "" : ", ") + column;
    PGresult* started = PQexec(connection_, ("COPY " + table + " (" + names + ") FROM STDIN").c_str());
    bool copying = PQresultStatus(started) == PGRES_COPY_IN;
    PQclear(started);
    if (!copying) return failure();
    RowValues values(columns.size());
    std::string buffer;
    auto flush = [&]() {
      bool sent = PQputCopyData(connection_, buffer.data(), static_cast<int>(buffer.size())) == 1;
      buffer.clear();
      return sent;
    };
    while (next(values)) {
      for (size_t i = 0; i < values.size(); ++i) {
        if (i) buffer += '\t';
        if (!values[i]) {
          buffer += "\\N";
          continue;
        }
        for (char c : *values[i]) {
          if (c == '\t' || c == '\n' || c == '\\') buffer += '\\';
          buffer += c;
        }
      }
      buffer += '\n';
      if (buffer.size() > (1 << 20) && !flush()) return failure();
    }
    if (!flush() || PQputCopyEnd(connection_, nullptr) != 1) return failure();
    Status status = Status::Ok();
    while (PGresult* result = PQgetResult(connection_)) {
      if (PQresultStatus(result) != PGRES_COMMAND_OK && status.ok()) {
        status = Error{"", std::string("PostgreSQL: ") + PQresultErrorMessage(result), ErrorKind::kFailure};
      }
      PQclear(result);
    }
    return status;
  }

 private:
  Error failure() const {
    return Error{"", std::string("PostgreSQL: ") + PQerrorMessage(connection_), ErrorKind::kFailure};
  }
  PGconn* connection_;
};

}  // namespace

Result<std::unique_ptr<Database>> open_database(const std::string& url, const std::string& option, bool create) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::string file = url.substr(7);
    if (file.empty()) return Error{option, "'sqlite:' needs a file name (sqlite:FILE)"};
    if (!create && !std::filesystem::exists(file)) {
      return Error{option, "no SQLite database at '" + file + "'", ErrorKind::kFailure};
    }
    sqlite3* db = nullptr;
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(file.c_str(), &db, flags, nullptr) != SQLITE_OK) {
      std::string message = db ? sqlite3_errmsg(db) : "cannot open";
      sqlite3_close(db);
      return Error{option, "cannot open '" + file + "': " + message, ErrorKind::kFailure};
    }
    return std::unique_ptr<Database>(new SqliteDatabase(db));
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    PGconn* connection = PQconnectdb(url.c_str());
    if (PQstatus(connection) != CONNECTION_OK) {
      std::string message = PQerrorMessage(connection);
      PQfinish(connection);
      while (!message.empty() && message.back() == '\n') message.pop_back();
      return Error{option, "cannot connect to PostgreSQL: " + message, ErrorKind::kFailure};
    }
    // The criteria's query is one large expression a person; the planner cannot know that
    // each joined part has one row a person, overestimates the cost, and JIT-compiling the
    // expression then takes minutes for a query that runs in seconds. Rows are read through a
    // cursor, and all of them are read: plan for the whole answer, not the first rows.
    PGresult* settings = PQexec(connection, "SET client_min_messages = warning; SET jit = off; SET cursor_tuple_fraction = 1.0");
    PQclear(settings);
    return std::unique_ptr<Database>(new PostgresDatabase(connection));
  }
  return Error{option, "'" + url + "' is neither sqlite:FILE nor postgresql://..."};
}

}  // namespace trialcore::omop
