// What every command on the trial's record shares: --store (default ./trial.db), --user
// (who is recording; default $USER), --role (what they act as), --protocol, and opening them
// together.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "protocol/protocol.h"
#include "store/store.h"
#include "trial/record_projector.h"
#include "trial/trial_service.h"

namespace trialcore::app {

struct TrialOptions {
  std::string store = "trial.db";
  std::string user;
  std::string role;  // as the user says; a user the record knows acts in their recorded role
  std::string protocol_file;
  bool json = false;
};

void add_trial_options(CLI::App& command, TrialOptions& options);

// The protocol, the store and the service over them; not movable (the store keeps a
// reference to the projector).
struct OpenTrial {
  Protocol protocol;
  trial::RecordProjector projector;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<trial::TrialService> service;
};

// With `protocol` given, it is the protocol of the trial (loaded already); else --protocol's.
Result<std::unique_ptr<OpenTrial>> open_trial(const TrialOptions& options, std::optional<Protocol> protocol = std::nullopt);

// An error about the options every trial command shares names its flag: the core names the
// store "$.store" and the role the user acts in "$.role" (--store, --role); others are kept.
Error on_trial_options(Error error);

// The user and the time now, in UTC.
trial::Actor actor_of(const TrialOptions& options);
std::string utc_now();

// Opens the trial and runs `work`; prints the error of either and returns the exit status.
// Only a command that creates records (`creates`) may create a SQLite store that does not
// exist yet: the others say there is no record there, and leave no empty file behind.
int with_trial(const TrialOptions& options, const std::function<int(OpenTrial&)>& work, bool creates = false,
               std::optional<Protocol> protocol = std::nullopt);

// Parses an option's date; an Error names the option.
Result<Date> date_option(const std::string& text, const std::string& option);

// with_trial for a command that takes --date: the date is checked before the store opens.
int with_trial_on(const TrialOptions& options, const std::string& date_text,
                  const std::function<int(OpenTrial&, Date)>& work, bool creates = false);

}  // namespace trialcore::app
