#include "trial/open_trial.h"

namespace trialcore::trial {

Result<std::unique_ptr<OpenTrial>> open_trial(Protocol protocol, const std::string& location) {
  auto trial = std::make_unique<OpenTrial>();
  trial->protocol = std::move(protocol);
  auto store = store::open_store(location, trial->projector);
  if (!store.ok()) return store.error();
  trial->store = std::move(*store);
  trial->service = std::make_unique<TrialService>(trial->protocol, *trial->store);
  return trial;
}

}  // namespace trialcore::trial
