// Deliberately simple ways to compute what src/stats computes, used as the baselines the
// benchmarks measure against: each is the first program one would write from the formula.
#pragma once

#include <cstdint>
#include <vector>

#include "stats/futility_monitoring.h"
#include "stats/monitoring_design.h"

namespace trialcore::bench {

// Pr(p_E > p_S + delta | data) by a plain midpoint Riemann sum with `points` points.
double riemann_probability_of_improvement(const stats::MonitoringDesign& design, int responders,
                                          int patients, int points);

// The exact operating characteristics by walking every one of the 2^maximum_patients
// response sequences (maximum_patients <= 24), each with its probability.
stats::OperatingCharacteristics enumerate_response_paths(
    const stats::MonitoringDesign& design, const std::vector<stats::StoppingBoundary>& boundaries,
    double true_rate);

// Simulates trials the way the rule reads: at each look, compute the posterior probability
// (by quadrature) and compare it with the threshold. Returns the trials that stopped early.
int64_t simulate_with_posterior_at_each_look(const stats::MonitoringDesign& design,
                                             double true_rate, int64_t trials, uint64_t seed);

}  // namespace trialcore::bench
