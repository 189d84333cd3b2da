// `trialcore report` and `trialcore safety-report`: the primary endpoint from the trial's
// record or an input file, the registry's results section, and the adverse events
// (answers/report_answers.h).
#include "answers/input_values.h"
#include "answers/report_answers.h"
#include "command.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

using ReportOptions = OnRecord<answers::ReportInput>;

int run_report(const ReportOptions& o) {
  auto date = answers::report_date(o.input);
  if (!date.ok()) return fail(on_flags(date.error()));
  if (!o.input.input_file.empty()) {
    return print_result(on_flags(answers::report_of_file(o.input, *date, o.trial.protocol_file, o.trial.json), {"protocol"}));
  }
  return with_trial(o.trial, [&](OpenTrial& trial) {
    return print_result(answers::report_of_record(trial, o.input, *date, o.trial.json));
  });
}

int run_safety_report(const ReportOptions& o) {
  auto date = answers::date_or_today(o.input.date, "date");
  if (!date.ok()) return fail(on_flags(date.error()));
  return with_trial(o.trial, [&](OpenTrial& trial) {
    return print_result(answers::safety_report_of_record(trial, *date, o.trial.json));
  });
}

}  // namespace

void add_report_command(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<ReportOptions>();
  add_command(app, outcome, "report", o, run_report,
              Flags{{"--input", &o->input.input_file, "A JSON file of patients instead of the trial's record", "FILE"},
                    {"--date", &o->input.date, "As of this date (default: today)", "DATE"},
                    {"--registry", &o->input.registry,
                     "Write the results as the registry posts them: ClinicalTrials.gov API v2 resultsSection JSON "
                     "(participant flow, baseline, primary outcome, adverse events; docs/registry.md)"}} +
                  trial_flags(o->trial));
}

void add_safety_report_command(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<ReportOptions>();
  add_command(app, outcome, "safety-report", o, run_safety_report,
              Flags{{"--date", &o->input.date, "As of this date (default: today)", "DATE"}} + trial_flags(o->trial));
}

}  // namespace trialcore::app
