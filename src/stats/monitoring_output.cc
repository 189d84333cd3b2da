#include "stats/monitoring_output.h"
#include "base/number_text.h"

#include <cstdio>
#include <optional>
#include <sstream>

namespace trialcore::stats {

namespace {

std::string format(const char* pattern, double value) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, value);
  return text;
}

// ---- The readable table ----

std::string prior_text(const BetaPrior& prior) {
  return "Beta(" + general_text(prior.a) + ", " + general_text(prior.b) + "), mean " + format("%.3f", prior.mean()) +
         ", concentration " + general_text(prior.concentration());
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

void print_boundaries(const MonitoringDesign& design, const std::vector<StoppingBoundary>& boundaries,
                      std::ostream& out) {
  out << "Stopping boundaries\n";
  out << "  patients  stop if responders <=  continue if responders >=  Pr at stop  Pr at "
         "continue\n";
  for (const StoppingBoundary& boundary : boundaries) {
    std::string stop = boundary.stop_at_most ? std::to_string(*boundary.stop_at_most) : "never stops";
    std::string go = boundary.always_stops() ? "always stops" : std::to_string(boundary.continue_at_least);
    out << padded(std::to_string(boundary.patients), 10) << padded(stop, 23) << padded(go, 28)
        << padded(optional_probability(boundary.probability_at_stop), 12)
        << padded(optional_probability(boundary.probability_at_continue), 16) << "\n";
  }
  out << "  (Pr = Pr(p_E > p_S + " << general_text(design.delta) << " | data) at that count; the trial ends at "
      << design.maximum_patients << " patients whatever the count)\n";
}

// One row of a table with a column for each true rate.
template <class Rate, class Cell>
void print_row(const std::string& label, const std::vector<Rate>& rates, Cell cell, std::ostream& out) {
  out << "  " << left(label, 24);
  for (const Rate& rate : rates) out << padded(cell(rate), 20);
  out << "\n";
}

// The rows shared by the exact and the simulated tables; `figure` formats one figure,
// exact or estimated.
template <class Rate, class Figure>
void print_characteristics(const std::vector<Rate>& rates, int maximum_patients, Figure figure, std::ostream& out) {
  print_row("true response rate", rates, [](const Rate& rate) { return format("%.4g", rate.true_rate); }, out);
  const std::vector<int>& looks = rates.front().look_patients;
  for (size_t k = 0; k < looks.size(); ++k) {
    print_row("Pr(stop at " + std::to_string(looks[k]) + ")", rates,
              [&](const Rate& rate) { return figure(rate.stop_probability[k], "%.4f"); }, out);
  }
  print_row("Pr(stop early)", rates, [&](const Rate& rate) { return figure(rate.early_stop_probability, "%.4f"); },
            out);
  print_row("Pr(reach " + std::to_string(maximum_patients) + ")", rates,
            [&](const Rate& rate) { return figure(rate.reach_maximum_probability, "%.4f"); }, out);
  print_row("E(patients)", rates, [&](const Rate& rate) { return figure(rate.expected_patients, "%.2f"); }, out);
}

void print_exact(const MonitoringDesign& design, const std::vector<OperatingCharacteristics>& exact,
                 std::ostream& out) {
  out << "Operating characteristics (exact)\n";
  print_characteristics(exact, design.maximum_patients,
                        [](double value, const char* pattern) { return format(pattern, value); }, out);
}

void print_simulated(const MonitoringDesign& design, const std::vector<SimulatedOperatingCharacteristics>& simulated,
                     std::ostream& out) {
  out << "Monte Carlo check (" << simulated.front().trials << " trials a rate, seed " << simulated.front().seed
      << "): estimate (standard error)\n";
  print_characteristics(
      simulated, design.maximum_patients,
      [](const MonteCarloEstimate& estimate, const char* pattern) {
        return format(pattern, estimate.estimate) + " (" + format(pattern, estimate.standard_error) + ")";
      },
      out);
}

// ---- JSON ----

OrderedJson prior_json(const BetaPrior& prior) {
  return {{"a", prior.a}, {"b", prior.b}, {"mean", prior.mean()}, {"concentration", prior.concentration()}};
}

OrderedJson optional_json(const std::optional<double>& value) {
  return value ? OrderedJson(*value) : OrderedJson(nullptr);
}

OrderedJson estimate_json(const MonteCarloEstimate& estimate) {
  return {{"estimate", estimate.estimate}, {"standard_error", estimate.standard_error}};
}

OrderedJson simulation_json(const SimulatedOperatingCharacteristics& simulated) {
  OrderedJson at_look = OrderedJson::array();
  for (const MonteCarloEstimate& estimate : simulated.stop_probability) at_look.push_back(estimate_json(estimate));
  return {{"trials", simulated.trials},
          {"seed", simulated.seed},
          {"stop_probability_at_look", at_look},
          {"stop_early_probability", estimate_json(simulated.early_stop_probability)},
          {"reach_maximum_probability", estimate_json(simulated.reach_maximum_probability)},
          {"expected_patients", estimate_json(simulated.expected_patients)}};
}

}  // namespace

