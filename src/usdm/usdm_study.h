// The protocol as a CDISC USDM 4.0 study (the TransCelerate Digital Data Flow model): the
// study and its version (registry identifier, titles, phase), the design (arms from the
// periods, epochs, study cells and elements, eligibility criteria with their text and ids,
// objectives and endpoints from the primary response outcome, the population), the
// interventions and their administrations with doses, and the schedule: activities and
// timings from the regimens (course days, windows, the order on shared days).
#pragma once

#include <string>

#include "base/json_fields.h"
#include "protocol/protocol.h"

namespace trialcore::usdm {

inline constexpr const char* kUsdmVersion = "4.0.0";

// A whole study file (USDM's Wrapper). An Error names the registry member that does not read.
Result<OrderedJson> usdm_study(const Protocol& protocol, const std::string& system_version);

}  // namespace trialcore::usdm
