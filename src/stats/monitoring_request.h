// A monitoring report as a caller asks for it: some members of the design given, the rest
// from the protocol's monitoring section when it has one, else the general defaults (and
// the first look, when nobody gives it, after the first cohort); the true rates to compute
// (default: the standard prior's mean, and that plus delta); a simulation and its seed.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "stats/monitoring_design.h"

namespace trialcore::stats {

struct MonitoringRequest {
  MonitoringDesign design;                 // holds the members named in `given`
  std::set<std::string> given;             // "standard_prior.a", "delta", "first_look", ...
  std::vector<double> true_rates;          // $.true_rate
  std::optional<int64_t> simulated_trials;  // $.simulate: none, or 1..kMaximumSimulatedTrials
  std::string seed = "1";                  // $.seed: a whole number, as typed
};

struct MonitoringRun {
  MonitoringDesign design;
  std::vector<double> true_rates;
  int64_t simulated_trials = 0;  // 0: no simulation
  uint64_t seed = 1;
};

// Copies the member named as check_monitoring_design names it ("standard_prior.a").
void copy_design_member(MonitoringDesign& to, const MonitoringDesign& from, const std::string& member);

// The design completed and checked. An Error's path is the design member at fault
// ("threshold", as check_monitoring_design says) or the request's ("$.seed").
Result<MonitoringRun> complete_monitoring_request(const MonitoringRequest& request,
                                                  const std::optional<MonitoringDesign>& protocol_design);

}  // namespace trialcore::stats
