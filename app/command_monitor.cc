// `trialcore monitor`: the Bayesian futility rule of a single-arm trial (Thall, Simon &
// Estey 1995) made concrete: the responder counts at which each look stops the trial, and
// what the rule does to trials whose true response rate is given (exactly, and optionally
// checked by simulation). The design comes from the options; their defaults are those of
// stats::MonitoringDesign.
#include <charconv>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "command.h"
#include "output.h"
#include "stats/futility_monitoring.h"
#include "protocol_option.h"
#include "stats/monitoring_design.h"
#include "stats/monitoring_simulation.h"

namespace trialcore::app {

namespace {

using stats::MonitoringDesign;
using stats::OperatingCharacteristics;
using stats::SimulatedOperatingCharacteristics;
using stats::StoppingBoundary;

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

std::string format(const char* pattern, double value) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, value);
  return text;
}

// "30", "0.6", "0.025": short and exact enough to read back.
std::string number(double value) { return format("%g", value); }

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

struct MonitorReport {
  std::vector<StoppingBoundary> boundaries;
  std::vector<OperatingCharacteristics> exact;
  std::vector<SimulatedOperatingCharacteristics> simulated;  // empty without --simulate
};

Result<MonitorReport> compute(const MonitorOptions& options) {
  MonitorReport report;
  auto boundaries = stats::stopping_boundaries(options.design);
  if (!boundaries.ok()) return boundaries.error();
  report.boundaries = *boundaries;
  for (double rate : options.true_rates) {
    auto exact = stats::exact_operating_characteristics(options.design, report.boundaries, rate);
    if (!exact.ok()) return exact.error();
    report.exact.push_back(*exact);
    if (options.simulated_trials == 0) continue;
    auto simulated = stats::simulate_operating_characteristics(
        options.design, report.boundaries, rate, options.simulated_trials, options.seed);
    if (!simulated.ok()) return simulated.error();
    report.simulated.push_back(*simulated);
  }
  return report;
}

// ---- The readable table ----

std::string prior_text(const stats::BetaPrior& prior) {
  return "Beta(" + number(prior.a) + ", " + number(prior.b) + "), mean " +
         format("%.3f", prior.mean()) + ", concentration " + number(prior.concentration());
}

std::string looks_text(const std::vector<StoppingBoundary>& boundaries) {
  std::string text;
  for (const StoppingBoundary& boundary : boundaries) {
    text += (text.empty() ? "" : ", ") + std::to_string(boundary.patients);
  }
  return text;
}

