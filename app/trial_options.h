// What every command on the trial's record shares: --store (default ./trial.db), --user
// (who is recording; default $USER), --role (what they act as), --protocol, and opening them
// together.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/clock.h"
#include "flags.h"
#include "protocol/protocol.h"
#include "trial/open_trial.h"

namespace trialcore::app {

struct TrialOptions {
  std::string store = "trial.db";
  std::string user;
  std::string role;  // as the user says; a user the record knows acts in their recorded role
  std::string protocol_file;
  bool json = false;
};

// The options of a command on the trial's record: those every such command shares, and the
// command's own input (src/answers).
template <class Input>
struct OnRecord {
  TrialOptions trial;
  Input input;
};

// --store, --user, --role, --protocol and --json, in that order.
Flags trial_flags(TrialOptions& options);

using trial::OpenTrial;

// With `protocol` given, it is the protocol of the trial (loaded already); else --protocol's.
Result<std::unique_ptr<OpenTrial>> open_trial(const TrialOptions& options, std::optional<Protocol> protocol = std::nullopt);

// An error about the options every trial command shares names its flag: the core names the
// store "$.store" and the role the user acts in "$.role" (--store, --role); others are kept.
Error on_trial_options(Error error);

// The user and the time now, in UTC.
trial::Actor actor_of(const TrialOptions& options);

// Opens the trial and runs `work`; prints the error of either and returns the exit status.
// Only a command that creates records (`creates`) may create a SQLite store that does not
// exist yet: the others say there is no record there, and leave no empty file behind.
int with_trial(const TrialOptions& options, const std::function<int(OpenTrial&)>& work, bool creates = false,
               std::optional<Protocol> protocol = std::nullopt);

}  // namespace trialcore::app
