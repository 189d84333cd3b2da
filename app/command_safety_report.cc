// `trialcore safety-report`: adverse events per period and overall from the trial's record.
#include <iostream>
#include <memory>

#include "command.h"
#include "output.h"
#include "protocol_option.h"
#include "results/safety_report.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

struct SafetyReportOptions {
  TrialOptions trial;
  std::string date;
};

}  // namespace

void add_safety_report_command(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<SafetyReportOptions>();
  auto* command = app.add_subcommand("safety-report", "Adverse events per period and overall: terms by worst grade, serious, "
                                                      "related, deaths, veno-occlusive disease after transplant");
  command->footer(
      "Patients treated (any dose) are at risk; each term counts the patients who had it by their worst\n"
      "grade (1-2, 3, 4, 5), from the first dose on. Terms the protocol expects and does not report are\n"
      "shown marked. Serious events, events related to a drug (possible, probable, definite), deaths on\n"
      "study, and the rate of veno-occlusive disease among patients transplanted after the trial with its\n"
      "exact 95% interval (docs/adverse-events.md).");
  command->add_option("--date", o->date, "As of this date (default: today)")->type_name("DATE");
  add_trial_options(*command, o->trial);
  command->callback([o, &outcome] {
    Date date = today();
    if (!o->date.empty()) {
      auto parsed = date_option(o->date, "--date");
      if (!parsed.ok()) {
        outcome.exit_code = fail(parsed.error());
        return;
      }
      date = *parsed;
    }
    outcome.exit_code = with_trial(o->trial, [&](OpenTrial& trial) {
      auto states = trial.service->patient_states();
      if (!states.ok()) return fail(states.error());
      results::SafetyReport report = results::safety_report(trial.protocol, *states, date);
      std::cout << (o->trial.json ? results::safety_report_json(report).dump() + "\n" : results::safety_report_text(report));
      return kExitOk;
    });
  });
}

}  // namespace trialcore::app
