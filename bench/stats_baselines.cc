#include "stats_baselines.h"

#include <bit>
#include <cmath>
#include <random>

#include <boost/math/distributions/beta.hpp>

#include "stats/boost_policy.h"

namespace trialcore::bench {

namespace {

// The same Boost.Math functions, with the same policy, as the quadrature's integrand: the
// comparison is of the integration methods alone.
using Policy = boost::math::policies::normalise<stats::BoostPolicy,
                                                boost::math::policies::promote_double<false>>::type;

}  // namespace

double riemann_probability_of_improvement(const stats::MonitoringDesign& design, int responders,
                                          int patients, int points) {
  const boost::math::beta_distribution<double, Policy> standard(design.standard.a,
                                                                design.standard.b);
  const boost::math::beta_distribution<double, Policy> experimental(
      design.experimental.a + responders, design.experimental.b + patients - responders);
  const double end = 1 - design.delta;
  const double width = end / points;
  double sum = 0;
  for (int i = 0; i < points; ++i) {
    const double s = (i + 0.5) * width;
    sum += boost::math::pdf(standard, s) *
           boost::math::cdf(complement(experimental, s + design.delta));
  }
  return sum * width;
}

stats::OperatingCharacteristics enumerate_response_paths(
    const stats::MonitoringDesign& design, const std::vector<stats::StoppingBoundary>& boundaries,
    double true_rate) {
  stats::OperatingCharacteristics result;
  result.true_rate = true_rate;
  result.stop_probability.assign(boundaries.size(), 0.0);
  for (const auto& boundary : boundaries) result.look_patients.push_back(boundary.patients);
  const int patients = design.maximum_patients;
  const uint32_t paths = uint32_t{1} << patients;
  for (uint32_t path = 0; path < paths; ++path) {
    const int responders = std::popcount(path);
    const double probability =
        std::pow(true_rate, responders) * std::pow(1 - true_rate, patients - responders);
    bool stopped = false;
    for (size_t look = 0; look < boundaries.size() && !stopped; ++look) {
      const uint32_t first_patients = (uint32_t{1} << boundaries[look].patients) - 1;
      const int so_far = std::popcount(path & first_patients);
      if (boundaries[look].stop_at_most && so_far <= *boundaries[look].stop_at_most) {
        result.stop_probability[look] += probability;
        result.expected_patients += probability * boundaries[look].patients;
        stopped = true;
      }
    }
    if (!stopped) {
      result.reach_maximum_probability += probability;
      result.expected_patients += probability * patients;
    }
  }
  for (double probability : result.stop_probability) result.early_stop_probability += probability;
  return result;
}

int64_t simulate_with_posterior_at_each_look(const stats::MonitoringDesign& design,
                                             double true_rate, int64_t trials, uint64_t seed) {
  std::mt19937_64 generator(seed);
  std::bernoulli_distribution responds(true_rate);
  const std::vector<int> looks = stats::monitoring_looks(design);
  int64_t stopped = 0;
  for (int64_t trial = 0; trial < trials; ++trial) {
    int responders = 0;
    int enrolled = 0;
    for (int look : looks) {
      for (; enrolled < look; ++enrolled) responders += responds(generator) ? 1 : 0;
      if (*stats::probability_of_improvement(design, responders, look) < design.threshold) {
        ++stopped;
        break;
      }
    }
  }
  return stopped;
}

}  // namespace trialcore::bench
