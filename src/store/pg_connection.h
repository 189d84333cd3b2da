// One PostgreSQL connection in pipeline mode: statements are queued and sent together, and
// their results read together, so a transaction's statements cost one round trip to the
// server rather than one each. Each SQL text is prepared once on the connection, in the same
// exchange as its first use.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/result.h"

namespace trialcore::store {

// A statement's result, cleared when it goes out of scope.
class PgResult {
 public:
  explicit PgResult(PGresult* result = nullptr) : result_(result) {}
  PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  PgResult& operator=(PgResult&& other) noexcept {
    std::swap(result_, other.result_);
    return *this;
  }
  ~PgResult() { PQclear(result_); }

  PGresult* get() const { return result_; }
  int rows() const { return PQntuples(result_); }
  bool null(int row, int column) const { return PQgetisnull(result_, row, column); }
  std::string text(int row, int column) const {
    return std::string(PQgetvalue(result_, row, column), PQgetlength(result_, row, column));
  }
  int64_t integer(int row, int column) const { return std::stoll(PQgetvalue(result_, row, column)); }

 private:
  PGresult* result_;
};

using PgParameters = std::vector<std::optional<std::string>>;

class PgConnection {
 public:
  // Connects; `where` names the store in messages (the URL without its password).
  static Result<std::unique_ptr<PgConnection>> open(const std::string& url, const std::string& where);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs SQL outside the pipeline (several statements, no parameters: migrations), waiting
  // for it; `select` gives the result of one query so run.
  Status exec(const std::string& sql);
  Result<PgResult> select(const std::string& sql);

  // Queues a statement for the next exchange; its index among the exchange's results.
  size_t queue(const std::string& sql, PgParameters parameters = {});
  size_t queued() const { return queue_.size(); }

  // What went wrong in an exchange: which statement (the ones after it did not run), the
  // server's SQLSTATE ("40001"), and the message naming the store.
  struct Failure {
    size_t index = 0;
    std::string state;
    Error error;
  };
  // Sends every queued statement at once and reads their results, in order.
  Result<std::vector<PgResult>> exchange(Failure* failure = nullptr);

  // Whether the connection is lost (the next exchange would fail).
  bool lost() const { return PQstatus(connection_) != CONNECTION_OK; }
  // Connects again after a loss; what was prepared is prepared again when used.
  void reconnect();
  // Whether the server is inside a transaction (or one that failed).
  bool in_transaction() const;

 private:
  PgConnection(PGconn* connection, std::string where) : connection_(connection), where_(std::move(where)) {}
  struct Queued {
    std::string sql;
    PgParameters parameters;
  };
  Error failure(const std::string& message) const;

  PGconn* connection_;
  std::string where_;
  std::vector<Queued> queue_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
  uint64_t statements_named_ = 0;
};

}  // namespace trialcore::store
