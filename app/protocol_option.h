// The --protocol option every command shares: a protocol file, or the built-in protocol.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "base/result.h"
#include "protocol/protocol.h"

namespace trialcore::app {

// Adds "--protocol FILE" to `command`, storing into `file`.
void add_protocol_option(CLI::App& command, std::string& file);

// The protocol named by the option (empty: the built-in one). Errors name the file.
Result<Protocol> load_protocol_option(const std::string& file);

// Today's date on this computer's clock in the trial's time zone (use_time_zone), for
// commands whose --date defaults to today and for the clinical dates no later than it.
Date today();

// The trial's time zone, an IANA name ("America/Chicago"), for today(); `setting` names it
// in an error (the zone is not known to this computer's time-zone database). Set before any
// thread starts: it sets the process's TZ. Empty: the computer's own zone.
Status use_time_zone(const std::string& zone, const std::string& setting);

}  // namespace trialcore::app
