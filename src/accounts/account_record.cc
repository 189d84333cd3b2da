#include "accounts/account_record.h"

#include "accounts/accounts_projector.h"

namespace trialcore::accounts {

namespace {

Account account_of(const std::string& username, const Json& row) {
  return Account{username,
                 row.value("role", ""),
                 row.value("password_hash", ""),
                 row.value("must_change_password", false),
                 row.value("active", true),
                 row.value("access_epoch", int64_t{0}),
                 row.value("created_at", ""),
                 row.value("created_by", "")};
}

Status append(store::Transaction& transaction, const char* kind, const Recorder& by, const std::string& username,
              Json payload, const std::string& reason = "") {
  store::NewEvent event;
  event.kind = kind;
  event.subject = user_subject(username);
  event.actor = by.actor;
  event.recorded_at = by.recorded_at;
  event.reason = reason;
  payload["username"] = username;
  event.payload = std::move(payload);
  auto appended = transaction.append(event);
  return appended.ok() ? Status::Ok() : Status(appended.error());
}

}  // namespace

Result<std::optional<Account>> find_account(store::Transaction& transaction, const std::string& username) {
  auto row = transaction.row(kUsersTable, username);
  if (!row.ok()) return row.error();
  if (!row->has_value()) return std::optional<Account>();
  return std::optional<Account>(account_of(username, **row));
}

Result<std::vector<Account>> all_accounts(store::Transaction& transaction) {
  auto rows = transaction.rows(kUsersTable);
  if (!rows.ok()) return rows.error();
  std::vector<Account> accounts;
  for (const auto& [username, row] : *rows) accounts.push_back(account_of(username, row));
  return accounts;
}

Result<bool> any_account(store::Transaction& transaction) {
  auto rows = transaction.rows(kUsersTable);
  if (!rows.ok()) return rows.error();
  return !rows->empty();
}

Status record_user_created(store::Transaction& transaction, const Recorder& by, const std::string& username,
                           const std::string& role, const std::string& password_hash, bool must_change_password) {
  return append(transaction, kUserCreated, by, username,
                {{"role", role}, {"password_hash", password_hash}, {"must_change_password", must_change_password}});
}

Status record_password_changed(store::Transaction& transaction, const Recorder& by, const std::string& username,
                               const std::string& password_hash, bool must_change_password) {
  return append(transaction, kPasswordChanged, by, username,
                {{"password_hash", password_hash}, {"must_change_password", must_change_password}});
}

Status record_access_changed(store::Transaction& transaction, const Recorder& by, const std::string& username, bool active,
                             const std::string& reason) {
  return append(transaction, kUserAccessChanged, by, username, {{"active", active}}, reason);
}

}  // namespace trialcore::accounts
