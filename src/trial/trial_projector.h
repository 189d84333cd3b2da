// Folds the trial's events into its current state: one row a patient ("patients"/<id>)
// holding what was recorded about them, the periods' openings ("trial"/"periods"), and the
// users ("users"/<name>). Rows hold facts as recorded; what the protocol makes of them
// (courses given, best response, signals) is computed when read, so a rebuild from the log
// never depends on a protocol version. A correction replays the patient's events with the
// corrected event's content replaced.
#pragma once

#include "store/store.h"

namespace trialcore::trial {

class TrialProjector : public store::Projector {
 public:
  Status apply(const store::Event& event, store::Transaction& transaction) override;
};

// The state of a patient folded from their events, in order (corrections applied).
Json fold_patient(const std::vector<store::Event>& events);

}  // namespace trialcore::trial
