// `trialcore report`: the primary endpoint from the trial's record, or from an input file.
#include <filesystem>
#include <iostream>
#include <memory>

#include "command.h"
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

void print(const report::EndpointReport& report, const Protocol& protocol, bool json) {
  if (json) {
    std::cout << report::report_json(report, protocol).dump() << "\n";
  } else {
    std::cout << report::report_text(report, protocol);
  }
}

}  // namespace

void add_report_command(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<ReportOptions>();
  auto* command = app.add_subcommand("report", "The primary endpoint: response rates with exact 95% intervals, accrual, survival");
  command->footer(
      "Per period and overall, and by the protocol's subgroups (salvage 1, 2, >= 3): treated\n"
      "(any dose given: intent to treat), best response over courses 1-8, responders, the rate\n"
      "with its exact Clopper-Pearson 95% interval; accrual and targets; overall survival from\n"
      "enrollment (Kaplan-Meier median, Brookmeyer-Crowley 95% interval). From the trial's record\n"
      "(--store), or from --input FILE (docs/report.md).");
  command->add_option("--input", o->input, "A JSON file of patients instead of the trial's record")->type_name("FILE");
  command->add_option("--date", o->date, "As of this date (default: today)")->type_name("DATE");
  command->add_flag("--registry", o->registry,
                    "Write the results as the registry posts them: ClinicalTrials.gov API v2 resultsSection JSON "
                    "(participant flow, baseline, primary outcome, adverse events; docs/registry.md)");
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
    if (o->registry && !o->input.empty()) {
      outcome.exit_code = fail(Error{"--registry", "is written from the trial's record (--store), not from --input"});
      return;
    }
    if (!o->input.empty()) {
      auto protocol = load_protocol_option(o->trial.protocol_file);
      if (!protocol.ok()) {
        outcome.exit_code = fail(protocol.error());
        return;
      }
      auto text = read_file_text(o->input);
      auto json = text.ok() ? parse_json_text(*text, o->input) : Result<Json>(text.error());
      if (!json.ok()) {
        outcome.exit_code = fail(json.error());
        return;
      }
      auto patients = report::read_report_input(*protocol, *json, "$", date);
      if (!patients.ok()) {
        outcome.exit_code = fail(Error{o->input + " " + patients.error().path, patients.error().message});
        return;
      }
      auto report = report::endpoint_report(*protocol, *patients, date);
      if (!report.ok()) {
        outcome.exit_code = fail(report.error());
        return;
      }
      print(*report, *protocol, o->trial.json);
      outcome.exit_code = kExitOk;
      return;
    }
    outcome.exit_code = with_trial(o->trial, [&](OpenTrial& trial) {
      auto report = trial.service->report(date);
      if (!report.ok()) return fail(report.error());
      if (o->registry) {
        auto states = trial.service->patient_states();
        if (!states.ok()) return fail(states.error());
        results::SafetyReport safety = results::safety_report(trial.protocol, *states, date);
        OrderedJson section = results::registry_results(trial.protocol, *report, safety, *states, date);
        std::cout << OrderedJson{{"resultsSection", std::move(section)}}.dump(2) << "\n";
        return kExitOk;
      }
      print(*report, trial.protocol, o->trial.json);
      return kExitOk;
    });
  });
}

}  // namespace trialcore::app
