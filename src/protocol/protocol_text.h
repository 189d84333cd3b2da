// The protocol as people check it: a line that it loaded (its id, version and counts), and
// its eligibility criteria with the registry's words beside the engine's reading.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/protocol.h"

namespace trialcore {

// "ok: ID version V: N periods, N criteria, N response categories"
std::string protocol_summary(const Protocol& protocol);

// Each criterion: its kind, the record's words, the engine's reading, when it applies, its
// rule and the facts it needs.
std::string criteria_text(const Protocol& protocol);

// The add-ons of a protocol file's text, id and description, from its JSON alone (without
// loading the protocol); none when the text is not JSON.
std::vector<std::pair<std::string, std::string>> add_ons_of_text(std::string_view protocol_text);

}  // namespace trialcore