Result<MonitoringReport> monitoring_report(const MonitoringDesign& design, const std::vector<double>& true_rates,
                                           int64_t simulated_trials, uint64_t seed) {
  MonitoringReport report;
  report.design = design;
  auto boundaries = stopping_boundaries(design);
  if (!boundaries.ok()) return boundaries.error();
  report.boundaries = *boundaries;
  for (double rate : true_rates) {
    auto exact = exact_operating_characteristics(design, report.boundaries, rate);
    if (!exact.ok()) return exact.error();
    report.exact.push_back(*exact);
    if (simulated_trials == 0) continue;
    auto simulated = simulate_operating_characteristics(design, report.boundaries, rate, simulated_trials, seed);
    if (!simulated.ok()) return simulated.error();
    report.simulated.push_back(*simulated);
  }
  return report;
}

std::string monitoring_report_text(const MonitoringReport& report) {
  const MonitoringDesign& design = report.design;
  std::ostringstream out;
  out << "Bayesian futility monitoring (Thall, Simon & Estey 1995)\n"
      << "  standard therapy      p_S ~ " << prior_text(design.standard) << "\n"
      << "  experimental therapy  p_E ~ " << prior_text(design.experimental) << "\n"
      << "  rule: stop when Pr(p_E > p_S + " << general_text(design.delta) << " | data) < " << general_text(design.threshold)
      << "\n"
      << "  looks after " << looks_text(report.boundaries) << " patients; at most " << design.maximum_patients
      << " patients\n\n";
  print_boundaries(design, report.boundaries, out);
  out << "\n";
  print_exact(design, report.exact, out);
  if (!report.simulated.empty()) {
    out << "\n";
    print_simulated(design, report.simulated, out);
  }
  return out.str();
}

OrderedJson monitoring_report_json(const MonitoringReport& report) {
  const MonitoringDesign& design = report.design;
  OrderedJson out;
  out["design"] = {{"standard_prior", prior_json(design.standard)},
                   {"experimental_prior", prior_json(design.experimental)},
                   {"delta", design.delta},
                   {"threshold", design.threshold},
                   {"cohort_size", design.cohort_size},
                   {"maximum_patients", design.maximum_patients},
                   {"first_look", design.first_look}};
  out["looks"] = OrderedJson::array();
  for (const StoppingBoundary& boundary : report.boundaries) {
    out["looks"].push_back(
        {{"patients", boundary.patients},
         {"stop_if_responders_at_most",
          boundary.stop_at_most ? OrderedJson(*boundary.stop_at_most) : OrderedJson(nullptr)},
         {"continue_if_responders_at_least", boundary.continue_at_least},
         {"never_stops", boundary.never_stops()},
         {"always_stops", boundary.always_stops()},
         {"probability_at_stop", optional_json(boundary.probability_at_stop)},
         {"probability_at_continue", optional_json(boundary.probability_at_continue)}});
  }
  out["operating_characteristics"] = OrderedJson::array();
  for (size_t i = 0; i < report.exact.size(); ++i) {
    const OperatingCharacteristics& exact = report.exact[i];
    OrderedJson rate = {{"true_rate", exact.true_rate},
                        {"stop_probability_at_look", exact.stop_probability},
                        {"stop_early_probability", exact.early_stop_probability},
                        {"reach_maximum_probability", exact.reach_maximum_probability},
                        {"expected_patients", exact.expected_patients}};
    if (i < report.simulated.size()) rate["simulation"] = simulation_json(report.simulated[i]);
    out["operating_characteristics"].push_back(rate);
  }
  return out;
}

}  // namespace trialcore::stats
