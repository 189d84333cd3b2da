// How commands on the trial's record report what they recorded.
#pragma once

#include <string>

#include "base/json_fields.h"
#include "store/event.h"

namespace trialcore::app {

// "recorded event 12 (dose-given) for P1", or {"sequence": 12, "kind": ..., "subject": ...}
// merged with `extra` under --json.
void print_recorded(const store::Event& event, bool json, const OrderedJson& extra = OrderedJson::object());

}  // namespace trialcore::app
