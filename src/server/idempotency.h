// A write sent twice (a double-click, a retry after a lost answer) is written once. A write
// may carry an Idempotency-Key; the first answer that wrote (2xx) is kept under the user and
// the key for a day, in the store's local state (it survives a restart and is not part of
// the record), and the same request again gets it back without running. The same key with
// another request is refused (422). The key is claimed in a transaction before the write
// runs, so two copies sent at once cannot both run: the second waits for the first's answer.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "base/result.h"
#include "store/store.h"

namespace trialcore::server {

inline constexpr const char* kIdempotencyHeader = "Idempotency-Key";

// An answer as it was sent.
struct KeptAnswer {
  int status = 0;
  std::string body;
  std::string content_type;
};

class IdempotencyKeys {
 public:
  static constexpr int64_t kKeptSeconds = 24 * 3600;
  // A claim older than this was never answered (the server stopped while writing).
  static constexpr int64_t kAbandonedSeconds = 60;
  static constexpr size_t kMaximumKeyLength = 255;

  IdempotencyKeys(store::Store& store, std::function<int64_t()> now) : store_(store), now_(std::move(now)) {}

  // What to do with a request carrying `key` from `user`, `request` being its fingerprint.
  struct Claim {
    enum class Outcome {
      kRun,         // claimed: run it, then settle `slot` with the answer
      kReplay,      // answered before: send `replay`, run nothing
      kOtherRequest,  // the key was used for another request (422)
      kUnfinished,  // its first request never finished (409)
    };
    Outcome outcome = Outcome::kRun;
    KeptAnswer replay;
    std::string slot;
  };
  // Waits (up to `wait_seconds`) for a copy of the request being answered at the same time.
  Result<Claim> claim(const std::string& user, const std::string& key, const std::string& request, int wait_seconds = 10);
  // Keeps the answer of a claimed slot if it wrote (2xx); else frees the key.
  Status settle(const std::string& slot, const std::string& request, const KeptAnswer& answer);

  // Checks a key's text: 1 to 255 visible ASCII characters.
  static Status check_key(const std::string& key);

 private:
  store::Store& store_;
  std::function<int64_t()> now_;
};

// The fingerprint of a request: its method, path and body.
std::string request_fingerprint(const httplib::Request& request);

}  // namespace trialcore::server
