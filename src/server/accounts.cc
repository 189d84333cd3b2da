#include "server/accounts.h"

#include <cctype>

#include "server/credentials.h"
#include "trial/event_kinds.h"

namespace trialcore::server {

namespace {

bool valid_username(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) return false;
  }
  return true;
}

Result<std::optional<User>> find_user(store::Transaction& transaction, const std::string& username) {
  auto row = transaction.row("users", username);
  if (!row.ok()) return row.error();
  if (!row->has_value()) return std::optional<User>();
  auto role = parse_role((**row).value("role", ""));
  if (!role) return Error{"", "user " + username + " has no known role", ErrorKind::kFailure};
  return std::optional<User>(User{username, *role, (**row).value("must_change_password", false)});
}

std::string session_key(const std::string& token) { return store::sha256_hex(token); }

}  // namespace

Result<bool> Accounts::any_user() {
  bool any = false;
  Status status = store_.read([&](store::Transaction& transaction) -> Status {
    auto rows = transaction.rows("users");
    if (!rows.ok()) return rows.error();
    any = !rows->empty();
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
  if (!valid_username(username)) {
    return Error{"$.username", "must be 1 to 64 letters, digits, '.', '-' or '_'"};
  }
  if (!strong_enough(password)) return Error{"$.password", "must be at least 12 characters"};
  std::string hash = hash_password(password);
  User user{username, role, must_change_password};
  Status status = store_.transact([&](store::Transaction& transaction) -> Status {
    auto existing = find_user(transaction, username);
    if (!existing.ok()) return existing.error();
    if (existing->has_value()) return Error{"$.username", "'" + username + "' exists already", ErrorKind::kRefused};
    store::NewEvent event;
    event.kind = trial::kUserCreated;
    event.subject = std::string(trial::kUserSubjectPrefix) + username;
    event.actor = actor;
    event.recorded_at = utc_();
    event.payload = {{"username", username}, {"role", role_name(role)}, {"password_hash", hash},
                     {"must_change_password", must_change_password}};
    auto appended = transaction.append(event);
    return appended.ok() ? Status::Ok() : Status(appended.error());
  });
  if (!status.ok()) return status.error();
  return user;
}

Result<std::vector<Json>> Accounts::list_users() {
  std::vector<Json> users;
  Status status = store_.read([&](store::Transaction& transaction) -> Status {
    auto rows = transaction.rows("users");
    if (!rows.ok()) return rows.error();
    for (const auto& [name, row] : *rows) {
      users.push_back({{"username", name}, {"role", row.value("role", "")}, {"created_at", row.value("created_at", "")},
                       {"created_by", row.value("created_by", "")}});
    }
    return Status::Ok();
  });
  if (!status.ok()) return status.error();
  return users;
}

Status Accounts::change_password(const std::string& actor, const std::string& username, const std::string& password) {
  if (!strong_enough(password)) return Error{"$.password", "must be at least 12 characters"};
  std::string hash = hash_password(password);
  return store_.transact([&](store::Transaction& transaction) -> Status {
    auto user = find_user(transaction, username);
    if (!user.ok()) return user.error();
    if (!user->has_value()) return Error{"", "no user '" + username + "'", ErrorKind::kNotFound};
    store::NewEvent event;
    event.kind = trial::kPasswordChanged;
    event.subject = std::string(trial::kUserSubjectPrefix) + username;
    event.actor = actor;
    event.recorded_at = utc_();
    // Someone else setting it makes it one-time again.
    event.payload = {{"username", username}, {"password_hash", hash}, {"must_change_password", actor != username}};
    auto appended = transaction.append(event);
    return appended.ok() ? Status::Ok() : Status(appended.error());
  });
}

Result<LoggedIn> Accounts::log_in(const std::string& username, const std::string& password) {
  int64_t now = now_();
  LoggedIn logged_in;
  Status status = store_.transact([&](store::Transaction& transaction) -> Status {
    auto failures = transaction.local("login_failures", username);
    if (!failures.ok()) return failures.error();
    Json record = failures->value_or(Json{{"count", 0}, {"since", now}});
    if (now - record.value("since", now) > kFailureWindowSeconds) record = {{"count", 0}, {"since", now}};
    if (record.value("count", 0) >= kMaximumFailures) {
      return Error{"", "too many failed logins for '" + username + "': try again in 15 minutes", ErrorKind::kRefused};
    }
    auto row = transaction.row("users", username);
    if (!row.ok()) return row.error();
    std::string hash = row->has_value() ? (**row).value("password_hash", "") : "";
    // An unknown user costs the same time as a wrong password.
    bool matches = row->has_value() ? password_matches(hash, password)
                                    : (password_matches(hash_password("unknown-user"), password), false);
    if (!matches) {
      record["count"] = record.value("count", 0) + 1;
      Status counted = transaction.put_local("login_failures", username, record);
      if (!counted.ok()) return counted;
      return Status::Ok();  // committed: the failure counts; the caller is told below
    }
    Status cleared = transaction.delete_local("login_failures", username);
    if (!cleared.ok()) return cleared;
    auto user = find_user(transaction, username);
    if (!user.ok()) return user.error();
    logged_in.token = random_token();
    logged_in.session = Session{**user, random_token(), now + kSessionSeconds};
    return transaction.put_local("sessions", session_key(logged_in.token),
                                 {{"username", username}, {"csrf", logged_in.session.csrf_token},
                                  {"expires_at", logged_in.session.expires_at}});
  });
  if (!status.ok()) return status.error();
  if (logged_in.token.empty()) return Error{"", "the username or the password is wrong", ErrorKind::kForbidden};
  return logged_in;
}

Result<Session> Accounts::session(const std::string& token) {
  if (token.empty()) return Error{"", "not signed in", ErrorKind::kForbidden};
  Result<Session> found = Error{"", "not signed in", ErrorKind::kForbidden};
  Status status = store_.read([&](store::Transaction& transaction) -> Status {
    auto stored = transaction.local("sessions", session_key(token));
    if (!stored.ok()) return stored.error();
    if (!stored->has_value() || (**stored).value("expires_at", int64_t{0}) < now_()) return Status::Ok();
    // The role is read now, so a change of role applies at once.
    auto user = find_user(transaction, (**stored).value("username", ""));
    if (!user.ok()) return user.error();
    if (!user->has_value()) return Status::Ok();
    found = Session{**user, (**stored).value("csrf", ""), (**stored).value("expires_at", int64_t{0})};
    return Status::Ok();
  });
  if (!status.ok()) return status.error();
  return found;
}

Status Accounts::log_out(const std::string& token) {
  return store_.transact([&](store::Transaction& transaction) { return transaction.delete_local("sessions", session_key(token)); });
}

}  // namespace trialcore::server
