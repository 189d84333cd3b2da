// Registers every subcommand of the program; one line a command, one file a command.
#pragma once

#include "command.h"

namespace trialcore::app {

void add_protocol_command(CLI::App& app, CommandOutcome& outcome);
void add_monitor_command(CLI::App& app, CommandOutcome& outcome);

inline void add_all_commands(CLI::App& app, CommandOutcome& outcome) {
  add_protocol_command(app, outcome);
  add_monitor_command(app, outcome);
}

}  // namespace trialcore::app
