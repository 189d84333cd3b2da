// The projector of the trial's whole log, the one its store is opened with: the trial's own
// rows (TrialProjector) and the user accounts' (accounts::AccountsProjector), each folding
// only its own events. Rebuilds and verification run both through it.
#pragma once

#include "accounts/accounts_projector.h"
#include "store/projectors.h"
#include "trial/trial_projector.h"

namespace trialcore::trial {

class RecordProjector : public store::Projector {
 public:
  RecordProjector() = default;
  // The store keeps a reference to it, and `both_` to its members: it stays where it is.
  RecordProjector(const RecordProjector&) = delete;
  RecordProjector& operator=(const RecordProjector&) = delete;

  Status apply(const store::Event& event, store::Transaction& transaction) override { return both_.apply(event, transaction); }
  std::unique_ptr<store::Replay> replay() override { return both_.replay(); }

 private:
  TrialProjector trial_;
  accounts::AccountsProjector accounts_;
  store::Projectors both_{{&trial_, &accounts_}};
};

}  // namespace trialcore::trial
