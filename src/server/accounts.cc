#include "server/accounts.h"

#include <cctype>

#include "accounts/account_record.h"
#include "server/credentials.h"

namespace trialcore::server {

namespace {

bool valid_username(const std::string& name) {
  if (name.empty() || name.size() > Accounts::kMaximumUsernameLength) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) return false;
  }
  return true;
}

constexpr size_t kCheckedSessions = 10000;

const char* kUsernameRule = "must be 1 to 64 letters, digits, '.', '-' or '_'";

struct StoredUser {
  User user;
  std::string password_hash;
  int64_t access_epoch = 0;  // the event that last deactivated or activated them; 0: none
};

Result<std::optional<StoredUser>> find_user(store::Transaction& transaction, const std::string& username) {
  auto account = accounts::find_account(transaction, username);
  if (!account.ok()) return account.error();
  if (!account->has_value()) return std::optional<StoredUser>();
  const accounts::Account& found = **account;
  auto role = parse_role(found.role);
  if (!role) return Error{"", "user " + username + " has no known role", ErrorKind::kFailure};
  return std::optional<StoredUser>(
      StoredUser{User{username, *role, found.must_change_password, found.active}, found.password_hash, found.access_epoch});
}

std::string session_key(const std::string& token) { return store::sha256_hex(token); }

// What a session remembers of the password it was opened with, and of the user's latest
// deactivation or activation: when either changes, the session no longer matches and ends
// (a user activated again signs in anew).
std::string credential_of(const std::string& password_hash, int64_t access_epoch) {
  return store::sha256_hex("session/" + password_hash + (access_epoch ? "/" + std::to_string(access_epoch) : ""));
}

// An unknown username's password is checked against this, so it costs what a known one does.
const std::string& unknown_user_hash() {
  static const std::string hash = hash_password(random_password());
  return hash;
}

Error throttled(int64_t wait, int64_t* retry_after) {
  if (retry_after) *retry_after = wait;
  return Error{"", "too many failed logins: try again in " + std::to_string(wait) + " seconds", ErrorKind::kRefused};
}

}  // namespace

Accounts::Accounts(store::Store& store, std::function<int64_t()> now, std::function<std::string()> utc, LoginPolicy policy)
    : store_(store), now_(std::move(now)), utc_(std::move(utc)), policy_(policy) {
  unknown_user_hash();  // made now, so that the first unknown username costs no more than the others
}

Result<bool> Accounts::any_user() {
  bool any = false;
  Status status = store_.read([&](store::Transaction& transaction) -> Status {
    auto found = accounts::any_account(transaction);
    if (!found.ok()) return found.error();
    any = *found;
    return Status::Ok();
  });
  if (!status.ok()) return status.error();
  return any;
}

Result<std::optional<std::string>> Accounts::create_first_administrator() {
  auto any = any_user();
  if (!any.ok()) return any.error();
  if (*any) return std::optional<std::string>();
  std::string password = random_password();
  auto created = create_user("trialcore", "admin", Role::kAdministrator, password, true);
  if (!created.ok()) return created.error();
  return std::optional<std::string>(password);
}

Result<User> Accounts::create_user(const std::string& actor, const std::string& username, Role role,
                                   const std::string& password, bool must_change_password) {
  if (!valid_username(username)) return Error{"$.username", kUsernameRule};
  if (!strong_enough(password)) return Error{"$.password", "must be 12 to 1024 characters"};
  std::string hash = hash_password(password);  // before the transaction: it takes a while
  User user{username, role, must_change_password};
  Status status = store_.transact([&](store::Transaction& transaction) -> Status {
    auto existing = find_user(transaction, username);
    if (!existing.ok()) return existing.error();
    if (existing->has_value()) return Error{"$.username", "'" + username + "' exists already", ErrorKind::kRefused};
    return accounts::record_user_created(transaction, {actor, utc_()}, username, role_name(role), hash, must_change_password);
  });
  if (!status.ok()) return status.error();
  return user;
}

Result<std::vector<Json>> Accounts::list_users() {
  std::vector<Json> users;
  Status status = store_.read([&](store::Transaction& transaction) -> Status {
    auto all = accounts::all_accounts(transaction);
    if (!all.ok()) return all.error();
    for (const accounts::Account& account : *all) {
      users.push_back({{"username", account.username}, {"role", account.role}, {"created_at", account.created_at},
                       {"created_by", account.created_by}, {"active", account.active}});
    }
    return Status::Ok();
  });
  if (!status.ok()) return status.error();
  return users;
}

