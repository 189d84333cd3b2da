// A dose check of two JSON files, as a person keeps them: the plan request
// (plan_input.h) and what was given (dose_check.h). An error in a file names the file
// before its JSON path; the date the check is made as of is $.as_of.
#pragma once

#include <string>

#include "treatment/dose_check.h"

namespace trialcore::treatment {

// `as_of` as typed, YYYY-MM-DD; empty: the last administration.
Result<DoseCheck> check_dose_files(const TreatmentSpec& spec, const std::string& plan_file,
                                   const std::string& administrations_file, const std::string& as_of);

}  // namespace trialcore::treatment
