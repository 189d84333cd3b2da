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
  event.payload = Json::parse(row.payload, nullptr, false);
  if (event.payload.is_discarded()) return Error{"", "event " + std::to_string(event.sequence) + ": payload is not valid JSON"};
  event.previous_hash = std::move(row.previous_hash);
  event.hash = std::move(row.hash);
  return event;
}

}  // namespace trialcore::store
