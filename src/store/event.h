// An event of the trial's record: who did what, when, and why, as one immutable entry of an
// append-only log. Each event's SHA-256 hash covers its content and the previous event's
// hash, so changing any byte of any event breaks the chain from there on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/date.h"
#include "base/json_fields.h"

namespace trialcore::store {

// What a caller writes.
struct NewEvent {
  std::string kind;                   // "patient-enrolled"
  std::string subject;                // the patient id; empty for the trial as a whole
  std::string actor;                  // the user who did it
  std::string recorded_at;            // UTC, "2010-07-05T14:03:22Z", given by the caller
  std::optional<Date> clinical_date;  // the day it happened in the clinic
  std::string reason;                 // why, where it matters (corrections, waivers)
  std::optional<int64_t> corrects;    // the event this one corrects
  Json payload = Json::object();
};

// What the log holds: the caller's part, its place, and the chain.
struct Event : NewEvent {
  int64_t sequence = 0;       // 1, 2, 3, ... without gaps
  std::string previous_hash;  // 64 hex digits; 64 zeros before the first event
  std::string hash;
};

inline const std::string kGenesisHash(64, '0');

// The last event of a log: "SEQUENCE:HASH" (0 and 64 zeros for an empty log). The next
// event takes sequence + 1 and chains to hash.
struct Head {
  int64_t sequence = 0;
  std::string hash = kGenesisHash;
  std::string to_string() const { return std::to_string(sequence) + ":" + hash; }
  bool operator==(const Head&) const = default;
};

// The exact text hashed (docs/store.md): "trialcore-event/1\n" + sequence + "\n" +
// previous hash + "\n" + the compact JSON of {kind, subject, actor, recorded_at,
// clinical_date, reason, corrects, payload} with members sorted.
std::string canonical_text(const Event& event);

// SHA-256 of canonical_text, in lowercase hex.
std::string event_hash(const Event& event);

// Lowercase hex SHA-256 of any text.
std::string sha256_hex(const std::string& text);

// The event as one JSON object, every field included (exports, the API's history).
OrderedJson event_json(const Event& event);

}  // namespace trialcore::store
