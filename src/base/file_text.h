// Files read whole, as the programs' inputs are: a protocol, a patient record, a mapping.
#pragma once

#include <string>

#include "base/json_fields.h"
#include "base/result.h"

namespace trialcore {

// The whole file, or an Error naming it ("-" reads standard input).
Result<std::string> read_file_text(const std::string& path);

// The file's JSON; an Error names the file (and where the JSON breaks).
Result<Json> read_json_file(const std::string& path);

}  // namespace trialcore
