#include "stats/binomial_interval.h"

#include <cmath>
#include <string>

#include <boost/math/special_functions/beta.hpp>

#include "stats/boost_policy.h"

namespace trialcore::stats {

Result<BinomialInterval> clopper_pearson_interval(int64_t responders, int64_t patients,
                                                  double confidence) {
  if (patients < 1) {
    return Error{"patients", "must be at least 1 to estimate a proportion, not " +
                                 std::to_string(patients)};
  }
  if (responders < 0 || responders > patients) {
    return Error{"responders", "must be between 0 and " + std::to_string(patients) +
                                   " (the patients), not " + std::to_string(responders)};
  }
  if (!(confidence > 0 && confidence < 1)) {
    return Error{"confidence", "must be between 0 and 1 (exclusive), not " +
                                   std::to_string(confidence)};
  }
  const double alpha = 1 - confidence;
  const double x = static_cast<double>(responders);
  const double n = static_cast<double>(patients);
  BinomialInterval interval;
  interval.responders = responders;
  interval.patients = patients;
  interval.proportion = x / n;
  interval.confidence = confidence;
  interval.lower =
      responders == 0 ? 0.0 : boost::math::ibeta_inv(x, n - x + 1, alpha / 2, BoostPolicy());
  interval.upper = responders == patients
                       ? 1.0
                       : boost::math::ibeta_inv(x + 1, n - x, 1 - alpha / 2, BoostPolicy());
  if (!std::isfinite(interval.lower) || !std::isfinite(interval.upper)) {
    return Error{"", "the exact interval for " + std::to_string(responders) + " of " +
                         std::to_string(patients) + " could not be computed"};
  }
  return interval;
}

}  // namespace trialcore::stats
