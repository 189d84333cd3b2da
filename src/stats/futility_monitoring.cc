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

// The integral over s in [0, split] of the standard prior's density f_S(s) times g(s).
// When a_S < 1, f_S is unbounded at 0 and a share of its mass lies below any double
// tanh-sinh can place a node at (a tenth below 1e-300 for a_S = 0.01); the substitution
// s = split * v^(1/a_S) turns f_S(s) ds into split^a_S (1 - s)^(b_S - 1) / (a_S B(a_S, b_S)) dv,
// bounded on [0, 1].
template <class Function>
double integrate_below_split(const BetaPrior& prior, double split, const Function& g) {
  if (prior.a >= 1) {
    const boost::math::beta_distribution<double, IntegrandPolicy> density(prior.a, prior.b);
    return integrate([&](double s) { return boost::math::pdf(density, s) * g(s); }, 0.0, split);
  }
  const double scale =
      std::pow(split, prior.a) / (prior.a * boost::math::beta(prior.a, prior.b, IntegrandPolicy()));
  return integrate(
      [&](double v) {
        const double s = split * std::pow(v, 1 / prior.a);
        return scale * std::pow(1 - s, prior.b - 1) * g(s);
      },
      0.0, 1.0);
}

// The same over [split, end]; when end is 1 and b_S < 1, the mirror substitution
// 1 - s = (1 - split) w^(1/b_S) removes the density's pole at 1.
template <class Function>
double integrate_above_split(const BetaPrior& prior, double split, double end, const Function& g) {
  if (prior.b >= 1 || end < 1) {
    const boost::math::beta_distribution<double, IntegrandPolicy> density(prior.a, prior.b);
    return integrate([&](double s) { return boost::math::pdf(density, s) * g(s); }, split, end);
  }
  const double scale = std::pow(1 - split, prior.b) /
                       (prior.b * boost::math::beta(prior.a, prior.b, IntegrandPolicy()));
  return integrate(
      [&](double w) {
        const double s = 1 - (1 - split) * std::pow(w, 1 / prior.b);
        return scale * std::pow(s, prior.a - 1) * g(s);
      },
      0.0, 1.0);
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

bool below_threshold(double probability, double threshold) {
  return probability < threshold - kThresholdTieTolerance;
}

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
  const double a = design.experimental.a + responders;
  const double b = design.experimental.b + (patients - responders);
  const double delta = design.delta;
  // Pr(p_E > s + delta | data); s <= 1 - delta, but the sum may round past 1.
  auto improvement_beyond = [&](double s) {
    return boost::math::ibetac(a, b, std::min(s + delta, 1.0), IntegrandPolicy());
  };
  const double end = 1 - delta;
  const double split = std::min(design.standard.mean(), end);
  const double probability = integrate_below_split(design.standard, split, improvement_beyond) +
                             (split < end ? integrate_above_split(design.standard, split, end,
                                                                  improvement_beyond)
                                          : 0.0);
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
    return below_threshold(found->second, design.threshold);
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
