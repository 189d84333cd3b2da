#include "server/idempotency.h"

#include <chrono>
#include <thread>

#include "store/event.h"

namespace trialcore::server {

namespace {

constexpr const char* kKeysTable = "idempotency_keys";

}  // namespace

Status IdempotencyKeys::check_key(const std::string& key) {
  if (key.empty() || key.size() > kMaximumKeyLength) {
    return Error{kIdempotencyHeader, "must be 1 to 255 visible ASCII characters (a fresh random one per submission)"};
  }
  for (char c : key) {
    if (c < 0x21 || c > 0x7e) {
      return Error{kIdempotencyHeader, "must be 1 to 255 visible ASCII characters (a fresh random one per submission)"};
    }
  }
  return Status::Ok();
}

Result<IdempotencyKeys::Claim> IdempotencyKeys::claim(const std::string& user, const std::string& key,
                                                      const std::string& request, int wait_seconds) {
  Status valid = check_key(key);
  if (!valid.ok()) return valid.error();
  // Keyed by a hash: the key is the client's text, the user's name is not spelt out twice.
  const std::string slot = store::sha256_hex("idempotency/" + user + "\n" + key);
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(wait_seconds);
  while (true) {
    Claim claim;
    bool in_flight = false;
    Status status = store_.transact([&](store::Transaction& transaction) -> Status {
      int64_t now = now_();
      Status pruned = transaction.prune_local(kKeysTable, "expires_at", now);  // a day's keys, no more
      if (!pruned.ok()) return pruned;
      auto kept = transaction.local(kKeysTable, slot);
      if (!kept.ok()) return kept.error();
      if (kept->has_value()) {
        const Json& entry = **kept;
        if (entry.value("request", "") != request) {
          claim.outcome = Claim::Outcome::kOtherRequest;
        } else if (entry.value("state", "") == "answered") {
          claim.outcome = Claim::Outcome::kReplay;
          claim.replay = {entry.value("status", 200), entry.value("body", ""), entry.value("content_type", "application/json")};
        } else if (now - entry.value("claimed_at", int64_t{0}) > kAbandonedSeconds) {
          claim.outcome = Claim::Outcome::kUnfinished;
        } else {
          in_flight = true;
        }
        return Status::Ok();
      }
      claim.outcome = Claim::Outcome::kRun;
      claim.slot = slot;
      return transaction.put_local(kKeysTable, slot,
                                   {{"request", request}, {"state", "claimed"}, {"claimed_at", now}, {"expires_at", now + kKeptSeconds}});
    });
    if (!status.ok()) return status.error();
    if (!in_flight) return claim;
    // A copy sent at the same time is being answered: its answer is this one's.
    if (std::chrono::steady_clock::now() >= give_up) {
      claim.outcome = Claim::Outcome::kUnfinished;
      return claim;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
}

Status IdempotencyKeys::settle(const std::string& slot, const std::string& request, const KeptAnswer& answer) {
  bool wrote = answer.status >= 200 && answer.status < 300;
  return store_.transact([&](store::Transaction& transaction) -> Status {
    if (!wrote) return transaction.delete_local(kKeysTable, slot);  // nothing written: the key is free again
    int64_t now = now_();
    return transaction.put_local(kKeysTable, slot,
                                 {{"request", request}, {"state", "answered"}, {"status", answer.status}, {"body", answer.body},
                                  {"content_type", answer.content_type}, {"claimed_at", now}, {"expires_at", now + kKeptSeconds}});
  });
}

std::string request_fingerprint(const httplib::Request& request) {
  return store::sha256_hex(request.method + " " + request.path + "\n" + request.body);
}

}  // namespace trialcore::server
