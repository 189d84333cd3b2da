// Failed logins, and what they hold back. Counted three ways in the store's local state
// (table "login_failures"); a count lasts 15 minutes (the window) after its latest failure:
// - by source address: 20 failures, and that address is refused for the window;
// - by username and address: 5 failures, and that pair is refused for the window;
// - by username from anywhere: after 5 failures each further attempt waits 1, 2, 4, ... up to
//   30 seconds after the last failure (a back-off, not a lock: nobody can lock an account
//   from elsewhere for longer than that).
// Records older than the window are pruned, and there are at most 10,000: when that many
// are held, a username or address without a record is refused until old ones expire.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/store.h"

namespace trialcore::server {

struct LoginPolicy {
  int64_t window_seconds = 15 * 60;
  int failures_per_address = 20;
  int failures_per_user_and_address = 5;
  int failures_before_back_off = 5;
  int64_t maximum_back_off_seconds = 30;
  int64_t maximum_records = 10000;
};

// Seconds to wait before `username` may try again from `source`, or nullopt when it may now.
Result<std::optional<int64_t>> login_wait(store::Transaction& transaction, const LoginPolicy& policy,
                                          const std::string& username, const std::string& source, int64_t now);

// Counts a failure (and prunes records out of their window).
Status record_login_failure(store::Transaction& transaction, const LoginPolicy& policy, const std::string& username,
                            const std::string& source, int64_t now);

// A success clears the username's back-off and the pair's count (not the address's).
Status clear_login_failures(store::Transaction& transaction, const std::string& username, const std::string& source);

}  // namespace trialcore::server
