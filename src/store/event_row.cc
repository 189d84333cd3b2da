#include "store/event_row.h"

namespace trialcore::store {

Result<Event> decode_event(EventRow row) {
  Event event;
  event.sequence = row.sequence;
  event.kind = std::move(row.kind);
  event.subject = std::move(row.subject);
  event.actor = std::move(row.actor);
  event.recorded_at = std::move(row.recorded_at);
  if (row.clinical_date) {
    auto date = Date::Parse(*row.clinical_date);
    if (!date.ok()) return Error{"", "event " + std::to_string(event.sequence) + ": clinical date " + date.error().message};
    event.clinical_date = *date;
  }
  event.reason = std::move(row.reason);
  event.corrects = row.corrects;
  auto payload = decode_document(row.payload, "event " + std::to_string(event.sequence) + "'s payload");
  if (!payload.ok()) return payload.error();
  event.payload = std::move(*payload);
  event.previous_hash = std::move(row.previous_hash);
  event.hash = std::move(row.hash);
  return event;
}

Result<Json> decode_document(const std::string& text, const std::string& what) {
  auto document = parse_json_text(text, what, kMaximumStoredJsonDepth);
  if (!document.ok()) return Error{"", what + ": " + document.error().to_string(), ErrorKind::kFailure};
  return document;
}

}  // namespace trialcore::store
