// SDTM's trial design domains, from the protocol alone: TA (the arms, element by element),
// TE (the elements), TV (the planned visits) and TI (every eligibility criterion). TS is in
// trial_summary.h.
#pragma once

#include "protocol/protocol.h"
#include "sdtm/dataset.h"
#include "usdm/study_design.h"

namespace trialcore::sdtm {

Dataset trial_arms(const Protocol& protocol, const usdm::StudyDesign& design);
Dataset trial_elements(const Protocol& protocol, const usdm::StudyDesign& design);
Dataset trial_visits(const Protocol& protocol, const usdm::StudyDesign& design);
Dataset trial_criteria(const Protocol& protocol);

// IETESTCD of each criterion, in protocol order: its id in upper case without punctuation,
// cut to 8 characters, and made unique with a number where two would be the same
// (an id "one-two-three" gives ONETWOTH).
std::vector<std::string> criterion_codes(const Protocol& protocol);

}  // namespace trialcore::sdtm
