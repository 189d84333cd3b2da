// Monitoring designs more than one test file checks against.
#pragma once

#include "stats/monitoring_design.h"

namespace trialcore::stats {

// A look after every patient, 1..9 of 10; vague priors on both rates, delta 0, threshold
// 0.15: with 0 responders the probability falls below 0.15 only from 6 patients on, so the
// first five looks never stop.
inline MonitoringDesign looks_that_never_stop() {
  return {.standard = {0.5, 0.5},
          .experimental = {0.5, 0.5},
          .delta = 0,
          .threshold = 0.15,
          .cohort_size = 1,
          .maximum_patients = 10,
          .first_look = 1};
}

}  // namespace trialcore::stats
