#include "trial_options.h"

#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "output.h"
#include "protocol_option.h"

namespace trialcore::app {

void add_trial_options(CLI::App& command, TrialOptions& options) {
  command.add_option("--store", options.store, "The trial's record: a SQLite file or a postgresql:// URL (default ./trial.db)")
      ->type_name("LOCATION");
  command.add_option("--user", options.user, "Who is recording, named in the event log (default: $USER)")->type_name("NAME");
  command
      .add_option("--role", options.role,
                  "The role the user acts in, for what only a role may sign (an investigator signs an adverse event's "
                  "attribution and seriousness); a user of the record acts in their recorded role")
      ->type_name("ROLE")
      ->check(CLI::IsMember({"investigator", "coordinator", "pharmacist", "monitor", "administrator"}));
  add_protocol_option(command, options.protocol_file);
  command.add_flag("--json", options.json, "Print JSON");
}

Result<std::unique_ptr<OpenTrial>> open_trial(const TrialOptions& options, std::optional<Protocol> protocol) {
  if (!protocol) {
    auto loaded = load_protocol_option(options.protocol_file);
    if (!loaded.ok()) return loaded.error();
    protocol = std::move(*loaded);
  }
  auto trial = std::make_unique<OpenTrial>();
  trial->protocol = std::move(*protocol);
  auto store = store::open_store(options.store, trial->projector);
  if (!store.ok()) return on_trial_options(store.error());
  trial->store = std::move(*store);
  trial->service = std::make_unique<trial::TrialService>(trial->protocol, *trial->store);
  return trial;
}

Error on_trial_options(Error error) {
  for (const char* shared : {"$.store", "$.role"}) {
    if (error.path == shared) return on_flags(std::move(error));
  }
  return error;
}

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

trial::Actor actor_of(const TrialOptions& options) {
  std::string user = options.user;
  if (user.empty()) {
    const char* login = std::getenv("USER");
    user = login && *login ? login : "operator";
  }
  return {user, utc_now(), options.role, today()};
}

int with_trial(const TrialOptions& options, const std::function<int(OpenTrial&)>& work, bool creates,
               std::optional<Protocol> protocol) {
  std::optional<std::string> file = store::sqlite_file_of(options.store);
  if (file && !creates && !std::filesystem::exists(*file)) {
    return fail(Error{"--store", "there is no trial record at " + *file +
                                     " (register a patient or open a period to start one, or give --store)",
                      ErrorKind::kNotFound});
  }
  auto trial = open_trial(options, std::move(protocol));
  if (!trial.ok()) return fail(trial.error());
  return work(**trial);
}

Result<Date> date_option(const std::string& text, const std::string& option) {
  auto date = Date::Parse(text);
  if (!date.ok()) return Error{option, date.error().message};
  return *date;
}

int with_trial_on(const TrialOptions& options, const std::string& date_text,
                  const std::function<int(OpenTrial&, Date)>& work, bool creates) {
  auto date = date_option(date_text, "--date");
  if (!date.ok()) return fail(date.error());
  return with_trial(options, [&](OpenTrial& trial) { return work(trial, *date); }, creates);
}

}  // namespace trialcore::app
