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
#include "output.h"

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

// Adds a command whose answer src/answers writes: its flags fill `input`; it prints the
// answer's warnings and the answer, or its error, an error about the input shown by
// `on_flags_of` as the flag it is about.
template <class Input, class Answer, class OnFlags>
CLI::App& add_answer_command(CLI::App& app, CommandOutcome& outcome, const std::string& name,
                             const std::shared_ptr<Input>& input, Answer answer, const Flags& flags, OnFlags on_flags_of) {
  auto run = [answer, on_flags_of](const Input& given) {
    std::vector<std::string> warnings;
    Result<std::string> printed = answer(given, warnings);
    return print_result(printed.ok() ? printed : Result<std::string>(on_flags_of(printed.error())), warnings);
  };
  return add_command(app, outcome, name, input, run, flags);
}

// The same, an error about one of the input's `members` ("$.date") named by its flag (--date).
template <class Input, class Answer>
CLI::App& add_answer_command(CLI::App& app, CommandOutcome& outcome, const std::string& name,
                             const std::shared_ptr<Input>& input, Answer answer, const Flags& flags,
                             const std::vector<std::string>& members) {
  return add_answer_command(app, outcome, name, input, answer, flags, [members](Error error) { return on_flags(error, members); });
}

}  // namespace trialcore::app
