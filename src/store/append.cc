#include "store/append.h"

namespace trialcore::store {

Status check_new_event(const NewEvent& event) {
  if (event.kind.empty()) return Error{"kind", "an event needs a kind"};
  if (event.actor.empty()) return Error{"actor", "an event names who recorded it"};
  if (event.recorded_at.empty()) return Error{"recorded_at", "an event needs the time it was recorded"};
  if (!event.payload.is_object()) return Error{"payload", "an event's payload is a JSON object"};
  return Status::Ok();
}

Result<Event> append_event(Transaction& transaction, Projector& projector, const NewEvent& event, const Head& head,
                           const std::function<Status(const Event&)>& insert) {
  Status valid = check_new_event(event);
  if (!valid.ok()) return valid.error();
  if (event.corrects) {
    if (*event.corrects < 1 || *event.corrects > head.sequence) {
      return Error{"corrects", "event " + std::to_string(*event.corrects) + " does not exist"};
    }
  }
  Event appended;
  static_cast<NewEvent&>(appended) = event;
  appended.sequence = head.sequence + 1;
  appended.previous_hash = head.hash;
  appended.hash = event_hash(appended);
  Status inserted = insert(appended);
  if (!inserted.ok()) return inserted.error();
  Status projected = projector.apply(appended, transaction);
  if (!projected.ok()) return projected.error();
  return appended;
}

}  // namespace trialcore::store
