// The Kaplan-Meier estimate of a survival curve from right-censored times (Kaplan & Meier
// 1958), with Greenwood standard errors, pointwise intervals on the log-log scale, and the
// median with its interval by Brookmeyer & Crowley (1982). Conventions follow R's
// survival::survfit(Surv(time, event) ~ 1, conf.type = "log-log") and print() of it:
//  - a subject censored at a time when others die is counted at risk for those deaths
//    (censorings come after deaths at a tied time);
//  - every distinct time, death or censoring, is a step of the table;
//  - the pointwise interval is undefined (std::nullopt, R's NA) where S(t) is 1 or 0;
//  - the median is the first time S(t) <= 1/2; when S(t) is exactly 1/2 on a flat stretch
//    that later drops, it is the midpoint between the start of the stretch and the time of
//    the next drop; the interval's limits are read the same way off the lower and upper
//    pointwise curves; a limit the curve never reaches is std::nullopt ("not reached", NA).
// Times are compared exactly: equal doubles are ties.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "base/result.h"

namespace trialcore::stats {

struct SurvivalObservation {
  double time = 0;  // days from the origin to the event or the last contact; >= 0
  int event = 0;    // 1: the event happened at `time`; 0: censored (event-free until `time`)
};

// One row of the table: a distinct time at which a subject died or was censored.
struct SurvivalStep {
  double time = 0;
  int64_t at_risk = 0;   // subjects still followed just before `time`
  int64_t events = 0;    // events at `time`
  int64_t censored = 0;  // censorings at `time`
  double survival = 1;   // S(time), the estimate just after `time`
  // Greenwood: SE(S) = S * sqrt(sum over event times <= t of d / (n (n - d))).
  // std::nullopt once the last subjects at risk all die (S = 0; R prints NaN).
  std::optional<double> standard_error;
  // The same sum's square root: the standard error of -log S(t), which the log-log
  // interval uses (R's survfit()$std.err). Infinite once S = 0.
  double cumulative_hazard_standard_error = 0;
  std::optional<double> lower;  // pointwise interval, log-log transform
  std::optional<double> upper;
};

// A point estimate and interval that may not be reached within the follow-up.
struct SurvivalMedian {
  std::optional<double> median;  // std::nullopt: S(t) never falls to 1/2
  std::optional<double> lower;   // first time the lower pointwise limit falls to 1/2
  std::optional<double> upper;   // first time the upper pointwise limit falls to 1/2
};

struct KaplanMeierCurve {
  double confidence = 0.95;
  int64_t subjects = 0;
  int64_t events = 0;
  std::vector<SurvivalStep> steps;  // by increasing time
  SurvivalMedian median;
};

// Fails with an Error naming the observation ("observations[3].time") when a time is
// negative or not finite or an event is not 0 or 1, when there are no observations, or
// when confidence is outside (0, 1).
Result<KaplanMeierCurve> kaplan_meier(const std::vector<SurvivalObservation>& observations,
                                      double confidence = 0.95);

}  // namespace trialcore::stats
