// What a futility design answers: its stopping boundaries at each look, and what the rule
// does to trials whose true response rate is given (exactly, and optionally checked by
// simulation), as a table people read or as one JSON object.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/json_fields.h"
#include "base/result.h"
#include "stats/futility_monitoring.h"
#include "stats/monitoring_design.h"
#include "stats/monitoring_simulation.h"

namespace trialcore::stats {

struct MonitoringReport {
  MonitoringDesign design;
  std::vector<StoppingBoundary> boundaries;
  std::vector<OperatingCharacteristics> exact;                 // one for each true rate
  std::vector<SimulatedOperatingCharacteristics> simulated;  // the same, or empty without a simulation
};

// The report of a valid design for each of `true_rates` (in (0, 1)); `simulated_trials` 0:
// no simulation, else that many trials a rate from `seed`.
Result<MonitoringReport> monitoring_report(const MonitoringDesign& design, const std::vector<double>& true_rates,
                                           int64_t simulated_trials, uint64_t seed);

// The readable tables: the design, the stopping boundaries, the exact operating
// characteristics, and the simulation's estimates with their standard errors.
std::string monitoring_report_text(const MonitoringReport& report);

// {"design", "looks", "operating_characteristics"} (docs/statistics.md).
OrderedJson monitoring_report_json(const MonitoringReport& report);

}  // namespace trialcore::stats
