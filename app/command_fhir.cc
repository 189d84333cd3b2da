// `trialcore import-fhir` and `trialcore export-fhir`: a FHIR R4 Bundle of one patient read
// into the patient record `screen` and `register` read, and the trial's record, or one
// patient's, written as a Bundle (answers/record_exports.h).
#include "answers/input_values.h"
#include "answers/record_exports.h"
#include "command.h"
#include "protocol_option.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

int run_import(const answers::FhirImportInput& input) {
  std::optional<Date> as_of;
  if (!input.date.empty()) {
    auto date = answers::date_member(input.date, "date");
    if (!date.ok()) return fail(on_flags(date.error()));
    as_of = *date;
  }
  auto protocol = load_protocol_option(input.protocol_file);
  if (!protocol.ok()) return fail(protocol.error());
  std::vector<std::string> warnings;
  return print_result(on_flags(answers::fhir_import_answer(input, *protocol, as_of, warnings), {"mapping"}), warnings);
}

using FhirExportOptions = OnRecord<answers::FhirExportInput>;

int run_export_fhir(const FhirExportOptions& options) {
  return with_trial(options.trial, [&](OpenTrial& trial) {
    std::vector<std::string> warnings;
    auto bundle = answers::fhir_export_answer(trial, options.input, options.trial.protocol_file, warnings);
    return print_result(on_flags(bundle, {"mapping", "patient"}), warnings);
  });
}

}  // namespace

void add_import_fhir_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<answers::FhirImportInput>();
  add_command(app, outcome, "import-fhir", options, run_import,
              {{"BUNDLE", &options->bundle_file, "FHIR R4 Bundle (JSON; - reads stdin)", "FILE", true},
               {"--date", &options->date, "Leave out resources dated after this date (YYYY-MM-DD)", "DATE"},
               protocol_flag(options->protocol_file),
               mapping_flag(options->mapping_file),
               {"--json", &options->json, "Print {\"record\", \"unmapped\": [{\"path\", \"resourceType\", \"code\", \"reason\"}]}"}});
}

void add_export_fhir_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<FhirExportOptions>();
  add_command(app, outcome, "export-fhir", options, run_export_fhir,
              trial_flags(options->trial) + Flags{{"--patient", &options->input.patient, "Only this patient (the trial's id)", "ID"},
                                                  mapping_flag(options->input.mapping_file)});
}

}  // namespace trialcore::app
