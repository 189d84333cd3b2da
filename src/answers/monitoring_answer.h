// The Bayesian futility rule of a single-arm trial (Thall, Simon & Estey 1995) as a command
// answers it: the design completed from the request and the protocol's monitoring section
// (stats/monitoring_request.h), then the stopping boundaries and operating characteristics
// (stats/monitoring_output.h).
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "stats/monitoring_request.h"

namespace trialcore::answers {

struct MonitorInput {
  stats::MonitoringRequest request;
  std::string protocol_file;
  bool json = false;
};

// A mistake in the request or the protocol file is bad input, named as
// complete_monitoring_request names it (a design member, "threshold"; or "$.seed"); a
// report that cannot be computed is a failure.
Result<std::string> monitor_answer(const MonitorInput& input, std::vector<std::string>& warnings);

}  // namespace trialcore::answers
