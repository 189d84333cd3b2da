// An event as a table row holds it, and the one decoding of it both backends use: the
// clinical date and the payload are checked here, so a damaged row is an Error naming it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/event.h"

namespace trialcore::store {

struct EventRow {
  int64_t sequence = 0;
  std::string kind;
  std::string subject;
  std::string actor;
  std::string recorded_at;
  std::optional<std::string> clinical_date;
  std::string reason;
  std::optional<int64_t> corrects;
  std::string payload;
  std::string previous_hash;
  std::string hash;
};

Result<Event> decode_event(EventRow row);

}  // namespace trialcore::store
