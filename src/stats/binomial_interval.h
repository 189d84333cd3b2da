// The exact (Clopper-Pearson) confidence interval for a proportion: x responders of n.
// The limits invert two one-sided binomial tests, which makes the interval conservative:
// it covers the true proportion at least `confidence` of the time, whatever the proportion.
//   lower = Beta quantile (alpha/2; x, n - x + 1)       (0 when x = 0)
//   upper = Beta quantile (1 - alpha/2; x + 1, n - x)   (1 when x = n)
// with alpha = 1 - confidence (Clopper & Pearson 1934). R's binom.test gives the same limits.
#pragma once

#include <cstdint>

#include "base/result.h"

namespace trialcore::stats {

struct BinomialInterval {
  int64_t responders = 0;
  int64_t patients = 0;
  double proportion = 0;  // responders / patients
  double lower = 0;
  double upper = 0;
  double confidence = 0.95;
};

// Fails (an Error naming the argument) when patients < 1, responders is outside
// 0..patients, or confidence is outside (0, 1).
Result<BinomialInterval> clopper_pearson_interval(int64_t responders, int64_t patients,
                                                  double confidence = 0.95);

}  // namespace trialcore::stats
