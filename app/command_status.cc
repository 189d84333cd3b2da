// Reading the trial's record: status (all patients, or one), calendar, history; the text
// is trial/record_text.h's.
#include <iostream>

#include "command.h"
#include "flags.h"
#include "output.h"
#include "trial/record_text.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

struct StatusOptions {
  TrialOptions trial;
  std::string patient;
  std::string date;
};

int run_status(const StatusOptions& o) {
  return with_trial(o.trial, [&](OpenTrial& trial) -> int {
    if (!o.patient.empty()) {
      auto patient = trial.service->patient(o.patient);
      if (!patient.ok()) return fail(patient.error());
      return print_result(o.trial.json ? patient->dump() + "\n" : trial::patient_text(*patient));
    }
    auto patients = trial.service->patients(today());
    if (!patients.ok()) return fail(patients.error());
    if (o.trial.json) return print_result(Json(*patients).dump() + "\n");
    std::cout << trial::patients_text(*patients);
    auto clocks = trial.service->serious_events(utc_now());
    if (!clocks.ok()) return fail(clocks.error());
    return print_result(trial::serious_events_text(*clocks));
  });
}

int run_calendar(const StatusOptions& o) {
  return with_trial(o.trial, [&](OpenTrial& trial) {
    auto date = date_or_today(o.date, "--date");
    if (!date.ok()) return fail(date.error());
    auto calendar = trial.service->calendar(o.patient, *date);
    if (!calendar.ok()) return fail(calendar.error());
    return print_result(o.trial.json ? calendar->dump() + "\n" : trial::calendar_text(*calendar));
  });
}

int run_history(const StatusOptions& o) {
  return with_trial(o.trial, [&](OpenTrial& trial) {
    auto events = trial.service->history(o.patient);
    if (!events.ok()) return fail(events.error());
    if (!o.trial.json) return print_result(trial::history_text(*events));
    for (const store::Event& event : *events) std::cout << store::event_json(event).dump() << "\n";
    return kExitOk;
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
