// `trialcore import-fhir` and `trialcore export-fhir`: a FHIR R4 Bundle of one patient read
// into the patient record `screen` and `register` read (fhir/bundle_import.h), and the
// trial's record, or one patient's, written as a Bundle (fhir/bundle_export.h).
#include <iostream>

#include "command.h"
#include "fhir/bundle_export.h"
#include "fhir/bundle_import.h"
#include "fhir/mapping_file.h"
#include "flags.h"
#include "output.h"
#include "protocol_option.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

struct ImportOptions {
  std::string bundle_file;
  std::string date;
  std::string protocol_file;
  std::string mapping_file;
  bool json = false;
};

int run_import(const ImportOptions& options) {
  std::optional<Date> as_of;
  if (!options.date.empty()) {
    auto date = date_option(options.date, "--date");
    if (!date.ok()) return fail(date.error());
    as_of = *date;
  }
  auto protocol = load_protocol_option(options.protocol_file);
  if (!protocol.ok()) return fail(protocol.error());
  auto mapping = fhir::load_protocol_mapping(options.mapping_file, options.protocol_file, *protocol, "--mapping");
  if (!mapping.ok()) return fail(mapping.error());
  auto text = read_file_text(options.bundle_file);
  if (!text.ok()) return fail(text.error());
  auto imported = fhir::import_bundle_text(*text, *protocol, *mapping, as_of);
  if (!imported.ok()) return fail(imported.error());
  if (options.json) {
    Json answer{{"record", imported->record}, {"unmapped", fhir::unmapped_json(imported->unmapped)}};
    return print_result(answer.dump() + "\n", imported->warnings);
  }
  std::vector<std::string> warnings = imported->warnings;
  for (const fhir::Unmapped& one : imported->unmapped) warnings.push_back(fhir::unmapped_text(one));
  return print_result(imported->record.dump(2) + "\n", warnings);
}

struct ExportOptions {
  TrialOptions trial;
  std::string patient;
  std::string mapping_file;
};

int run_export(const ExportOptions& options) {
  return with_trial(options.trial, [&](OpenTrial& trial) {
    auto mapping = fhir::load_protocol_mapping(options.mapping_file, options.trial.protocol_file, trial.protocol, "--mapping");
    if (!mapping.ok()) return fail(mapping.error());
    auto states = trial.service->patient_states();
    if (!states.ok()) return fail(states.error());
    auto bundle = fhir::export_record_bundle(trial.protocol, *mapping, std::move(*states), options.patient, utc_now());
    if (!bundle.ok()) return fail(bundle.error().path == "patient" ? Error{"--patient", bundle.error().message, bundle.error().kind} : bundle.error());
    std::vector<std::string> warnings;
    for (const std::string& missing : bundle->not_exported) warnings.push_back("not exported: " + missing);
    return print_result(bundle->bundle.dump(1) + "\n", warnings);
  });
}

}  // namespace

void add_import_fhir_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<ImportOptions>();
  add_command(app, outcome, "import-fhir", options, run_import,
              {{"BUNDLE", &options->bundle_file, "FHIR R4 Bundle (JSON; - reads stdin)", "FILE", true},
               {"--date", &options->date, "Leave out resources dated after this date (YYYY-MM-DD)", "DATE"},
               protocol_flag(options->protocol_file),
               mapping_flag(options->mapping_file),
               {"--json", &options->json, "Print {\"record\", \"unmapped\": [{\"path\", \"resourceType\", \"code\", \"reason\"}]}"}});
}

void add_export_fhir_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<ExportOptions>();
  add_command(app, outcome, "export-fhir", options, run_export,
              trial_flags(options->trial) + Flags{{"--patient", &options->patient, "Only this patient (the trial's id)", "ID"},
                                                  mapping_flag(options->mapping_file)});
}

}  // namespace trialcore::app
