// Reading the trial's record: status (all patients, or one), calendar, history
// (trial/record_reads.h writes them).
#include <iostream>

#include "answers/input_values.h"
#include "command.h"
#include "flags.h"
#include "output.h"
#include "trial/record_reads.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

struct StatusOptions {
  TrialOptions trial;
  std::string patient;
  std::string date;
};

int run_status(const StatusOptions& o) {
  return with_trial(o.trial, [&](OpenTrial& trial) {
    Status written = trial::write_status(*trial.service, o.patient, today(), utc_now(), o.trial.json, std::cout);
    return written.ok() ? kExitOk : fail(written.error());
  });
}

int run_calendar(const StatusOptions& o) {
  return with_trial(o.trial, [&](OpenTrial& trial) {
    auto date = answers::date_or_today(o.date, "date");
    if (!date.ok()) return fail(on_flags(date.error()));
    Status written = trial::write_calendar(*trial.service, o.patient, *date, o.trial.json, std::cout);
    return written.ok() ? kExitOk : fail(written.error());
  });
}

int run_history(const StatusOptions& o) {
  return with_trial(o.trial, [&](OpenTrial& trial) {
    Status written = trial::write_history(*trial.service, o.patient, o.trial.json, std::cout);
    return written.ok() ? kExitOk : fail(written.error());
  });
}

}  // namespace

void add_status_commands(CLI::App& app, CommandOutcome& outcome) {
  auto status = std::make_shared<StatusOptions>();
  add_command(app, outcome, "status", status, run_status,
              Flags{{"PATIENT", &status->patient, "A patient's id (default: all patients, a line each)", "ID"}} +
                  trial_flags(status->trial));

  auto calendar = std::make_shared<StatusOptions>();
  add_command(app, outcome, "calendar", calendar, run_calendar,
              Flags{{"PATIENT", &calendar->patient, "The patient's id", "ID", true},
                    {"--date", &calendar->date, "As of this date (default: today)", "DATE"}} +
                  trial_flags(calendar->trial));

  auto history = std::make_shared<StatusOptions>();
  add_command(app, outcome, "history", history, run_history,
              Flags{{"PATIENT", &history->patient, "The patient's id", "ID", true}} + trial_flags(history->trial));
}

}  // namespace trialcore::app
