// Adverse events in a patient's state: how their events fold into AdverseEventEntry (a
// recording, follow-ups applied in order, reports of a serious event, transplants followed
// up for veno-occlusive disease) and how an entry is written and read in the state's
// storage form. The projector and the codec of patient_state.cc share these.
#pragma once

#include "store/event.h"
#include "trial/patient_state.h"
#include "trial/row_reader.h"

namespace trialcore::trial {

// The members of an adverse event's content present in `content` (an event's payload or
// a stored row), applied over `entry`: a follow-up changes only what it gives.
void apply_adverse_event_content(AdverseEventEntry& entry, RowReader& content);

// The folds of adverse-event-recorded, adverse-event-updated, sae-reported and
// transplant-recorded, with the event's `content` (its payload, or the corrected one).
void fold_adverse_event(PatientState& patient, const store::Event& event, RowReader& content);
void fold_adverse_event_update(PatientState& patient, const store::Event& event, RowReader& content);
void fold_sae_report(PatientState& patient, const store::Event& event, RowReader& content);
void fold_transplant(PatientState& patient, const store::Event& event, RowReader& content);

// An entry read back from its storage form (adverse_event_entry_json).
AdverseEventEntry adverse_event_from_row(RowReader& row);
TransplantEntry transplant_from_row(RowReader& row);
Json transplant_entry_json(const TransplantEntry& transplant);

}  // namespace trialcore::trial
