// The `trialcore` program's subcommands. Each add_*_command registers one subcommand on
// the application; when it runs, it stores its exit status in `exit_code`:
// 0 done, 1 could not be done (a store unreachable, a check that found a fault),
// 2 bad input (the message on stderr names the field; nothing printed on stdout, nothing written).
#pragma once

#include <CLI/CLI.hpp>

namespace trialcore::app {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

struct CommandOutcome {
  int exit_code = kExitOk;
};

}  // namespace trialcore::app
