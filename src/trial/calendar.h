// A patient's calendar as of a date (docs/api.md): each planned dose of the courses begun
// and of the next one, with its status (given, late, missed, due, upcoming), the
// deviations and delays, and the next course's doses for the latest height and weight.
#pragma once

#include "base/date.h"
#include "base/json_fields.h"
#include "protocol/protocol.h"
#include "trial/patient_state.h"

namespace trialcore::trial {

Result<Json> calendar_of(const Protocol& protocol, const PatientState& patient, Date date);

}  // namespace trialcore::trial
