// SDTM's TS: the trial's summary parameters, one a row (TSPARMCD, TSVAL), from the protocol
// and the registry's facts it carries.
#pragma once

#include "protocol/protocol.h"
#include "sdtm/dataset.h"

namespace trialcore::sdtm {

// An Error names the registry member of the protocol that does not read ("$.registry.phase").
Result<Dataset> trial_summary(const Protocol& protocol);

}  // namespace trialcore::sdtm
