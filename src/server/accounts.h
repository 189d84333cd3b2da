// Users and their sessions. A user is created and their password changed by events in the
// trial's record (so the log shows who gave whom which role, and a rebuild restores it);
// sessions and failed-login counts are local state. A session lasts 12 hours; after 5
// failed logins in 15 minutes a username is refused until the window passes.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "server/roles.h"
#include "store/store.h"

namespace trialcore::server {

struct User {
  std::string username;
  Role role = Role::kMonitor;
  bool must_change_password = false;
};

struct Session {
  User user;
  std::string csrf_token;
  int64_t expires_at = 0;  // unix seconds
};

struct LoggedIn {
  Session session;
  std::string token;  // for the cookie; stored only as its hash
};

class Accounts {
 public:
  // `now` gives unix seconds and `utc` the time as recorded in events: the front end's clock.
  Accounts(store::Store& store, std::function<int64_t()> now, std::function<std::string()> utc)
      : store_(store), now_(std::move(now)), utc_(std::move(utc)) {}

  static constexpr int64_t kSessionSeconds = 12 * 3600;
  static constexpr int kMaximumFailures = 5;
  static constexpr int64_t kFailureWindowSeconds = 15 * 60;

  Result<bool> any_user();
  // The first administrator, when there is no user yet: returns the one-time password.
  Result<std::optional<std::string>> create_first_administrator();
  Result<User> create_user(const std::string& actor, const std::string& username, Role role, const std::string& password,
                           bool must_change_password);
  Result<std::vector<Json>> list_users();
  Status change_password(const std::string& actor, const std::string& username, const std::string& password);

  Result<LoggedIn> log_in(const std::string& username, const std::string& password);
  Result<Session> session(const std::string& token);  // kForbidden-free: an Error when unknown or expired
  Status log_out(const std::string& token);

 private:
  store::Store& store_;
  std::function<int64_t()> now_;
  std::function<std::string()> utc_;
};

}  // namespace trialcore::server
