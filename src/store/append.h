// What appending means, whatever the backend: the corrected event must exist and precede,
// the new event takes the next sequence and chains to the last hash, and the projector
// sees it inside the same transaction.
#pragma once

#include <functional>

#include "store/store.h"

namespace trialcore::store {

// `head` is the log's last event as the transaction sees it (the backend keeps it, so an
// append reads nothing back); `insert` writes the finished event into the backend's table,
// where the schema checks that it extends that head.
Result<Event> append_event(Transaction& transaction, Projector& projector, const NewEvent& event, const Head& head,
                           const std::function<Status(const Event&)>& insert);

// Checks the caller's part of an event: a kind, an actor and a time are required.
Status check_new_event(const NewEvent& event);

}  // namespace trialcore::store
