#include "trial_options.h"

#include "answers/trial_opening.h"
#include "output.h"
#include "protocol_option.h"

namespace trialcore::app {

Flags trial_flags(TrialOptions& options) {
  return {{"--store", &options.store, "The trial's record: a SQLite file or a postgresql:// URL (default ./trial.db)", "LOCATION"},
          {"--user", &options.user, "Who is recording, named in the event log (default: $USER)", "NAME"},
          Flag("--role", &options.role,
               "The role the user acts in, for what only a role may sign (an investigator signs an adverse event's "
               "attribution and seriousness); a user of the record acts in their recorded role",
               "ROLE")
              .checked(CLI::IsMember({"investigator", "coordinator", "pharmacist", "monitor", "administrator"})),
          protocol_flag(options.protocol_file),
          {"--json", &options.json, "Print JSON"}};
}

Result<std::unique_ptr<OpenTrial>> open_trial(const TrialOptions& options, std::optional<Protocol> protocol) {
  if (!protocol) {
    auto loaded = load_protocol_option(options.protocol_file);
    if (!loaded.ok()) return loaded.error();
    protocol = std::move(*loaded);
  }
  auto opened = trial::open_trial(std::move(*protocol), options.store);
  if (!opened.ok()) return on_trial_options(opened.error());
  return opened;
}

Error on_trial_options(Error error) {
  for (const char* shared : {"$.store", "$.role"}) {
    if (error.path == shared) return on_flags(std::move(error));
  }
  return error;
}

trial::Actor actor_of(const TrialOptions& options) { return answers::actor_of(options.user, options.role); }

int with_trial(const TrialOptions& options, const std::function<int(OpenTrial&)>& work, bool creates,
               std::optional<Protocol> protocol) {
  Status present = answers::record_present(options.store, creates);
  if (!present.ok()) return fail(on_trial_options(present.error()));
  auto trial = open_trial(options, std::move(protocol));
  if (!trial.ok()) return fail(trial.error());
  return work(**trial);
}

}  // namespace trialcore::app
