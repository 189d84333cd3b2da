// Registers every subcommand of the program.
#pragma once

#include "command.h"

namespace trialcore::app {

void add_protocol_command(CLI::App& app, CommandOutcome& outcome);
void add_screen_command(CLI::App& app, CommandOutcome& outcome);
void add_assess_command(CLI::App& app, CommandOutcome& outcome);
void add_plan_command(CLI::App& app, CommandOutcome& outcome);
void add_check_doses_command(CLI::App& app, CommandOutcome& outcome);
void add_trial_commands(CLI::App& app, CommandOutcome& outcome);  // every write of the record
void add_status_commands(CLI::App& app, CommandOutcome& outcome);
void add_store_commands(CLI::App& app, CommandOutcome& outcome);
void add_report_command(CLI::App& app, CommandOutcome& outcome);
void add_serve_command(CLI::App& app, CommandOutcome& outcome);
void add_monitor_command(CLI::App& app, CommandOutcome& outcome);
void add_import_fhir_command(CLI::App& app, CommandOutcome& outcome);
void add_export_fhir_command(CLI::App& app, CommandOutcome& outcome);
void add_export_sdtm_command(CLI::App& app, CommandOutcome& outcome);
void add_prescreen_command(CLI::App& app, CommandOutcome& outcome);
void add_synth_omop_command(CLI::App& app, CommandOutcome& outcome);
void add_safety_report_command(CLI::App& app, CommandOutcome& outcome);

// In the order the help lists them.
inline void add_all_commands(CLI::App& app, CommandOutcome& outcome) {
  for (auto add : {add_protocol_command, add_screen_command, add_assess_command, add_plan_command, add_check_doses_command,
                   add_trial_commands, add_status_commands, add_store_commands, add_report_command,
                   add_safety_report_command, add_serve_command, add_monitor_command, add_import_fhir_command,
                   add_export_fhir_command, add_export_sdtm_command, add_prescreen_command, add_synth_omop_command}) {
    add(app, outcome);
  }
}

}  // namespace trialcore::app
