// Folds the trial's events into its current state: one row a patient ("patients"/<id>, a
// PatientState in its storage form) holding what was recorded about them, one row an
// observation ("observations"/<id>/<sequence>, patient_form.h), the periods' openings
// ("trial"/"periods"). Rows hold facts as recorded; what the protocol makes of them
// (courses given, best response, signals) is computed when read, so a rebuild from the log
// never depends on a protocol version. A correction replays the patient's events with the
// corrected event's content replaced; a void replays them without the voided event. Events of
// other kinds in the log (the accounts') change no row here: RecordProjector
// (record_projector.h) runs their projector beside this one.
#pragma once

#include "store/store.h"
#include "trial/patient_state.h"

namespace trialcore::trial {

class TrialProjector : public store::Projector {
 public:
  Status apply(const store::Event& event, store::Transaction& transaction) override;
  // Rebuilds and verification fold each patient's events into typed state in memory and
  // write each patient's rows once (trial_replay.cc).
  std::unique_ptr<store::Replay> replay() override;
};

// Whether an event folds into its subject's patient row ("patients"/<subject>); the others
// are the trial's (periods) or change no row here.
bool folds_into_patient(const store::Event& event);

// The state of a patient folded from their events, in order (corrections applied, voided ones left out); an
// Error names an event whose content does not read.
Result<PatientState> fold_patient(const std::vector<store::Event>& events);

// One more event of the patient, as appended (not a correction or a void).
Status apply_to_patient(PatientState& patient, const store::Event& event);

}  // namespace trialcore::trial
