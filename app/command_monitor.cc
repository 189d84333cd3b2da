// `trialcore monitor`: the Bayesian futility rule of a single-arm trial (Thall, Simon &
// Estey 1995): the responder counts at which each look stops the trial, and what the rule
// does to trials whose true response rate is given (stats/monitoring_request.h completes
// the design, stats/monitoring_output.h answers).
#include <iostream>

#include "command.h"
#include "flags.h"
#include "output.h"
#include "protocol_option.h"
#include "stats/monitoring_output.h"
#include "stats/monitoring_request.h"

namespace trialcore::app {

namespace {

// A design member's name (as the protocol file and the errors name it) and its flag.
struct DesignFlag {
  const char* member;
  Flag row;
};

struct MonitorOptions {
  stats::MonitoringRequest request;
  std::vector<DesignFlag> design_flags;
  int64_t simulated_trials = 0;
  bool json = false;
  std::string protocol_file;
  const CLI::App* command = nullptr;  // which flags were given
};

// Every mistake in the options is bad input (exit 2), a protocol file's too; a report that
// cannot be computed is a failure.
int run_monitor(const MonitorOptions& options) {
  stats::MonitoringRequest request = options.request;
  for (const DesignFlag& flag : options.design_flags) {
    if (options.command->count(flag.row.name) > 0) request.given.insert(flag.member);
  }
  if (options.command->count("--simulate") > 0) request.simulated_trials = options.simulated_trials;
  auto protocol = load_protocol_option(options.protocol_file);
  auto run = protocol.ok() ? stats::complete_monitoring_request(request, protocol->monitoring)
                           : Result<stats::MonitoringRun>(protocol.error());
  if (!run.ok()) {
    Error error = run.error();
    for (const DesignFlag& flag : options.design_flags) error.path = error.path == flag.member ? flag.row.name : error.path;
    print_error(on_flags(error));  // the request's own: $.seed is --seed
    return kExitBadInput;
  }
  auto report = stats::monitoring_report(run->design, run->true_rates, run->simulated_trials, run->seed);
  if (!report.ok()) {
    print_error(report.error());
    return kExitFailure;
  }
  std::cout << (options.json ? stats::monitoring_report_json(*report).dump(2) + "\n" : stats::monitoring_report_text(*report));
  return kExitOk;
}

}  // namespace

void add_monitor_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<MonitorOptions>();
  stats::MonitoringDesign& design = options->request.design;
  // The general defaults are shown, except the first look's, which follows the cohort size.
  options->design_flags = {
      {"standard_prior.a", Flag("--standard-a", &design.standard.a,
                                "First parameter of the standard therapy's Beta prior on its response rate (> 0)")
                               .showing_default()},
      {"standard_prior.b",
       Flag("--standard-b", &design.standard.b, "Second parameter of the standard therapy's Beta prior (> 0)").showing_default()},
      {"experimental_prior.a",
       Flag("--experimental-a", &design.experimental.a, "First parameter of the experimental therapy's Beta prior (> 0)")
           .showing_default()},
      {"experimental_prior.b",
       Flag("--experimental-b", &design.experimental.b, "Second parameter of the experimental therapy's Beta prior (> 0)")
           .showing_default()},
      {"delta", Flag("--delta", &design.delta,
                     "Improvement in response rate over the standard therapy that the trial looks for, in [0, 1)")
                    .showing_default()},
      {"threshold",
       Flag("--threshold", &design.threshold, "Stop when Pr(p_E > p_S + delta | data) is below this, in (0, 1)").showing_default()},
      {"cohort_size", Flag("--cohort-size", &design.cohort_size, "Patients between looks (>= 1)").showing_default()},
      {"maximum_patients",
       Flag("--maximum-patients", &design.maximum_patients,
            "Patients at which the trial ends; looks are before it (2 to " + std::to_string(stats::kMaximumMonitoredPatients) + ")")
           .showing_default()},
      {"first_look", Flag("--first-look", &design.first_look, "Patients evaluated at the first look (default: the cohort size)")}};
  Flags flags{{"--true-rate", &options->request.true_rates,
               "A true response rate in (0, 1) to compute the operating characteristics for; repeat for several "
               "(default: the standard prior's mean, and that plus delta)"}};
  for (const DesignFlag& flag : options->design_flags) flags.push_back(flag.row);
  options->command = &add_command(
      app, outcome, "monitor", options, run_monitor,
      flags + Flags{{"--simulate", &options->simulated_trials,
                     "Also simulate this many trials for each true rate, as a Monte Carlo check of the exact figures"},
                    protocol_flag(options->protocol_file),
                    Flag("--seed", &options->request.seed,
                         "Seed of the simulation's random numbers (the same seed gives the same figures)")
                        .showing_default(),
                    {"--json", &options->json, "Print one JSON object instead of the tables"}});
}

}  // namespace trialcore::app
