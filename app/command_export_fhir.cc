// `trialcore export-fhir`: the trial's record, or one patient's, as a FHIR R4 Bundle.
#include <iostream>
#include <memory>

#include "command.h"
#include "fhir/bundle_export.h"
#include "fhir_mapping_option.h"
#include "output.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

struct ExportOptions {
  TrialOptions trial;
  std::string patient;
  std::string mapping_file;
};

int run_export(const ExportOptions& options) {
  return with_trial(options.trial, [&](OpenTrial& trial) {
    auto mapping = load_mapping_option(options.mapping_file, options.trial.protocol_file, trial.protocol);
    if (!mapping.ok()) return fail(mapping.error());
    auto states = trial.service->patient_states();
    if (!states.ok()) return fail(states.error());
    int enrolled = 0;
    std::vector<trial::PatientState> chosen;
    for (trial::PatientState& state : *states) {
      enrolled += state.enrolled() ? 1 : 0;
      if (options.patient.empty() || state.id == options.patient) chosen.push_back(std::move(state));
    }
    if (!options.patient.empty() && chosen.empty()) {
      return fail(Error{"--patient", "no patient '" + options.patient + "' on the trial's record", ErrorKind::kNotFound});
    }
    auto bundle = fhir::export_bundle(trial.protocol, *mapping, chosen, enrolled, utc_now());
    if (!bundle.ok()) return fail(bundle.error());
    for (const std::string& missing : bundle->not_exported) print_warning("not exported: " + missing);
    std::cout << bundle->bundle.dump(1) << "\n";
    return kExitOk;
  });
}

}  // namespace

void add_export_fhir_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<ExportOptions>();
  auto* command = app.add_subcommand("export-fhir", "Write the trial's record as a FHIR R4 Bundle");
  command->footer(
      "The Bundle (type collection) holds the ResearchStudy, and for each patient the Patient, the\n"
      "registered record's facts, the ResearchSubject, every dose as a MedicationAdministration, labs,\n"
      "height, weight and response assessments as Observations, and the Provenance of recorded events.\n"
      "A fact the mapping cannot write is named on stderr. docs/fhir.md has the mapping.");
  add_trial_options(*command, options->trial);
  command->add_option("--patient", options->patient, "Only this patient (the trial's id)")->type_name("ID");
  add_mapping_option(*command, options->mapping_file);
  command->callback([options, &outcome] { outcome.exit_code = run_export(*options); });
}

}  // namespace trialcore::app
