// Registers every subcommand of the program; one line a command, one file a command.
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

inline void add_all_commands(CLI::App& app, CommandOutcome& outcome) {
  add_protocol_command(app, outcome);
  add_screen_command(app, outcome);
  add_assess_command(app, outcome);
  add_plan_command(app, outcome);
  add_check_doses_command(app, outcome);
  add_trial_commands(app, outcome);
  add_status_commands(app, outcome);
  add_store_commands(app, outcome);
  add_report_command(app, outcome);
  add_safety_report_command(app, outcome);
  add_serve_command(app, outcome);
  add_monitor_command(app, outcome);
  add_import_fhir_command(app, outcome);
  add_export_fhir_command(app, outcome);
  add_export_sdtm_command(app, outcome);
  add_prescreen_command(app, outcome);
  add_synth_omop_command(app, outcome);
}

}  // namespace trialcore::app
