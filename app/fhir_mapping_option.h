// The --mapping option of the FHIR commands: the protocol's FHIR mapping file; by default
// the file beside --protocol (x.json -> x.fhir.json), or the built-in protocol's.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "fhir/fhir_mapping.h"

namespace trialcore::app {

void add_mapping_option(CLI::App& command, std::string& file);

Result<fhir::FhirMapping> load_mapping_option(const std::string& mapping_file, const std::string& protocol_file,
                                              const Protocol& protocol);

}  // namespace trialcore::app
