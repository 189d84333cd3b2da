// A patient's id: 1 to 64 letters, digits, '.', '-' or '_', the first a letter or a digit
// (docs/formats.md). An id names its patient in URLs (/api/patients/ID), in the log and in
// file names, so nothing else is taken: no '/', no spaces, no control characters.
#pragma once

#include <string>

#include "base/result.h"

namespace trialcore::patient {

inline constexpr size_t kMaximumPatientIdLength = 64;

// An Error at `path` naming the rule when `id` does not follow it.
Status check_patient_id(const std::string& id, const std::string& path);

}  // namespace trialcore::patient
