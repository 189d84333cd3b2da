// The account events, and their fold into one row a user ("users"/<name>): role, password
// hash, whether the password is one-time, whether the user is active and since which event,
// who created them and when. The events share the trial's log (so the log shows who gave
// whom which role, and a rebuild restores the accounts); other events change no row here, so
// the store's projector for the whole log runs this beside the trial's own
// (store::Projectors). Payloads: docs/trial-record.md.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace trialcore::accounts {

inline constexpr const char* kUserCreated = "user-created";
inline constexpr const char* kPasswordChanged = "password-changed";
// An administrator deactivates a user (who can no longer sign in) or activates them again.
inline constexpr const char* kUserAccessChanged = "user-access-changed";

// Events about a user have the subject "user:<name>", apart from patients' ids.
inline std::string user_subject(const std::string& username) { return "user:" + username; }

inline constexpr const char* kUsersTable = "users";

// Whether the event is one of the account events above.
bool is_account_event(const store::Event& event);

class AccountsProjector : public store::Projector {
 public:
  Status apply(const store::Event& event, store::Transaction& transaction) override;
  // The account events alone, folded in memory: the others change no row here, and a
  // rebuild need not keep a copy of each of them as the default replay does.
  std::unique_ptr<store::Replay> replay() override;
};

}  // namespace trialcore::accounts
