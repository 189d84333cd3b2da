// A backup of the record with the copy's own head, read back from the copy: the anchor
// that `verify --expect-head` later checks the copy against (docs/store.md).
#pragma once

#include <string>

#include "store/store.h"

namespace trialcore::store {

// Copies the record to the new file `to` and opens the copy with `projector`; an error
// opening the copy names $.to.
Result<Head> back_up(Store& store, Projector& projector, const std::string& to);

}  // namespace trialcore::store
