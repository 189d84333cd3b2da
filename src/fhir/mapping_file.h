// Which FHIR mapping a protocol comes with: the file given, else the file beside a protocol
// file (x.json -> x.fhir.json), else the built-in protocol's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "fhir/fhir_mapping.h"

namespace trialcore::fhir {

// `mapping_file` and `protocol_file` as given (empty: none); `option` names the mapping's
// setting in an error about reading its file ("--mapping").
Result<FhirMapping> load_protocol_mapping(const std::string& mapping_file, const std::string& protocol_file,
                                          const Protocol& protocol, const std::string& option);

// The same for a server, which serves a trial without FHIR too: no mapping (and a warning
// saying why) when none was given and the protocol has none; a mapping file given that
// cannot be loaded is an error.
Result<std::optional<FhirMapping>> load_served_mapping(const std::string& mapping_file, const std::string& protocol_file,
                                                       const Protocol& protocol, const std::string& option,
                                                       std::vector<std::string>& warnings);

}  // namespace trialcore::fhir
