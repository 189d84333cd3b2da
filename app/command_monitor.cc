// `trialcore monitor`: the Bayesian futility rule of a single-arm trial (Thall, Simon &
// Estey 1995) made concrete: the responder counts at which each look stops the trial, and
// what the rule does to trials whose true response rate is given (exactly, and optionally
// checked by simulation). Here the design comes from the options (their defaults are those
// of stats::MonitoringDesign, or the protocol's monitoring section); the answer is
// stats/monitoring_output.h's.
#include <charconv>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "command.h"
#include "output.h"
#include "protocol_option.h"
#include "stats/monitoring_design.h"
#include "stats/monitoring_output.h"

namespace trialcore::app {

namespace {

using stats::MonitoringDesign;

struct MonitorOptions {
  MonitoringDesign design;
  std::vector<double> true_rates;
  int64_t simulated_trials = 0;  // 0: no simulation
  std::string seed_text = "1";
  uint64_t seed = 1;
  bool json = false;
  std::string protocol_file;
  CLI::Option* first_look = nullptr;
  CLI::Option* simulate = nullptr;
  // Each design option, with how it copies its member from a design: a member not given on
  // the command line comes from the protocol's monitoring section when it has one.
  std::vector<std::pair<CLI::Option*, std::function<void(MonitoringDesign&, const MonitoringDesign&)>>> members;
};

// The option that sets each member of the design, for messages about bad values.
const std::map<std::string, std::string> kOptionOfMember = {
    {"standard_prior.a", "--standard-a"},
    {"standard_prior.b", "--standard-b"},
    {"experimental_prior.a", "--experimental-a"},
    {"experimental_prior.b", "--experimental-b"},
    {"delta", "--delta"},
    {"threshold", "--threshold"},
    {"cohort_size", "--cohort-size"},
    {"maximum_patients", "--maximum-patients"},
    {"first_look", "--first-look"},
};

// "30", "0.6", "0.025", as the report writes numbers.
std::string number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// Fills in the defaults that depend on other options, then checks them all; an Error
// names the option at fault.
Status complete_and_check(MonitorOptions& options) {
  auto protocol = load_protocol_option(options.protocol_file);
  if (!protocol.ok()) return protocol.error();
  if (protocol->monitoring) {
    for (const auto& [option, copy] : options.members) {
      if (option->count() == 0) copy(options.design, *protocol->monitoring);
    }
  }
  bool first_look_given = options.first_look->count() > 0 || protocol->monitoring.has_value();
  if (!first_look_given) options.design.first_look = options.design.cohort_size;
  if (Status design = stats::check_monitoring_design(options.design); !design.ok()) {
    auto option = kOptionOfMember.find(design.error().path);
    return Error{option == kOptionOfMember.end() ? design.error().path : option->second,
                 design.error().message};
  }
  for (double rate : options.true_rates) {
    if (!(rate > 0 && rate < 1)) {
      return Error{"--true-rate", "must be between 0 and 1 (exclusive), not " + number(rate)};
    }
  }
  if (options.true_rates.empty()) {
    const double standard = options.design.standard.mean();
    options.true_rates.push_back(standard);
    if (standard + options.design.delta < 1) {
      options.true_rates.push_back(standard + options.design.delta);
    }
  }
  const std::string& seed = options.seed_text;
  auto [end, failure] = std::from_chars(seed.data(), seed.data() + seed.size(), options.seed);
  if (seed.empty() || failure != std::errc() || end != seed.data() + seed.size()) {
    return Error{"--seed",
                 "must be a whole number from 0 to 18446744073709551615, not '" + seed + "'"};
  }
  if (options.simulate->count() > 0 &&
      (options.simulated_trials < 1 || options.simulated_trials > stats::kMaximumSimulatedTrials)) {
    return Error{"--simulate", "must be from 1 to " +
                                   std::to_string(stats::kMaximumSimulatedTrials) +
                                   " trials, not " + std::to_string(options.simulated_trials)};
  }
  return Status::Ok();
}

}  // namespace

void add_monitor_command(CLI::App& app, CommandOutcome& outcome) {
  auto* command = app.add_subcommand(
      "monitor",
      "Bayesian futility monitoring of a single-arm trial (Thall, Simon & Estey 1995): the "
      "stopping boundaries at each look and the rule's operating characteristics");
  command->footer(
      "The trial stops for futility at a look when Pr(p_E > p_S + delta | data) < threshold, "
      "with p_S ~ Beta(standard-a, standard-b) and p_E ~ Beta(experimental-a + x, "
      "experimental-b + n - x) after x responses in n patients. Each parameter not given comes "
      "from the protocol's monitoring section, else from general defaults (docs/statistics.md).");
  auto options = std::make_shared<MonitorOptions>();
  MonitoringDesign& design = options->design;
  command->add_option("--true-rate", options->true_rates,
                      "A true response rate in (0, 1) to compute the operating characteristics "
                      "for; repeat for several (default: the standard prior's mean, and that "
                      "plus delta)");
  command
      ->add_option("--standard-a", design.standard.a,
                   "First parameter of the standard therapy's Beta prior on its response "
                   "rate (> 0)")
      ->capture_default_str();
  command
      ->add_option("--standard-b", design.standard.b,
                   "Second parameter of the standard therapy's Beta prior (> 0)")
      ->capture_default_str();
  command
      ->add_option("--experimental-a", design.experimental.a,
                   "First parameter of the experimental therapy's Beta prior (> 0)")
      ->capture_default_str();
  command
      ->add_option("--experimental-b", design.experimental.b,
                   "Second parameter of the experimental therapy's Beta prior (> 0)")
      ->capture_default_str();
  command
      ->add_option("--delta", design.delta,
                   "Improvement in response rate over the standard therapy that the trial "
                   "looks for, in [0, 1)")
      ->capture_default_str();
  command
      ->add_option("--threshold", design.threshold,
                   "Stop when Pr(p_E > p_S + delta | data) is below this, in (0, 1)")
      ->capture_default_str();
  command->add_option("--cohort-size", design.cohort_size, "Patients between looks (>= 1)")
      ->capture_default_str();
  command
      ->add_option("--maximum-patients", design.maximum_patients,
                   "Patients at which the trial ends; looks are before it (2 to " +
                       std::to_string(stats::kMaximumMonitoredPatients) + ")")
      ->capture_default_str();
  options->first_look =
      command->add_option("--first-look", design.first_look,
                          "Patients evaluated at the first look (default: the cohort size)");
  options->simulate = command->add_option(
      "--simulate", options->simulated_trials,
      "Also simulate this many trials for each true rate, as a Monte Carlo check of the "
      "exact figures");
  for (const auto& [name, member] : std::vector<std::pair<std::string, std::function<void(MonitoringDesign&, const MonitoringDesign&)>>>{
           {"--standard-a", [](MonitoringDesign& to, const MonitoringDesign& from) { to.standard.a = from.standard.a; }},
           {"--standard-b", [](MonitoringDesign& to, const MonitoringDesign& from) { to.standard.b = from.standard.b; }},
           {"--experimental-a", [](MonitoringDesign& to, const MonitoringDesign& from) { to.experimental.a = from.experimental.a; }},
           {"--experimental-b", [](MonitoringDesign& to, const MonitoringDesign& from) { to.experimental.b = from.experimental.b; }},
           {"--delta", [](MonitoringDesign& to, const MonitoringDesign& from) { to.delta = from.delta; }},
           {"--threshold", [](MonitoringDesign& to, const MonitoringDesign& from) { to.threshold = from.threshold; }},
           {"--cohort-size", [](MonitoringDesign& to, const MonitoringDesign& from) { to.cohort_size = from.cohort_size; }},
           {"--maximum-patients", [](MonitoringDesign& to, const MonitoringDesign& from) { to.maximum_patients = from.maximum_patients; }},
           {"--first-look", [](MonitoringDesign& to, const MonitoringDesign& from) { to.first_look = from.first_look; }}}) {
    options->members.emplace_back(command->get_option(name), member);
  }
  add_protocol_option(*command, options->protocol_file);
  command
      ->add_option("--seed", options->seed_text,
                   "Seed of the simulation's random numbers (the same seed gives the same "
                   "figures)")
      ->capture_default_str();
  command->add_flag("--json", options->json, "Print one JSON object instead of the tables");

  command->callback([options, &outcome] {
    if (Status checked = complete_and_check(*options); !checked.ok()) {
      print_error(checked.error());
      outcome.exit_code = kExitBadInput;
      return;
    }
    auto report = stats::monitoring_report(options->design, options->true_rates, options->simulated_trials,
                                           options->seed);
    if (!report.ok()) {
      print_error(report.error());
      outcome.exit_code = kExitFailure;
      return;
    }
    if (options->json) {
      std::cout << stats::monitoring_report_json(*report).dump(2) << "\n";
    } else {
      std::cout << stats::monitoring_report_text(*report);
    }
  });
}

}  // namespace trialcore::app
