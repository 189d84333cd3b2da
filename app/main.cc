// trialcore: runs a clinical trial's protocol from the command line.
#include <cstdlib>
#include <iostream>

#include "command.h"
#include "commands.h"
#include "protocol_option.h"

int main(int argc, char** argv) {
  using namespace trialcore::app;
  CLI::App app{"trialcore: runs a clinical trial's protocol (screening, plans, response, the record)",
               "trialcore"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "trialcore 0.1.0");
  app.footer("Run `trialcore COMMAND --help` for a command's options.\n"
             "Exit status: 0 done, 1 could not be done, 2 bad input (stderr says which field).");
  // The trial's time zone decides what today is (docs/operations.md); set before anything runs.
  if (const char* zone = std::getenv("TRIALCORE_TIME_ZONE")) {
    trialcore::Status zoned = trialcore::use_time_zone(zone, "TRIALCORE_TIME_ZONE");
    if (!zoned.ok()) {
      std::cerr << "trialcore: error: TRIALCORE_TIME_ZONE: " << zoned.error().message << "\n";
      return kExitBadInput;
    }
  }
  CommandOutcome outcome;
  add_all_commands(app, outcome);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "trialcore: error: " << e.what() << "\n"
              << "Run with --help for the options.\n";
    return kExitBadInput;
  }
  return outcome.exit_code;
}
