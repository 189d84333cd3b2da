#include "stats/futility_monitoring.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/special_functions/beta.hpp>

#include "stats/boost_policy.h"

namespace trialcore::stats {

namespace {

// Inside the integrand, double arithmetic throughout (no promotion to long double): the
// functions stay accurate to a few units in the last place and run several times faster.
using IntegrandPolicy =
    boost::math::policies::normalise<BoostPolicy,
                                     boost::math::policies::promote_double<false>>::type;
using Integrator = boost::math::quadrature::tanh_sinh<double, BoostPolicy>;

// Built once a thread: the integrator precomputes its nodes and weights, and extends them
// (a change of state) when an integral needs finer levels.
Integrator& integrator() {
  thread_local Integrator instance;
  return instance;
}

double integrate(const auto& function, double from, double to) {
  constexpr double kTolerance = 1e-12;  // relative to the integral of |function|
  double error = 0;
  double l1 = 0;
  size_t levels = 0;
  return integrator().integrate(function, from, to, kTolerance, &error, &l1, &levels);
}

// The binomial probabilities of 0..trials responses among `trials` patients.
std::vector<double> binomial_probabilities(int trials, double rate) {
  boost::math::binomial_distribution<double, BoostPolicy> distribution(trials, rate);
  std::vector<double> probabilities(static_cast<size_t>(trials) + 1);
  for (int k = 0; k <= trials; ++k) probabilities[k] = boost::math::pdf(distribution, k);
  return probabilities;
}

// The distribution after `added` more patients: responders so far plus the new ones.
std::vector<double> add_patients(const std::vector<double>& responders,
                                 const std::vector<double>& added) {
  std::vector<double> result(responders.size() + added.size() - 1, 0.0);
  for (size_t x = 0; x < responders.size(); ++x) {
    if (responders[x] == 0) continue;
    for (size_t k = 0; k < added.size(); ++k) result[x + k] += responders[x] * added[k];
  }
  return result;
}

}  // namespace

Result<double> probability_of_improvement(const MonitoringDesign& design, int responders,
                                          int patients) {
  if (Status checked = check_monitoring_design(design); !checked.ok()) return checked.error();
  if (patients < 0) {
    return Error{"patients", "must be 0 or more, not " + std::to_string(patients)};
  }
  if (responders < 0 || responders > patients) {
    return Error{"responders", "must be between 0 and " + std::to_string(patients) +
                                   " (the patients), not " + std::to_string(responders)};
  }
  const boost::math::beta_distribution<double, IntegrandPolicy> standard(design.standard.a,
                                                                         design.standard.b);
  const double a = design.experimental.a + responders;
  const double b = design.experimental.b + (patients - responders);
  const double delta = design.delta;
  auto integrand = [&](double s) {
    return boost::math::pdf(standard, s) * boost::math::ibetac(a, b, s + delta, IntegrandPolicy());
  };
  const double end = 1 - delta;
  const double split = design.standard.mean();
  double probability = split < end ? integrate(integrand, 0.0, split) +
                                         integrate(integrand, split, end)
                                   : integrate(integrand, 0.0, end);
  if (!std::isfinite(probability)) {
    return Error{"", "the posterior probability for " + std::to_string(responders) + " of " +
                         std::to_string(patients) + " could not be computed"};
  }
  return std::clamp(probability, 0.0, 1.0);
}

namespace {

// The boundary at the look after `patients`, given a bracket: counts <= low stop (low = -1:
// none known to) and counts >= high continue (high = patients + 1: none known to). A
// bracket that the computed probabilities contradict is dropped for the full range.
Result<StoppingBoundary> boundary_at_look(const MonitoringDesign& design, int patients, int low,
                                          int high) {
  std::map<int, double> computed;
  std::optional<Error> failure;
  // Whether `responders` stop the trial; computes Pr once per count.
  auto stops = [&](int responders) {
    auto found = computed.find(responders);
    if (found == computed.end()) {
      auto probability = probability_of_improvement(design, responders, patients);
      if (!probability.ok()) {
        failure = probability.error();
        return false;
      }
      found = computed.emplace(responders, *probability).first;
    }
    return found->second < design.threshold;
  };
  const bool bracket_holds = (low < 0 || stops(low)) && (high > patients || !stops(high));
  if (failure) return *failure;
  if (!bracket_holds) {
    low = -1;
    high = patients + 1;
  }
  while (high - low > 1) {
    const int middle = low + (high - low) / 2;
    (stops(middle) ? low : high) = middle;
    if (failure) return *failure;
  }
  StoppingBoundary boundary;
  boundary.patients = patients;
  boundary.continue_at_least = low + 1;
  if (low >= 0) {
    boundary.stop_at_most = low;
    boundary.probability_at_stop = computed.at(low);
  }
  if (high <= patients) {
    stops(high);
    if (failure) return *failure;
    boundary.probability_at_continue = computed.at(high);
  }
  return boundary;
}

}  // namespace

Result<std::vector<StoppingBoundary>> stopping_boundaries(const MonitoringDesign& design) {
  if (Status checked = check_monitoring_design(design); !checked.ok()) return checked.error();
  std::vector<StoppingBoundary> boundaries;
  for (int patients : monitoring_looks(design)) {
    int low = -1;
    int high = patients + 1;
    if (!boundaries.empty()) {
      // Pr falls when a non-responder is added and rises when a responder is, so with
      // `added` more patients the last stopping count moves up by 0 to `added`.
      const StoppingBoundary& previous = boundaries.back();
      const int added = patients - previous.patients;
      low = previous.stop_at_most.value_or(-1);
      high = std::min(low + added + 1, patients + 1);
    }
    auto boundary = boundary_at_look(design, patients, low, high);
    if (!boundary.ok()) return boundary.error();
    boundaries.push_back(*boundary);
  }
  return boundaries;
}

Status check_boundaries_match(const MonitoringDesign& design,
                              const std::vector<StoppingBoundary>& boundaries) {
  const std::vector<int> looks = monitoring_looks(design);
  if (boundaries.size() != looks.size()) {
    return Error{"boundaries", "has " + std::to_string(boundaries.size()) +
                                   " looks where the design has " +
                                   std::to_string(looks.size())};
  }
  for (size_t k = 0; k < looks.size(); ++k) {
    const StoppingBoundary& boundary = boundaries[k];
    if (boundary.patients != looks[k] ||
        (boundary.stop_at_most && (*boundary.stop_at_most < 0 ||
                                   *boundary.stop_at_most > boundary.patients))) {
      return Error{"boundaries[" + std::to_string(k) + "]",
                   "does not belong to the design's look after " + std::to_string(looks[k]) +
                       " patients"};
    }
  }
  return Status::Ok();
}

Result<OperatingCharacteristics> exact_operating_characteristics(
    const MonitoringDesign& design, const std::vector<StoppingBoundary>& boundaries,
    double true_rate) {
  if (Status checked = check_monitoring_design(design); !checked.ok()) return checked.error();
  if (Status matched = check_boundaries_match(design, boundaries); !matched.ok()) {
    return matched.error();
  }
  if (!(true_rate >= 0 && true_rate <= 1)) {
    return Error{"true_rate", "must be between 0 and 1, not " + std::to_string(true_rate)};
  }
  OperatingCharacteristics result;
  result.true_rate = true_rate;
  const std::vector<double> cohort = binomial_probabilities(design.cohort_size, true_rate);
  // running[x]: Pr(the trial has not stopped and has x responders so far).
  std::vector<double> running = {1.0};
  int enrolled = 0;
  for (const StoppingBoundary& boundary : boundaries) {
    const int added = boundary.patients - enrolled;
    running = add_patients(running, added == design.cohort_size
                                        ? cohort
                                        : binomial_probabilities(added, true_rate));
    enrolled = boundary.patients;
    double stopped = 0;
    if (boundary.stop_at_most) {
      for (int x = 0; x <= *boundary.stop_at_most; ++x) {
        stopped += running[x];
        running[x] = 0;
      }
    }
    result.look_patients.push_back(boundary.patients);
    result.stop_probability.push_back(stopped);
    result.early_stop_probability += stopped;
    result.expected_patients += stopped * boundary.patients;
  }
  for (double probability : running) result.reach_maximum_probability += probability;
  result.expected_patients += result.reach_maximum_probability * design.maximum_patients;
  return result;
}

}  // namespace trialcore::stats
