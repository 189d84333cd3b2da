// The record's accounts, read from their projection and written as events: what the front
// ends call to create a user, change a password or deactivate one, and to find a user when
// someone signs in or acts. Passwords arrive here hashed already; sessions and failed logins
// are the front end's local state, not the record's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace trialcore::accounts {

struct Account {
  std::string username;
  std::string role;  // its name as recorded ("coordinator")
  std::string password_hash;
  bool must_change_password = false;
  bool active = true;        // a deactivated user cannot sign in
  int64_t access_epoch = 0;  // the event that last deactivated or activated them; 0: none
  std::string created_at;
  std::string created_by;
};

Result<std::optional<Account>> find_account(store::Transaction& transaction, const std::string& username);
// Every account, by username.
Result<std::vector<Account>> all_accounts(store::Transaction& transaction);
Result<bool> any_account(store::Transaction& transaction);

// Who records a change to an account, and when (UTC, as events record it).
struct Recorder {
  std::string actor;
  std::string recorded_at;
};

Status record_user_created(store::Transaction& transaction, const Recorder& by, const std::string& username,
                           const std::string& role, const std::string& password_hash, bool must_change_password);
// A password set anew; one-time when `must_change_password`.
Status record_password_changed(store::Transaction& transaction, const Recorder& by, const std::string& username,
                               const std::string& password_hash, bool must_change_password);
// A user deactivated (`active` false) or activated again, saying why.
Status record_access_changed(store::Transaction& transaction, const Recorder& by, const std::string& username, bool active,
                             const std::string& reason);

}  // namespace trialcore::accounts
