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

// A stored JSON document (a payload, a projection, local state). What was stored came through
// parse_json_text, but a file can be edited behind the program's back: a document nested
// deeper than anything the program writes is an Error, never a crash.
inline constexpr int kMaximumStoredJsonDepth = 4 * kMaximumJsonDepth;
Result<Json> decode_document(const std::string& text, const std::string& what);

}  // namespace trialcore::store
