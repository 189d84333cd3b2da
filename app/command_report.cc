// `trialcore report` and `trialcore safety-report`: the primary endpoint from the trial's
// record or an input file, the registry's results section, and the adverse events.
#include <iostream>

#include "command.h"
#include "flags.h"
#include "output.h"
#include "protocol_option.h"
#include "report/report_input.h"
#include "results/registry_results.h"
#include "results/safety_report.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

struct ReportOptions {
  TrialOptions trial;
  std::string input;
  std::string date;
  bool registry = false;
};

std::string report_output(const report::EndpointReport& report, const Protocol& protocol, bool json) {
  return json ? report::report_json(report, protocol).dump() + "\n" : report::report_text(report, protocol);
}

int run_report(const ReportOptions& o) {
  auto date = date_or_today(o.date, "--date");
  if (!date.ok()) return fail(date.error());
  if (o.registry && !o.input.empty()) {
    return fail(Error{"--registry", "is written from the trial's record (--store), not from --input"});
  }
  if (!o.input.empty()) {
    // The report of the patients in an input file, not of a trial's record.
    auto protocol = load_protocol_option(o.trial.protocol_file);
    if (!protocol.ok()) return fail(protocol.error());
    auto report = report::report_of_input_file(*protocol, o.input, *date);
    return print_result(report.ok() ? Result<std::string>(report_output(*report, *protocol, o.trial.json)) : report.error());
  }
  return with_trial(o.trial, [&](OpenTrial& trial) {
    auto report = trial.service->report(*date);
    if (!report.ok()) return fail(report.error());
    if (!o.registry) return print_result(report_output(*report, trial.protocol, o.trial.json));
    auto states = trial.service->patient_states();
    if (!states.ok()) return fail(states.error());
    results::SafetyReport safety = results::safety_report(trial.protocol, *states, *date);
    OrderedJson section = results::registry_results(trial.protocol, *report, safety, *states, *date);
    return print_result(OrderedJson{{"resultsSection", std::move(section)}}.dump(2) + "\n");
  });
}

int run_safety_report(const ReportOptions& o) {
  auto date = date_or_today(o.date, "--date");
  if (!date.ok()) return fail(date.error());
  return with_trial(o.trial, [&](OpenTrial& trial) {
    auto states = trial.service->patient_states();
    if (!states.ok()) return fail(states.error());
    results::SafetyReport report = results::safety_report(trial.protocol, *states, *date);
    return print_result(o.trial.json ? results::safety_report_json(report).dump() + "\n" : results::safety_report_text(report));
  });
}

}  // namespace

void add_report_command(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<ReportOptions>();
  add_command(app, outcome, "report", o, run_report,
              Flags{{"--input", &o->input, "A JSON file of patients instead of the trial's record", "FILE"},
                    {"--date", &o->date, "As of this date (default: today)", "DATE"},
                    {"--registry", &o->registry,
                     "Write the results as the registry posts them: ClinicalTrials.gov API v2 resultsSection JSON "
                     "(participant flow, baseline, primary outcome, adverse events; docs/registry.md)"}} +
                  trial_flags(o->trial));
}

void add_safety_report_command(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<ReportOptions>();
  add_command(app, outcome, "safety-report", o, run_safety_report,
              Flags{{"--date", &o->date, "As of this date (default: today)", "DATE"}} + trial_flags(o->trial));
}

}  // namespace trialcore::app
