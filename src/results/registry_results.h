// The trial's results as the registry posts them: ClinicalTrials.gov's API v2
// `resultsSection` (docs/registry.md maps each element): the participant flow of each
// period, baseline characteristics, the primary outcome with its counts and exact
// interval, and the serious and other adverse events with affected and at-risk counts per
// group. Each period of the protocol is a group (its registry arm's label when the
// protocol's registry facts name one); ids follow the registry's FG/BG/OG/EG numbering.
#pragma once

#include <vector>

#include "protocol/protocol.h"
#include "report/endpoint_report.h"
#include "results/safety_report.h"
#include "trial/patient_state.h"

namespace trialcore::results {

// The resultsSection as of `as_of`, from the endpoint report and the safety report of that
// date and the patients' states (for their baseline characteristics).
OrderedJson registry_results(const Protocol& protocol, const report::EndpointReport& endpoint, const SafetyReport& safety,
                             const std::vector<trial::PatientState>& patients, Date as_of);

}  // namespace trialcore::results
