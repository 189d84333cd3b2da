// SAS transport (XPORT) version 5, the format regulators take: one dataset per file,
// written with ReadStat. Text is stored with the dataset's length for each variable,
// numbers as 8-byte IBM floating point; a missing number is SAS's ".".
#pragma once

#include <string>

#include "base/result.h"
#include "sdtm/dataset.h"

namespace trialcore::sdtm {

// The file's bytes. `created` (UTC, "2026-12-01T09:30:00Z") is stamped in its header as
// created and modified: the writer never reads the clock. check_dataset first.
Result<std::string> transport_file(const Dataset& dataset, const std::string& created);

}  // namespace trialcore::sdtm
