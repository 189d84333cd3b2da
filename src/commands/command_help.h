// What each command of the program that is not in the command table is for, as its help
// says: a line in the list of commands, and more under its options. The command table's
// commands carry their own (command.h); the flags' help stays with the flags.
#pragma once

#include <string>
#include <string_view>

namespace trialcore::commands {

struct CommandHelp {
  std::string name;  // "screen"
  std::string help;
  std::string footer;  // empty: none
};

// The help of the command `name`; empty when it has none.
const CommandHelp& command_help(std::string_view name);

}  // namespace trialcore::commands
