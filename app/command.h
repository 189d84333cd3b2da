// The `trialcore` program's subcommands. Each add_*_command registers one subcommand on
// the application; when it runs, it stores its exit status in `exit_code`:
// 0 done, 1 could not be done (a store unreachable, a check that found a fault),
// 2 bad input (the message on stderr names the field; nothing printed on stdout, nothing written).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "commands/command_help.h"
#include "flags.h"

namespace trialcore::app {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

struct CommandOutcome {
  int exit_code = kExitOk;
};

// Adds the subcommand `name` with its help (commands/command_help.h), its flags filling
// `options`; when it runs, run(options) is its exit status.
template <class Options, class Run>
CLI::App& add_command(CLI::App& app, CommandOutcome& outcome, const std::string& name,
                      const std::shared_ptr<Options>& options, Run run, const Flags& flags) {
  const commands::CommandHelp& help = commands::command_help(name);
  CLI::App* command = app.add_subcommand(name, help.help);
  if (!help.footer.empty()) command->footer(help.footer);
  command->callback([options, run, &outcome] { outcome.exit_code = run(*options); });
  add_flags(*command, flags);
  return *command;
}

}  // namespace trialcore::app
