// `trialcore import-fhir`: a FHIR R4 Bundle of one patient read into the patient record
// `screen` and `register` read, with the list of what could not be mapped.
#include <iostream>
#include <memory>

#include "command.h"
#include "fhir/bundle_import.h"
#include "fhir_mapping_option.h"
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
  auto mapping = load_mapping_option(options.mapping_file, options.protocol_file, *protocol);
  if (!mapping.ok()) return fail(mapping.error());
  auto text = read_file_text(options.bundle_file);
  if (!text.ok()) return fail(text.error());
  auto imported = fhir::import_bundle_text(*text, *protocol, *mapping, as_of);
  if (!imported.ok()) return fail(imported.error());
  for (const std::string& warning : imported->warnings) print_warning(warning);
  if (options.json) {
    Json unmapped = Json::array();
    for (const fhir::Unmapped& one : imported->unmapped) unmapped.push_back(fhir::unmapped_json(one));
    std::cout << Json({{"record", imported->record}, {"unmapped", unmapped}}).dump() << "\n";
    return kExitOk;
  }
  std::cout << imported->record.dump(2) << "\n";
  for (const fhir::Unmapped& one : imported->unmapped) {
    print_warning("not mapped: " + one.path + " (" + one.resource_type + (one.code.empty() ? "" : " " + one.code) +
                  "): " + one.reason);
  }
  return kExitOk;
}

}  // namespace

void add_import_fhir_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<ImportOptions>();
  auto* command = app.add_subcommand("import-fhir", "Read a FHIR R4 Bundle of one patient into a patient record");
  command->footer(
      "Prints the patient record (docs/formats.md) that `screen` and `register` read, and on stderr\n"
      "what could not be mapped: a resource or code the protocol's FHIR mapping does not know is\n"
      "listed, never dropped. A fact the Bundle lacks stays unknown. A unit that cannot be converted,\n"
      "a malformed Bundle or a value the record refuses is an error naming the resource\n"
      "(Bundle.entry[3].resource.valueQuantity.unit): exit 2, nothing printed. docs/fhir.md has the mapping.");
  command->add_option("BUNDLE", options->bundle_file, "FHIR R4 Bundle (JSON; - reads stdin)")->required()->type_name("FILE");
  command->add_option("--date", options->date, "Leave out resources dated after this date (YYYY-MM-DD)")->type_name("DATE");
  add_protocol_option(*command, options->protocol_file);
  add_mapping_option(*command, options->mapping_file);
  command->add_flag("--json", options->json, "Print {\"record\", \"unmapped\": [{\"path\", \"resourceType\", \"code\", \"reason\"}]}");
  command->callback([options, &outcome] { outcome.exit_code = run_import(*options); });
}

}  // namespace trialcore::app
