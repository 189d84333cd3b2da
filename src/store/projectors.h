// Several projectors over one log, each keeping tables of its own (the trial's patients and
// periods, the accounts' users): every event appended goes to each in turn, and a rebuild or
// a verification folds the log with each one's own replay and merges their rows. A table
// written by two of them is an error of the program, found by the first rebuild.
#pragma once

#include <vector>

#include "store/store.h"

namespace trialcore::store {

class Projectors : public Projector {
 public:
  // The projectors must outlive this one.
  explicit Projectors(std::vector<Projector*> parts) : parts_(std::move(parts)) {}

  Status apply(const Event& event, Transaction& transaction) override;
  std::unique_ptr<Replay> replay() override;

 private:
  std::vector<Projector*> parts_;
};

}  // namespace trialcore::store