std::string padded(const std::string& text, size_t width) {
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

std::string left(const std::string& text, size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

std::string optional_probability(const std::optional<double>& probability) {
  return probability ? format("%.4f", *probability) : "-";
}

void print_boundaries(const MonitoringDesign& design,
                      const std::vector<StoppingBoundary>& boundaries, std::ostream& out) {
  out << "Stopping boundaries\n";
  out << "  patients  stop if responders <=  continue if responders >=  Pr at stop  Pr at "
         "continue\n";
  for (const StoppingBoundary& boundary : boundaries) {
    std::string stop =
        boundary.stop_at_most ? std::to_string(*boundary.stop_at_most) : "never stops";
    std::string go =
        boundary.always_stops() ? "always stops" : std::to_string(boundary.continue_at_least);
    out << padded(std::to_string(boundary.patients), 10) << padded(stop, 23) << padded(go, 28)
        << padded(optional_probability(boundary.probability_at_stop), 12)
        << padded(optional_probability(boundary.probability_at_continue), 16) << "\n";
  }
  out << "  (Pr = Pr(p_E > p_S + " << number(design.delta)
      << " | data) at that count; the trial ends at " << design.maximum_patients
      << " patients whatever the count)\n";
}

// One row of a table with a column for each true rate.
template <class Rate, class Cell>
void print_row(const std::string& label, const std::vector<Rate>& rates, Cell cell,
               std::ostream& out) {
  out << "  " << left(label, 24);
  for (const Rate& rate : rates) out << padded(cell(rate), 20);
  out << "\n";
}

// The rows shared by the exact and the simulated tables; `figure` formats one figure,
// exact or estimated.
template <class Rate, class Figure>
void print_characteristics(const std::vector<Rate>& rates, int maximum_patients, Figure figure,
                           std::ostream& out) {
  print_row(
      "true response rate", rates, [](const Rate& rate) { return format("%.4g", rate.true_rate); },
      out);
  const std::vector<int>& looks = rates.front().look_patients;
  for (size_t k = 0; k < looks.size(); ++k) {
    print_row(
        "Pr(stop at " + std::to_string(looks[k]) + ")", rates,
        [&](const Rate& rate) { return figure(rate.stop_probability[k], "%.4f"); }, out);
  }
  print_row(
      "Pr(stop early)", rates,
      [&](const Rate& rate) { return figure(rate.early_stop_probability, "%.4f"); }, out);
  print_row(
      "Pr(reach " + std::to_string(maximum_patients) + ")", rates,
      [&](const Rate& rate) { return figure(rate.reach_maximum_probability, "%.4f"); }, out);
  print_row(
      "E(patients)", rates,
      [&](const Rate& rate) { return figure(rate.expected_patients, "%.2f"); }, out);
}

void print_exact(const MonitoringDesign& design, const std::vector<OperatingCharacteristics>& exact,
                 std::ostream& out) {
  out << "Operating characteristics (exact)\n";
  print_characteristics(
      exact, design.maximum_patients,
      [](double value, const char* pattern) { return format(pattern, value); }, out);
}

void print_simulated(const MonitorOptions& options,
                     const std::vector<SimulatedOperatingCharacteristics>& simulated,
                     std::ostream& out) {
  out << "Monte Carlo check (" << options.simulated_trials << " trials a rate, seed "
      << options.seed << "): estimate (standard error)\n";
  print_characteristics(
      simulated, options.design.maximum_patients,
      [](const stats::MonteCarloEstimate& estimate, const char* pattern) {
        return format(pattern, estimate.estimate) + " (" +
               format(pattern, estimate.standard_error) + ")";
      },
      out);
}

void print_table(const MonitorOptions& options, const MonitorReport& report, std::ostream& out) {
  const MonitoringDesign& design = options.design;
  out << "Bayesian futility monitoring (Thall, Simon & Estey 1995)\n"
      << "  standard therapy      p_S ~ " << prior_text(design.standard) << "\n"
      << "  experimental therapy  p_E ~ " << prior_text(design.experimental) << "\n"
      << "  rule: stop when Pr(p_E > p_S + " << number(design.delta) << " | data) < "
      << number(design.threshold) << "\n"
      << "  looks after " << looks_text(report.boundaries) << " patients; at most "
      << design.maximum_patients << " patients\n\n";
  print_boundaries(design, report.boundaries, out);
  out << "\n";
  print_exact(design, report.exact, out);
  if (!report.simulated.empty()) {
    out << "\n";
    print_simulated(options, report.simulated, out);
  }
}

// ---- JSON ----

nlohmann::ordered_json prior_json(const stats::BetaPrior& prior) {
  return {{"a", prior.a},
          {"b", prior.b},
          {"mean", prior.mean()},
          {"concentration", prior.concentration()}};
}

nlohmann::ordered_json optional_json(const std::optional<double>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json estimate_json(const stats::MonteCarloEstimate& estimate) {
  return {{"estimate", estimate.estimate}, {"standard_error", estimate.standard_error}};
}

nlohmann::ordered_json report_json(const MonitorOptions& options, const MonitorReport& report) {
  const MonitoringDesign& design = options.design;
  nlohmann::ordered_json out;
  out["design"] = {{"standard_prior", prior_json(design.standard)},
                   {"experimental_prior", prior_json(design.experimental)},
                   {"delta", design.delta},
                   {"threshold", design.threshold},
                   {"cohort_size", design.cohort_size},
                   {"maximum_patients", design.maximum_patients},
                   {"first_look", design.first_look}};
  out["looks"] = nlohmann::ordered_json::array();
  for (const StoppingBoundary& boundary : report.boundaries) {
    out["looks"].push_back(
        {{"patients", boundary.patients},
         {"stop_if_responders_at_most", boundary.stop_at_most
                                            ? nlohmann::ordered_json(*boundary.stop_at_most)
                                            : nlohmann::ordered_json(nullptr)},
         {"continue_if_responders_at_least", boundary.continue_at_least},
         {"never_stops", boundary.never_stops()},
         {"always_stops", boundary.always_stops()},
         {"probability_at_stop", optional_json(boundary.probability_at_stop)},
         {"probability_at_continue", optional_json(boundary.probability_at_continue)}});
  }
  out["operating_characteristics"] = nlohmann::ordered_json::array();
  for (size_t i = 0; i < report.exact.size(); ++i) {
    const OperatingCharacteristics& exact = report.exact[i];
    nlohmann::ordered_json rate = {{"true_rate", exact.true_rate},
                                   {"stop_probability_at_look", exact.stop_probability},
                                   {"stop_early_probability", exact.early_stop_probability},
                                   {"reach_maximum_probability", exact.reach_maximum_probability},
                                   {"expected_patients", exact.expected_patients}};
    if (i < report.simulated.size()) {
      const SimulatedOperatingCharacteristics& simulated = report.simulated[i];
      nlohmann::ordered_json at_look = nlohmann::ordered_json::array();
      for (const auto& estimate : simulated.stop_probability)
        at_look.push_back(estimate_json(estimate));
      rate["simulation"] = {
          {"trials", simulated.trials},
          {"seed", simulated.seed},
          {"stop_probability_at_look", at_look},
          {"stop_early_probability", estimate_json(simulated.early_stop_probability)},
          {"reach_maximum_probability", estimate_json(simulated.reach_maximum_probability)},
          {"expected_patients", estimate_json(simulated.expected_patients)}};
    }
    out["operating_characteristics"].push_back(rate);
  }
  return out;
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
    auto report = compute(*options);
    if (!report.ok()) {
      print_error(report.error());
      outcome.exit_code = kExitFailure;
      return;
    }
    if (options->json) {
      std::cout << report_json(*options, *report).dump(2) << "\n";
    } else {
      print_table(*options, *report, std::cout);
    }
  });
}

}  // namespace trialcore::app
