// Users and their sessions. A user is created and their password changed by events in the
// trial's record (accounts/account_record.h: so the log shows who gave whom which role, and a
// rebuild restores it); sessions and failed-login counts are local state. A session lasts 12
// hours, and only as long as the password it was opened with: changing or resetting a
// password ends every session of that user (a user who changes their own gets a new one).
// Failed logins are limited by address and by username (login_throttle.h). A session
// checked once is not checked again while its stored row and the record are unchanged.
// Passwords are hashed and checked outside every transaction, so a flood of logins never
// holds up what others record.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/login_throttle.h"
#include "server/roles.h"
#include "store/store.h"

namespace trialcore::server {

struct User {
  std::string username;
  Role role = Role::kMonitor;
  bool must_change_password = false;
  bool active = true;  // a deactivated user cannot sign in, and their sessions have ended
};

struct Session {
  User user;
  std::string csrf_token;
  int64_t expires_at = 0;  // unix seconds
  // The record's last event when the session was checked: an answer made from the record
  // after the check holds at least every event up to it.
  int64_t record_head = 0;
};

struct LoggedIn {
  Session session;
  std::string token;  // for the cookie; stored only as its hash
};

class Accounts {
 public:
  // `now` gives unix seconds and `utc` the time as recorded in events: the front end's clock.
  Accounts(store::Store& store, std::function<int64_t()> now, std::function<std::string()> utc, LoginPolicy policy = {});

  static constexpr int64_t kSessionSeconds = 12 * 3600;
  static constexpr size_t kMaximumUsernameLength = 64;

  Result<bool> any_user();
  // The first administrator, when there is no user yet: returns the one-time password.
  Result<std::optional<std::string>> create_first_administrator();
  Result<User> create_user(const std::string& actor, const std::string& username, Role role, const std::string& password,
                           bool must_change_password);
  Result<std::vector<Json>> list_users();

  // `by` sets `username`'s password. Their own: `current` must be their current password
  // (wrong guesses count as failed logins from `source`, and are held back as logins are,
  // kRefused with `retry_after`), and they get a new session in
  // place of the ended ones. Another user's (an administrator): it becomes one-time. The new
  // password is never the current one.
  Result<std::optional<LoggedIn>> change_password(const Session& by, const std::string& username,
                                                  const std::optional<std::string>& current, const std::string& password,
                                                  const std::string& source, int64_t* retry_after = nullptr);

  // A login from `source` (the client's address). Refused (kRefused) while failed logins
  // hold it back, with the seconds to wait in `retry_after`; kForbidden when the username or
  // the password is wrong (the same answer, after the same work, for both).
  // An administrator (`by`) deactivates another user or activates them again, saying why:
  // an event in the record. Deactivated, every session of theirs ends at once and signing in
  // fails as a wrong password does.
  Status set_active(const Session& by, const std::string& username, bool active, const std::string& reason);

  // An administrator gives another user a new one-time password (returned, shown once);
  // every session of that user ends.
  Result<std::string> reset_password(const Session& by, const std::string& username, const std::string& source);

  Result<LoggedIn> log_in(const std::string& username, const std::string& password, const std::string& source,
                          int64_t* retry_after = nullptr);
  Result<Session> session(const std::string& token);  // an Error when unknown, expired or ended
  Status log_out(const std::string& token);

 private:
  // `credential`: what the session must still match (credential_of in accounts.cc).
  Result<LoggedIn> open_session(store::Transaction& transaction, const User& user, const std::string& credential,
                                int64_t now);

  store::Store& store_;
  std::function<int64_t()> now_;
  std::function<std::string()> utc_;
  LoginPolicy policy_;

  // Sessions checked already, by their key: the stored session as read, and the record's
  // head then. A session whose stored row and record's head are both as they were is what
  // it was: its user (role, password, active) changes only by events, which move the head,
  // and a logout deletes the row, here or in another server on the same store.
  struct Checked {
    Json stored;
    int64_t record_head = 0;
    Session session;
  };
  std::mutex checked_mutex_;
  std::unordered_map<std::string, Checked> checked_;
};

}  // namespace trialcore::server
