#include "stats/monitoring_simulation.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

namespace trialcore::stats {

namespace {

// A uniform number in [0, 1) from the generator's top 53 bits: the same on every platform.
double uniform(std::mt19937_64& generator) {
  return static_cast<double>(generator() >> 11) * 0x1.0p-53;
}

MonteCarloEstimate proportion(int64_t count, int64_t trials) {
  const double p = static_cast<double>(count) / static_cast<double>(trials);
  return {p, std::sqrt(p * (1 - p) / static_cast<double>(trials))};
}

}  // namespace

Result<SimulatedOperatingCharacteristics> simulate_operating_characteristics(
    const MonitoringDesign& design, const std::vector<StoppingBoundary>& boundaries,
    double true_rate, int64_t trials, uint64_t seed) {
  if (Status checked = check_monitoring_design(design); !checked.ok()) return checked.error();
  if (Status matched = check_boundaries_match(design, boundaries); !matched.ok()) {
    return matched.error();
  }
  if (!(true_rate >= 0 && true_rate <= 1)) {
    return Error{"true_rate", "must be between 0 and 1, not " + std::to_string(true_rate)};
  }
  if (trials < 1 || trials > kMaximumSimulatedTrials) {
    return Error{"trials", "must be from 1 to " + std::to_string(kMaximumSimulatedTrials) +
                               ", not " + std::to_string(trials)};
  }
  // stop_at_most per look, -1 where the look never stops.
  std::vector<int> stop_at_most;
  for (const StoppingBoundary& boundary : boundaries) {
    stop_at_most.push_back(boundary.stop_at_most.value_or(-1));
  }
  std::mt19937_64 generator(seed);
  std::vector<int64_t> stopped(boundaries.size(), 0);
  for (int64_t trial = 0; trial < trials; ++trial) {
    int responders = 0;
    int enrolled = 0;
    for (size_t look = 0; look < boundaries.size(); ++look) {
      for (; enrolled < boundaries[look].patients; ++enrolled) {
        responders += uniform(generator) < true_rate ? 1 : 0;
      }
      if (responders <= stop_at_most[look]) {
        ++stopped[look];
        break;
      }
    }
  }

  SimulatedOperatingCharacteristics result;
  result.true_rate = true_rate;
  result.trials = trials;
  result.seed = seed;
  // Sample sizes take one value a look plus the maximum: their moments follow from counts.
  int64_t stopped_early = 0;
  long double sum = 0;
  long double sum_of_squares = 0;
  for (size_t look = 0; look < boundaries.size(); ++look) {
    const long double patients = boundaries[look].patients;
    result.look_patients.push_back(boundaries[look].patients);
    result.stop_probability.push_back(proportion(stopped[look], trials));
    stopped_early += stopped[look];
    sum += patients * stopped[look];
    sum_of_squares += patients * patients * stopped[look];
  }
  const int64_t completed = trials - stopped_early;
  const long double maximum = design.maximum_patients;
  sum += maximum * completed;
  sum_of_squares += maximum * maximum * completed;
  result.early_stop_probability = proportion(stopped_early, trials);
  result.reach_maximum_probability = proportion(completed, trials);
  const long double count = static_cast<long double>(trials);
  const long double mean = sum / count;
  const long double variance =
      trials > 1 ? std::max(0.0L, (sum_of_squares - count * mean * mean) / (count - 1)) : 0.0L;
  result.expected_patients = {static_cast<double>(mean),
                              static_cast<double>(std::sqrt(variance / count))};
  return result;
}

}  // namespace trialcore::stats