Result<std::optional<LoggedIn>> Accounts::change_password(const Session& by, const std::string& username,
                                                          const std::optional<std::string>& current,
                                                          const std::string& password, const std::string& source,
                                                          int64_t* retry_after) {
  bool own = by.user.username == username;
  if (!own && !may(by.user.role, Action::kManageUsers)) {
    return Error{"", "only an administrator sets another user's password", ErrorKind::kForbidden};
  }
  if (own && !current) return Error{"$.current_password", "is required: give your current password"};
  if (!strong_enough(password)) return Error{"$.password", "must be 12 to 1024 characters"};
  int64_t now = now_();
  std::optional<StoredUser> stored;
  std::optional<int64_t> wait;
  Status read = store_.read([&](store::Transaction& transaction) -> Status {
    auto found = find_user(transaction, username);
    if (!found.ok()) return found.error();
    stored = std::move(*found);
    if (!own) return Status::Ok();
    auto held = login_wait(transaction, policy_, username, source, now);
    if (!held.ok()) return held.error();
    wait = *held;
    return Status::Ok();
  });
  if (!read.ok()) return read.error();
  if (!stored) return Error{"", "no user '" + username + "'", ErrorKind::kNotFound};
  if (wait) return throttled(*wait, retry_after);
  // The password checks and the new hash, outside every transaction.
  if (own && !password_matches(stored->password_hash, *current)) {
    Status counted = store_.transact_local([&](store::Transaction& transaction) {
      return record_login_failure(transaction, policy_, username, source, now);
    });
    if (!counted.ok()) return counted.error();
    return Error{"$.current_password", "is not your current password", ErrorKind::kForbidden};
  }
  if (password_matches(stored->password_hash, password)) {
    return Error{"$.password", stored->user.must_change_password ? "must differ from the one-time password: choose your own"
                                                                 : "must differ from the current password"};
  }
  std::string hash = hash_password(password);
  std::optional<LoggedIn> renewed;
  Status changed = store_.transact([&](store::Transaction& transaction) -> Status {
    auto user = find_user(transaction, username);
    if (!user.ok()) return user.error();
    if (!user->has_value()) return Error{"", "no user '" + username + "'", ErrorKind::kNotFound};
    // Changed since it was checked above: the caller tries again with what is current.
    if ((*user)->password_hash != stored->password_hash) {
      return Error{"", "the password was changed meanwhile: try again", ErrorKind::kRefused};
    }
    // Someone else setting it makes it one-time again.
    Status recorded = accounts::record_password_changed(transaction, {by.user.username, utc_()}, username, hash, !own);
    if (!recorded.ok()) return recorded;
    if (!own) return Status::Ok();
    User updated = (*user)->user;
    updated.must_change_password = false;
    auto opened = open_session(transaction, updated, credential_of(hash, (*user)->access_epoch), now);
    if (!opened.ok()) return opened.error();
    renewed = std::move(*opened);
    return Status::Ok();
  });
  if (!changed.ok()) return changed.error();
  return renewed;
}

Result<LoggedIn> Accounts::open_session(store::Transaction& transaction, const User& user, const std::string& credential,
                                        int64_t now) {
  Status pruned = transaction.prune_local("sessions", "expires_at", now);  // ended sessions do not pile up
  if (!pruned.ok()) return pruned.error();
  LoggedIn logged_in;
  logged_in.token = random_token();
  logged_in.session = Session{user, random_token(), now + kSessionSeconds};
  Status put = transaction.put_local("sessions", session_key(logged_in.token),
                                     {{"username", user.username}, {"csrf", logged_in.session.csrf_token},
                                      {"expires_at", logged_in.session.expires_at}, {"credential", credential}});
  if (!put.ok()) return put.error();
  return logged_in;
}

