#include "store/pg_connection.h"

namespace trialcore::store {

Result<std::unique_ptr<PgConnection>> PgConnection::open(const std::string& url, const std::string& where) {
  PGconn* connection = PQconnectdb(url.c_str());
  if (PQstatus(connection) != CONNECTION_OK) {
    std::string message = PQerrorMessage(connection);
    PQfinish(connection);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return Error{"$.store", where + ": cannot connect: " + message, ErrorKind::kFailure};
  }
  std::unique_ptr<PgConnection> opened(new PgConnection(connection, where));
  Status quiet = opened->exec("SET client_min_messages = warning");
  if (!quiet.ok()) return quiet.error();
  return opened;
}

PgConnection::~PgConnection() { PQfinish(connection_); }

Error PgConnection::failure(const std::string& message) const {
  std::string text = message;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return Error{"", "store " + where_ + ": " + text, ErrorKind::kFailure};
}

Status PgConnection::exec(const std::string& sql) {
  auto done = select(sql);
  return done.ok() ? Status::Ok() : Status(done.error());
}

Result<PgResult> PgConnection::select(const std::string& sql) {
  if (PQpipelineStatus(connection_) != PQ_PIPELINE_OFF && !PQexitPipelineMode(connection_)) {
    return failure(PQerrorMessage(connection_));
  }
  // Migrations hold several statements, which only the simple protocol accepts.
  PgResult result(PQexec(connection_, sql.c_str()));
  ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return failure(PQresultErrorMessage(result.get()));
  return result;
}

size_t PgConnection::queue(const std::string& sql, PgParameters parameters) {
  queue_.push_back({sql, std::move(parameters)});
  return queue_.size() - 1;
}

bool PgConnection::in_transaction() const {
  PGTransactionStatusType status = PQtransactionStatus(connection_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

void PgConnection::reconnect() {
  queue_.clear();
  prepared_.clear();
  if (PQpipelineStatus(connection_) != PQ_PIPELINE_OFF) PQexitPipelineMode(connection_);
  PQreset(connection_);
  if (PQstatus(connection_) == CONNECTION_OK) exec("SET client_min_messages = warning");
}

Result<std::vector<PgResult>> PgConnection::exchange(Failure* failure_out) {
  std::vector<Queued> sending = std::move(queue_);
  queue_.clear();
  auto fail = [&](size_t index, const std::string& state, const std::string& message) -> Error {
    Error error = failure(message);
    if (failure_out) *failure_out = {index, state, error};
    return error;
  };
  if (PQstatus(connection_) != CONNECTION_OK) return fail(0, "08006", PQerrorMessage(connection_));
  if (PQpipelineStatus(connection_) == PQ_PIPELINE_OFF && !PQenterPipelineMode(connection_)) {
    return fail(0, "", PQerrorMessage(connection_));
  }
  // Whether each command sent prepares a statement (first use) or runs one.
  std::vector<bool> is_preparation;
  for (size_t i = 0; i < sending.size(); ++i) {
    const Queued& statement = sending[i];
    auto known = prepared_.find(statement.sql);
    if (known == prepared_.end()) {
      std::string name = "trialcore_" + std::to_string(++statements_named_);
      known = prepared_.emplace(statement.sql, name).first;
      if (!PQsendPrepare(connection_, name.c_str(), statement.sql.c_str(), 0, nullptr)) {
        prepared_.erase(known);
        return fail(i, "", PQerrorMessage(connection_));
      }
      is_preparation.push_back(true);
    }
    std::vector<const char*> values;
    for (const auto& parameter : statement.parameters) values.push_back(parameter ? parameter->c_str() : nullptr);
    if (!PQsendQueryPrepared(connection_, known->second.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                             nullptr, 0)) {
      return fail(i, "", PQerrorMessage(connection_));
    }
    is_preparation.push_back(false);
  }
  if (!PQpipelineSync(connection_)) return fail(0, "", PQerrorMessage(connection_));

  // One result for each preparation and statement, each followed by a null, then the sync.
  std::vector<PgResult> results;
  std::optional<Failure> first;
  size_t index = 0;
  for (bool preparation : is_preparation) {
    PgResult result(PQgetResult(connection_));
    if (!result.get()) {
      if (!first) first = Failure{index, "08006", failure(PQerrorMessage(connection_))};
      break;
    }
    while (PGresult* extra = PQgetResult(connection_)) PQclear(extra);
    ExecStatusType status = PQresultStatus(result.get());
    bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    if (!ok && !first && status != PGRES_PIPELINE_ABORTED) {
      const char* state = PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
      first = Failure{index, state ? state : "", failure(PQresultErrorMessage(result.get()))};
    }
    if (preparation) {
      if (!ok) prepared_.erase(sending[index].sql);  // prepared again next time
      continue;
    }
    results.push_back(std::move(result));
    ++index;
  }
  if (!first || first->state != "08006") {
    PgResult sync(PQgetResult(connection_));
    if (PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC && !first) {
      first = Failure{index, "08006", failure(PQerrorMessage(connection_))};
    }
  }
  if (first) {
    if (failure_out) *failure_out = *first;
    return first->error;
  }
  return results;
}

}  // namespace trialcore::store
