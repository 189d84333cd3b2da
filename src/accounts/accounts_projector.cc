#include "accounts/accounts_projector.h"

#include "store/memory_transaction.h"

namespace trialcore::accounts {

namespace {

// The rows come out as the default replay's: apply() reads and writes the users' rows only,
// so the log's other events, skipped here, would have changed nothing.
class AccountsReplay : public store::Replay {
 public:
  explicit AccountsReplay(AccountsProjector& projector) : memory_(projector) {}
  Status add(const store::Event& event, store::Transaction&) override {
    return is_account_event(event) ? memory_.replay(event) : Status::Ok();
  }
  Result<std::vector<std::pair<std::string, store::Row>>> rows(store::Transaction&) override { return memory_.all_rows(); }

 private:
  store::MemoryTransaction memory_;
};

}  // namespace

bool is_account_event(const store::Event& event) {
  return event.kind == kUserCreated || event.kind == kPasswordChanged || event.kind == kUserAccessChanged;
}

Status AccountsProjector::apply(const store::Event& event, store::Transaction& transaction) {
  if (!is_account_event(event)) return Status::Ok();
  std::string username = event.payload.value("username", "");
  auto current = transaction.row(kUsersTable, username);
  if (!current.ok()) return current.error();
  Json user = current->value_or(Json{{"username", username}});
  if (event.kind == kUserAccessChanged) {
    user["active"] = event.payload.value("active", true);
    user["access_epoch"] = event.sequence;  // ends the sessions opened before it
    return transaction.put_row(kUsersTable, username, user);
  }
  if (event.kind == kUserCreated) {
    user["role"] = event.payload.value("role", "");
    user["created_at"] = event.recorded_at;
    user["created_by"] = event.actor;
  }
  // The password hash (Argon2id) is part of the record so that a rebuild restores logins.
  user["password_hash"] = event.payload.value("password_hash", "");
  user["must_change_password"] = event.payload.value("must_change_password", false);
  return transaction.put_row(kUsersTable, username, user);
}

std::unique_ptr<store::Replay> AccountsProjector::replay() { return std::make_unique<AccountsReplay>(*this); }

}  // namespace trialcore::accounts
