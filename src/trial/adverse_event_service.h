// What recording an adverse event and correcting one share: the signature attribution and
// seriousness need (an investigator's), and the corrected content checked as the original.
#pragma once

#include <string>
#include <vector>

#include "safety/adverse_event.h"
#include "store/store.h"
#include "trial/patient_state.h"
#include "trial/trial_service.h"

namespace trialcore::trial {

// The role `actor` acts in: the one the front end gives, checked against the record's users
// when the user is one of them (a user named there acts in their recorded role).
Result<std::string> signing_role(store::Transaction& transaction, const Actor& actor);

// The content as a payload, with {"signed_by": {"by", "role"}} when it gives attribution or
// seriousness; kForbidden unless the actor acts as an investigator.
Result<Json> signed_payload(store::Transaction& transaction, const Actor& actor, const safety::AdverseEventContent& content);

// The replacement payload of a correction of adverse-event-recorded: `input` read as
// record-ae reads it, for `patient`.
Result<Json> corrected_adverse_event(store::Transaction& transaction, const Protocol& protocol, const Actor& actor,
                                     const PatientState& patient, const Json& input);

// The protocol's drug ids, which attribution and action name.
std::vector<std::string> protocol_drugs(const Protocol& protocol);

}  // namespace trialcore::trial
