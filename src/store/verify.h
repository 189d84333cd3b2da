// Checks the record end to end: every event's hash recomputed and chained to the one
// before, sequences without gaps, and the projections rebuilt from the log equal to the
// stored ones. The first problem found is named.
#pragma once

#include <optional>
#include <string>

#include "store/store.h"

namespace trialcore::store {

struct Verification {
  bool ok = true;
  int64_t events = 0;
  std::optional<int64_t> first_bad_event;  // the first event whose hash or link fails
  std::string problem;                     // what is wrong, in words
};

// `progress`, when given, is called every 10,000 events with the count so far.
Result<Verification> verify_store(Store& store, Projector& projector,
                                  const std::function<void(int64_t)>& progress = nullptr);

// Replaces the stored projections by those rebuilt from the log.
Status rebuild_projections(Store& store, Projector& projector);

// The projections the log implies, rebuilt in memory.
Result<std::vector<std::pair<std::string, Row>>> derive_projections(Store& store, Projector& projector);

}  // namespace trialcore::store