Result<LoggedIn> Accounts::log_in(const std::string& username, const std::string& password, const std::string& source,
                                  int64_t* retry_after) {
  // Refused before anything is read or stored.
  if (!valid_username(username)) return Error{"$.username", kUsernameRule};
  if (password.size() > kMaximumPasswordBytes) return Error{"$.password", "must be at most 1024 characters"};
  int64_t now = now_();
  std::optional<StoredUser> stored;
  std::optional<int64_t> wait;
  Status read = store_.read([&](store::Transaction& transaction) -> Status {
    auto held = login_wait(transaction, policy_, username, source, now);
    if (!held.ok()) return held.error();
    wait = *held;
    auto found = find_user(transaction, username);
    if (!found.ok()) return found.error();
    stored = std::move(*found);
    return Status::Ok();
  });
  if (!read.ok()) return read.error();
  if (wait) return throttled(*wait, retry_after);
  // Outside every transaction, and the same work whether the user exists or not.
  bool matches = password_matches(stored ? stored->password_hash : unknown_user_hash(), password) && stored &&
                 stored->user.active;
  Result<LoggedIn> logged_in = Error{"", "the username or the password is wrong", ErrorKind::kForbidden};
  Status written = store_.transact_local([&](store::Transaction& transaction) -> Status {
    if (!matches) return record_login_failure(transaction, policy_, username, source, now);
    Status cleared = clear_login_failures(transaction, username, source);
    if (!cleared.ok()) return cleared;
    logged_in = open_session(transaction, stored->user, credential_of(stored->password_hash, stored->access_epoch), now);
    return logged_in.ok() ? Status::Ok() : Status(logged_in.error());
  });
  if (!written.ok()) return written.error();
  return logged_in;
}

Result<Session> Accounts::session(const std::string& token) {
  if (token.empty()) return Error{"", "not signed in", ErrorKind::kForbidden};
  std::string key = session_key(token);
  Result<Session> found = Error{"", "not signed in", ErrorKind::kForbidden};
  std::optional<Checked> checked;
  Status status = store_.read([&](store::Transaction& transaction) -> Status {
    auto stored = transaction.local("sessions", key);
    if (!stored.ok()) return stored.error();
    if (!stored->has_value() || (**stored).value("expires_at", int64_t{0}) < now_()) return Status::Ok();
    auto head = transaction.last_sequence();
    if (!head.ok()) return head.error();
    {
      std::lock_guard<std::mutex> lock(checked_mutex_);
      auto known = checked_.find(key);
      if (known != checked_.end() && known->second.record_head == *head && known->second.stored == **stored) {
        found = known->second.session;
        return Status::Ok();
      }
    }
    // The role is read now, so a change of role applies at once; a changed password ends it.
    auto user = find_user(transaction, (**stored).value("username", ""));
    if (!user.ok()) return user.error();
    if (!user->has_value() || !(*user)->user.active) return Status::Ok();
    if ((**stored).value("credential", "") != credential_of((*user)->password_hash, (*user)->access_epoch)) return Status::Ok();
    found = Session{(*user)->user, (**stored).value("csrf", ""), (**stored).value("expires_at", int64_t{0}), *head};
    checked = Checked{std::move(**stored), *head, *found};
    return Status::Ok();
  });
  if (!status.ok()) return status.error();
  std::lock_guard<std::mutex> lock(checked_mutex_);
  if (!found.ok()) {
    checked_.erase(key);
  } else if (checked) {
    // Bounded: a server's signed-in users are far fewer; past it, they are checked anew.
    if (checked_.size() >= kCheckedSessions) checked_.clear();
    checked_[key] = std::move(*checked);
  }
  return found;
}

Status Accounts::log_out(const std::string& token) {
  {
    std::lock_guard<std::mutex> lock(checked_mutex_);
    checked_.erase(session_key(token));
  }
  return store_.transact_local([&](store::Transaction& transaction) { return transaction.delete_local("sessions", session_key(token)); });
}

Status Accounts::set_active(const Session& by, const std::string& username, bool active, const std::string& reason) {
  if (!may(by.user.role, Action::kManageUsers)) return Error{"", "only an administrator deactivates a user", ErrorKind::kForbidden};
  if (by.user.username == username) return Error{"", "an administrator does not deactivate themselves", ErrorKind::kRefused};
  if (reason.empty()) return Error{"$.reason", "say why"};
  return store_.transact([&](store::Transaction& transaction) -> Status {
    auto user = find_user(transaction, username);
    if (!user.ok()) return user.error();
    if (!user->has_value()) return Error{"", "no user '" + username + "'", ErrorKind::kNotFound};
    if ((*user)->user.active == active) return Status::Ok();  // as asked already: nothing to record
    return accounts::record_access_changed(transaction, {by.user.username, utc_()}, username, active, reason);
  });
}

Result<std::string> Accounts::reset_password(const Session& by, const std::string& username, const std::string& source) {
  if (!may(by.user.role, Action::kManageUsers)) {
    return Error{"", "only an administrator resets another user's password", ErrorKind::kForbidden};
  }
  if (by.user.username == username) return Error{"", "change your own password instead (with your current one)", ErrorKind::kRefused};
  std::string password = random_password();
  auto changed = change_password(by, username, std::nullopt, password, source);
  if (!changed.ok()) return changed.error();
  return password;
}

}  // namespace trialcore::server
