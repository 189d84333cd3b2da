// A trial's record opened for a program's run: the protocol, the store at its location with
// the projector it keeps a reference to, and the service over them.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"
#include "trial/record_projector.h"
#include "trial/trial_service.h"

namespace trialcore::trial {

// Not movable: the store keeps a reference to the projector.
struct OpenTrial {
  Protocol protocol;
  RecordProjector projector;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<TrialService> service;
};

// Opens (or creates) the store at `location`: a SQLite file or a postgresql:// URL.
Result<std::unique_ptr<OpenTrial>> open_trial(Protocol protocol, const std::string& location);

}  // namespace trialcore::trial
