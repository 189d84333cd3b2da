// The server's log: one JSON object a line on standard error (spdlog adds "time" and
// "level"). Members are serialized by the JSON library, never pasted into a format, so
// whatever a request holds (quotes, line breaks, backslashes, NUL, bytes that are not
// UTF-8) stays inside its string and every line is valid JSON.
#pragma once

#include <string>

#include "base/json_fields.h"

namespace trialcore::server {

// `members` (an object) as the text spdlog's pattern puts between its own braces.
std::string log_members(const Json& members);

// Logs `members` at level info.
void log_event(const Json& members);

}  // namespace trialcore::server
