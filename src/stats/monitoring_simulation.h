// Monte Carlo simulation of a futility-monitored single-arm trial: an independent check of
// exact_operating_characteristics (futility_monitoring.h) that plays the trials out one
// patient at a time. Reproducible: the same seed gives the same numbers on every machine
// (std::mt19937_64 is fully specified, and its output is turned into a uniform number in
// [0, 1) with 53 random bits, not by an implementation-defined std distribution).
#pragma once

#include <cstdint>
#include <vector>

#include "base/result.h"
#include "stats/futility_monitoring.h"
#include "stats/monitoring_design.h"

namespace trialcore::stats {

// An estimate and its Monte Carlo standard error.
struct MonteCarloEstimate {
  double estimate = 0;
  double standard_error = 0;
};

struct SimulatedOperatingCharacteristics {
  double true_rate = 0;
  int64_t trials = 0;
  uint64_t seed = 0;
  std::vector<int> look_patients;
  std::vector<MonteCarloEstimate> stop_probability;  // each: proportion, sqrt(p (1 - p) / trials)
  MonteCarloEstimate early_stop_probability;
  MonteCarloEstimate expected_patients;  // mean, sample standard deviation / sqrt(trials)
  MonteCarloEstimate reach_maximum_probability;
};

// Largest number of simulated trials accepted.
constexpr int64_t kMaximumSimulatedTrials = 1'000'000'000;

// Simulates `trials` trials of `design` (1..kMaximumSimulatedTrials) in which each patient
// responds with probability true_rate (within [0, 1]), stopping by `boundaries`, which
// must be stopping_boundaries(design).
Result<SimulatedOperatingCharacteristics> simulate_operating_characteristics(
    const MonitoringDesign& design, const std::vector<StoppingBoundary>& boundaries,
    double true_rate, int64_t trials, uint64_t seed);

}  // namespace trialcore::stats
