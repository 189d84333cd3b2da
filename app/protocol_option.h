// The --protocol option every command shares: a protocol file, or the built-in protocol;
// and the FHIR commands' --mapping beside it.
#pragma once

#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "flags.h"
#include "protocol/protocol.h"

namespace trialcore::app {

// "--protocol FILE", stored into `file`.
Flag protocol_flag(std::string& file);

// The protocol named by the option (empty: the built-in one). Errors name the file.
Result<Protocol> load_protocol_option(const std::string& file);

// The --mapping option of the FHIR commands: the protocol's FHIR mapping file, by default
// the file beside --protocol or the built-in protocol's (fhir/mapping_file.h).
Flag mapping_flag(std::string& file);

}  // namespace trialcore::app
