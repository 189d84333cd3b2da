// `trialcore monitor`: the Bayesian futility rule of a single-arm trial (Thall, Simon &
// Estey 1995): the responder counts at which each look stops the trial, and what the rule
// does to trials whose true response rate is given (answers/monitoring_answer.h).
#include "answers/monitoring_answer.h"
#include "command.h"
#include "protocol_option.h"

namespace trialcore::app {

namespace {

// A design member's name (as the protocol file and the errors name it) and its flag.
struct DesignFlag {
  const char* member;
  Flag row;
};

struct MonitorOptions {
  answers::MonitorInput input;
  std::vector<DesignFlag> design_flags;
  int64_t simulated_trials = 0;
  const CLI::App* command = nullptr;  // which flags were given
};

// The request names the design members given, and the simulation when --simulate is; an
// error about a design member names its flag, as one about the request's own ($.seed).
int run_monitor(const MonitorOptions& options) {
  answers::MonitorInput input = options.input;
  for (const DesignFlag& flag : options.design_flags) {
    if (options.command->count(flag.row.name) > 0) input.request.given.insert(flag.member);
  }
  if (options.command->count("--simulate") > 0) input.request.simulated_trials = options.simulated_trials;
  std::vector<std::string> warnings;
  auto answer = answers::monitor_answer(input, warnings);
  if (!answer.ok()) {
    Error error = answer.error();
    for (const DesignFlag& flag : options.design_flags) error.path = error.path == flag.member ? flag.row.name : error.path;
    return print_result(on_flags(error));
  }
  return print_result(answer);
}

}  // namespace

void add_monitor_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<MonitorOptions>();
  stats::MonitoringDesign& design = options->input.request.design;
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
  Flags flags{{"--true-rate", &options->input.request.true_rates,
               "A true response rate in (0, 1) to compute the operating characteristics for; repeat for several "
               "(default: the standard prior's mean, and that plus delta)"}};
  for (const DesignFlag& flag : options->design_flags) flags.push_back(flag.row);
  options->command = &add_command(
      app, outcome, "monitor", options, run_monitor,
      flags + Flags{{"--simulate", &options->simulated_trials,
                     "Also simulate this many trials for each true rate, as a Monte Carlo check of the exact figures"},
                    protocol_flag(options->input.protocol_file),
                    Flag("--seed", &options->input.request.seed,
                         "Seed of the simulation's random numbers (the same seed gives the same figures)")
                        .showing_default(),
                    {"--json", &options->input.json, "Print one JSON object instead of the tables"}});
}

}  // namespace trialcore::app
