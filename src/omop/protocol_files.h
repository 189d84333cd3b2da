// Which OMOP files a protocol comes with: the files given (a protocol file brings its own
// mapping and synthetic profile), else the built-in protocol's (omop/builtin_mapping.h).
#pragma once

#include <string>
#include <string_view>

#include "omop/omop_mapping.h"

namespace trialcore::omop {

// The text of `file`, or `builtin` when no file is given; an error reading the file names
// `option`, the setting that gave it ("--profile").
Result<std::string> protocol_file_text(const std::string& file, std::string_view builtin, const std::string& option);

// The OMOP mapping of `protocol` from `file` (empty: the built-in one); its errors name
// `option` before the mapping's JSON path ("--mapping $.criteria.x").
Result<OmopMapping> load_protocol_mapping(const std::string& file, const Protocol& protocol, const std::string& option);

}  // namespace trialcore::omop
