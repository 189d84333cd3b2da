// `trialcore protocol`: shows the protocol the engine runs.
#include <iostream>

#include "command.h"
#include "output.h"
#include "protocol/builtin_protocol.h"

namespace trialcore::app {

void add_protocol_command(CLI::App& app, CommandOutcome& outcome) {
  auto* command = app.add_subcommand("protocol", "Print the protocol file the engine runs");
  auto file = std::make_shared<std::string>();
  command->add_option("--protocol", *file, "A protocol file (default: the built-in one)");
  command->callback([file, &outcome] {
    if (file->empty()) {
      std::cout << builtin_protocol_text();
      return;
    }
    auto text = read_file_text(*file);
    if (!text.ok()) {
      print_error(text.error());
      outcome.exit_code = kExitBadInput;
      return;
    }
    std::cout << *text;
  });
}

}  // namespace trialcore::app
