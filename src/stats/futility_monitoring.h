// Bayesian futility monitoring of a single-arm trial (Thall, Simon & Estey 1995): the
// posterior probability that the experimental therapy improves on the standard one by
// delta, the stopping boundaries it implies at each look, and the exact operating
// characteristics of the rule under an assumed true response rate. See monitoring_design.h
// for the design and docs/statistics.md for the formulas.
#pragma once

#include <optional>
#include <vector>

#include "base/result.h"
#include "stats/monitoring_design.h"

namespace trialcore::stats {

// Pr(p_E > p_S + delta | responders of patients)
//   = integral over s in [0, 1 - delta] of f_S(s) * (1 - F_E(s + delta)) ds
// where f_S is the Beta(a_S, b_S) density and F_E the Beta(a_E + x, b_E + n - x)
// distribution function (a regularized incomplete beta function, computed to full double
// precision). The outer integral is taken by tanh-sinh quadrature, split at the mean of
// p_S so that the prior's peak lies at an end of each piece, where the rule places its
// nodes most densely. Where a_S or b_S is below 1, f_S is unbounded at 0 or 1 and a power
// substitution makes the integrand bounded first. The result agrees with R's integrate()
// to about 1e-14. Fails for an invalid design or counts (0 <= responders <= patients).
Result<double> probability_of_improvement(const MonitoringDesign& design, int responders,
                                          int patients);

// A posterior probability within this distance of the threshold counts as equal to it, so
// the trial goes on: the integral is accurate to about 1e-14, and a closer call (an exact
// tie, as Pr = 0.5 with symmetric priors) is one that rounding alone would decide.
constexpr double kThresholdTieTolerance = 1e-12;

// The rule's test: probability < threshold, beyond the tolerance above.
bool below_threshold(double probability, double threshold);

// The decision rule at one look, as responder counts. The posterior probability increases
// with the responders, so the stopping region is the counts 0..stop_at_most.
struct StoppingBoundary {
  int patients = 0;                  // patients evaluated at this look
  std::optional<int> stop_at_most;   // stop when responders <= this; nullopt: never stops here
  int continue_at_least = 0;         // responders needed to go on: stop_at_most + 1, or 0
  std::optional<double> probability_at_stop;      // Pr(p_E > p_S + delta) at stop_at_most
  std::optional<double> probability_at_continue;  // ... at continue_at_least, when <= patients

  bool never_stops() const { return !stop_at_most.has_value(); }
  // Even if every patient so far responded, the rule stops here.
  bool always_stops() const { return continue_at_least > patients; }
};

// One boundary for each of monitoring_looks(design), in order.
Result<std::vector<StoppingBoundary>> stopping_boundaries(const MonitoringDesign& design);

// What the rule does to trials whose true response rate is true_rate. A trial that stops at
// a look has enrolled exactly the patients of that look (no over-run).
struct OperatingCharacteristics {
  double true_rate = 0;
  std::vector<int> look_patients;         // as in monitoring_looks(design)
  std::vector<double> stop_probability;   // Pr(the trial stops at this look)
  double early_stop_probability = 0;      // their sum
  double expected_patients = 0;           // E(patients enrolled)
  double reach_maximum_probability = 0;   // Pr(the trial enrolls maximum_patients)
};

// Computed exactly: the distribution of responders among trials still running is carried
// from look to look, convolved with the binomial distribution of each new cohort's
// responders, and the stopping region's mass is removed at each look.
// `boundaries` must be stopping_boundaries(design); true_rate must be within [0, 1].
Result<OperatingCharacteristics> exact_operating_characteristics(
    const MonitoringDesign& design, const std::vector<StoppingBoundary>& boundaries,
    double true_rate);

// Checks that `boundaries` has one boundary for each look of `design`, in order.
Status check_boundaries_match(const MonitoringDesign& design,
                              const std::vector<StoppingBoundary>& boundaries);

}  // namespace trialcore::stats
