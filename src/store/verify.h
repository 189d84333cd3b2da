// Checks the record end to end: every event's hash recomputed and chained to the one
// before, sequences without gaps, and the projections rebuilt from the log equal to the
// stored ones. The first problem found is named.
//
// The chain proves that the events are unchanged relative to each other; it cannot prove
// that none were cut off the end, or that the whole log was not rewritten with every hash
// recomputed (that needs no secret). The head, the last event's sequence and hash, written
// down elsewhere, is the anchor that can: a later verify with the expected head fails unless
// the log still reaches that event with that very hash (docs/store.md).
#pragma once

#include <optional>
#include <string>

#include "store/store.h"

namespace trialcore::store {

// "42:3f5a...": the sequence and the 64 hex digits of its hash; an Error naming `option`.
Result<Head> parse_head(const std::string& text, const std::string& option);

// The head of the log now.
Result<Head> head_of(Store& store);

struct Verification {
  bool ok = true;
  int64_t events = 0;
  Head head;  // the last event read
  std::optional<int64_t> first_bad_event;  // the first event whose hash or link fails
  std::string problem;                     // what is wrong, in words
};

// `progress`, when given, is called every 10,000 events with the count so far. With an
// `expected` head, the log must reach its sequence and have its hash there.
Result<Verification> verify_store(Store& store, Projector& projector,
                                  const std::function<void(int64_t)>& progress = nullptr,
                                  const std::optional<Head>& expected = std::nullopt);

// Replaces the stored projections by those rebuilt from the log.
Status rebuild_projections(Store& store, Projector& projector);

// The projections the log implies, rebuilt in memory.
Result<std::vector<std::pair<std::string, Row>>> derive_projections(Store& store, Projector& projector);

}  // namespace trialcore::store
