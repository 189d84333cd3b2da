#include "server/login_throttle.h"

#include <algorithm>

namespace trialcore::server {

namespace {

constexpr const char* kFailuresTable = "login_failures";

// Usernames are letters, digits, '.', '-', '_'; addresses have no '/': the keys are unique.
std::string address_key(const std::string& source) { return "address:" + source; }
std::string pair_key(const std::string& username, const std::string& source) { return "pair:" + source + "/" + username; }
std::string user_key(const std::string& username) { return "user:" + username; }

struct Count {
  int count = 0;
  int64_t since = 0;  // the first failure in the window
  int64_t last = 0;   // the latest failure
  bool recorded = false;
};

Result<Count> count_of(store::Transaction& transaction, const LoginPolicy& policy, const std::string& key, int64_t now) {
  auto stored = transaction.local(kFailuresTable, key);
  if (!stored.ok()) return stored.error();
  if (!stored->has_value()) return Count{};
  const Json& record = **stored;
  Count count{record.value("count", 0), record.value("since", int64_t{0}), record.value("last", int64_t{0}), true};
  // A record lasts a window after its latest failure (and is pruned then).
  if (now - count.last > policy.window_seconds) count = Count{0, 0, 0, true};
  return count;
}

}  // namespace

Result<std::optional<int64_t>> login_wait(store::Transaction& transaction, const LoginPolicy& policy,
                                          const std::string& username, const std::string& source, int64_t now) {
  auto by_address = count_of(transaction, policy, address_key(source), now);
  auto by_pair = count_of(transaction, policy, pair_key(username, source), now);
  auto by_user = count_of(transaction, policy, user_key(username), now);
  for (const auto* read : {&by_address, &by_pair, &by_user}) {
    if (!read->ok()) return read->error();
  }
  int64_t wait = 0;
  if (by_address->count >= policy.failures_per_address) wait = std::max(wait, by_address->last + policy.window_seconds - now);
  if (by_pair->count >= policy.failures_per_user_and_address) wait = std::max(wait, by_pair->last + policy.window_seconds - now);
  if (by_user->count >= policy.failures_before_back_off) {
    int doublings = std::min(by_user->count - policy.failures_before_back_off, 30);
    int64_t back_off = std::min<int64_t>(int64_t{1} << doublings, policy.maximum_back_off_seconds);
    wait = std::max(wait, by_user->last + back_off - now);
  }
  if (wait <= 0 && (!by_user->recorded || !by_address->recorded)) {
    // Full: a newcomer could not be counted, so it is not let in uncounted.
    auto held = transaction.count_local(kFailuresTable);
    if (!held.ok()) return held.error();
    if (*held >= policy.maximum_records) wait = 60;
  }
  if (wait <= 0) return std::optional<int64_t>();
  return std::optional<int64_t>(wait);
}

Status record_login_failure(store::Transaction& transaction, const LoginPolicy& policy, const std::string& username,
                            const std::string& source, int64_t now) {
  Status pruned = transaction.prune_local(kFailuresTable, "last", now - policy.window_seconds);
  if (!pruned.ok()) return pruned;
  for (const std::string& key : {address_key(source), pair_key(username, source), user_key(username)}) {
    auto count = count_of(transaction, policy, key, now);
    if (!count.ok()) return count.error();
    if (!count->recorded) {
      auto held = transaction.count_local(kFailuresTable);
      if (!held.ok()) return held.error();
      if (*held >= policy.maximum_records) continue;  // bounded: login_wait refuses the uncounted
    }
    Json record = {{"count", count->count + 1}, {"since", count->count == 0 ? now : count->since}, {"last", now}};
    Status put = transaction.put_local(kFailuresTable, key, record);
    if (!put.ok()) return put;
  }
  return Status::Ok();
}

Status clear_login_failures(store::Transaction& transaction, const std::string& username, const std::string& source) {
  Status pair = transaction.delete_local(kFailuresTable, pair_key(username, source));
  if (!pair.ok()) return pair;
  return transaction.delete_local(kFailuresTable, user_key(username));
}

}  // namespace trialcore::server
