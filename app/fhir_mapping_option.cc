#include "fhir_mapping_option.h"

#include "output.h"

namespace trialcore::app {

void add_mapping_option(CLI::App& command, std::string& file) {
  command.add_option("--mapping", file,
                     "The protocol's FHIR mapping (default: FILE.fhir.json beside --protocol FILE.json, or the "
                     "built-in protocol's; docs/fhir.md)")
      ->type_name("FILE");
}

Result<fhir::FhirMapping> load_mapping_option(const std::string& mapping_file, const std::string& protocol_file,
                                              const Protocol& protocol) {
  std::string file = mapping_file;
  if (file.empty() && protocol_file.empty()) return fhir::load_builtin_fhir_mapping(protocol);
  if (file.empty()) {
    std::string stem = protocol_file;
    if (stem.size() > 5 && stem.compare(stem.size() - 5, 5, ".json") == 0) stem.resize(stem.size() - 5);
    file = stem + ".fhir.json";
  }
  auto text = read_file_text(file);
  if (!text.ok()) return Error{"--mapping", file + " " + text.error().message};
  auto mapping = fhir::load_fhir_mapping(*text, file, protocol);
  if (!mapping.ok()) return Error{mapping.error().path, file + ": " + mapping.error().message};
  return mapping;
}

}  // namespace trialcore::app
