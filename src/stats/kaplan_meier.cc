#include "stats/kaplan_meier.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include <boost/math/distributions/normal.hpp>

#include "base/json_fields.h"
#include "stats/boost_policy.h"

namespace trialcore::stats {

namespace {

Status check_observations(const std::vector<SurvivalObservation>& observations) {
  if (observations.empty()) return Error{"observations", "must hold at least one subject"};
  for (size_t i = 0; i < observations.size(); ++i) {
    const SurvivalObservation& observation = observations[i];
    const std::string path = element_path("observations", i);
    if (!std::isfinite(observation.time)) {
      return Error{path + ".time", "must be a finite number of days"};
    }
    if (observation.time < 0) {
      return Error{path + ".time",
                   "must be 0 or more days, not " + std::to_string(observation.time)};
    }
    if (observation.event != 0 && observation.event != 1) {
      return Error{path + ".event", "must be 1 (event) or 0 (censored), not " +
                                        std::to_string(observation.event)};
    }
  }
  return Status::Ok();
}

// The log-log pointwise interval of R's survfit: undefined where S is 0 or 1.
void set_log_log_interval(double z, SurvivalStep& step) {
  const double s = step.survival;
  if (s <= 0 || s >= 1) return;
  const double half_width = z * step.cumulative_hazard_standard_error / std::log(s);
  const double log_minus_log = std::log(-std::log(s));
  step.lower = std::exp(-std::exp(log_minus_log - half_width));
  step.upper = std::exp(-std::exp(log_minus_log + half_width));
}

// The first time a non-increasing curve falls to 1/2 or below, as print.survfit reads it:
// values within a tolerance of 1/2 count as 1/2, and a curve that stays at 1/2 until a
// later drop gives the midpoint of that stretch. Steps with no value are skipped.
template <class Value>
std::optional<double> first_time_at_or_below_half(const std::vector<SurvivalStep>& steps,
                                                  Value value) {
  const double tolerance = std::sqrt(std::numeric_limits<double>::epsilon());
  std::optional<size_t> first;
  for (size_t i = 0; i < steps.size(); ++i) {
    std::optional<double> y = value(steps[i]);
    if (!y || !(*y < 0.5 + tolerance)) continue;
    if (!first) {
      first = i;
      if (std::fabs(*y - 0.5) >= tolerance) return steps[i].time;
      continue;
    }
    if (*y < *value(steps[*first])) return (steps[*first].time + steps[i].time) / 2;
  }
  if (!first) return std::nullopt;
  return steps[*first].time;
}

}  // namespace

Result<KaplanMeierCurve> kaplan_meier(const std::vector<SurvivalObservation>& observations,
                                      double confidence) {
  if (Status checked = check_observations(observations); !checked.ok()) return checked.error();
  if (!(confidence > 0 && confidence < 1)) {
    return Error{"confidence", "must be between 0 and 1 (exclusive), not " +
                                   std::to_string(confidence)};
  }
  std::vector<SurvivalObservation> sorted = observations;
  std::sort(sorted.begin(), sorted.end(),
            [](const SurvivalObservation& a, const SurvivalObservation& b) {
              return a.time < b.time;
            });
  const double z = boost::math::quantile(
      boost::math::normal_distribution<double, BoostPolicy>(), 1 - (1 - confidence) / 2);

  KaplanMeierCurve curve;
  curve.confidence = confidence;
  curve.subjects = static_cast<int64_t>(sorted.size());
  int64_t at_risk = curve.subjects;
  double survival = 1;
  double greenwood_sum = 0;
  for (size_t i = 0; i < sorted.size();) {
    SurvivalStep step;
    step.time = sorted[i].time;
    step.at_risk = at_risk;
    for (; i < sorted.size() && sorted[i].time == step.time; ++i) {
      (sorted[i].event == 1 ? step.events : step.censored) += 1;
    }
    if (step.events > 0) {
      // Deaths first: those censored at this time are still at risk for them.
      const double n = static_cast<double>(step.at_risk);
      const double d = static_cast<double>(step.events);
      survival *= (n - d) / n;
      greenwood_sum += step.events == step.at_risk ? std::numeric_limits<double>::infinity()
                                                   : d / (n * (n - d));
    }
    step.survival = survival;
    step.cumulative_hazard_standard_error = std::sqrt(greenwood_sum);
    if (std::isfinite(greenwood_sum)) {
      step.standard_error = survival * step.cumulative_hazard_standard_error;
    }
    set_log_log_interval(z, step);
    curve.events += step.events;
    at_risk -= step.events + step.censored;
    curve.steps.push_back(step);
  }
  curve.median.median = first_time_at_or_below_half(
      curve.steps, [](const SurvivalStep& step) { return std::optional<double>(step.survival); });
  curve.median.lower = first_time_at_or_below_half(
      curve.steps, [](const SurvivalStep& step) { return step.lower; });
  curve.median.upper = first_time_at_or_below_half(
      curve.steps, [](const SurvivalStep& step) { return step.upper; });
  return curve;
}

}  // namespace trialcore::stats
