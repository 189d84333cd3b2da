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

// Today's date on this computer, for commands whose --date defaults to today.
Date today();

}  // namespace trialcore::app
