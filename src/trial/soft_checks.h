// Soft checks: a height or weight outside the plausible adult range, a lab far outside its
// usual range, a dose beyond the protocol's tolerance. Each is possible, and more likely a
// slip (inches typed as cm, a misplaced decimal point), so a write is refused until it
// confirms the checks that fire, by id; the event then records what was confirmed. The
// ranges are the protocol's (protocol/edit_checks.h); the ids are the engine's.
#pragma once

#include <string>
#include <vector>

#include "base/json_fields.h"
#include "protocol/protocol.h"
#include "treatment/dose_check.h"

namespace trialcore::trial {

inline constexpr const char* kHeightPlausible = "height-plausible";
inline constexpr const char* kWeightPlausible = "weight-plausible";
inline constexpr const char* kLabUsualRange = "lab-usual-range";
inline constexpr const char* kDoseTolerance = "dose-tolerance";

// The ids given in a write's "confirm" (an array of check ids); an Error names
// "<path>[i]" for anything else. Absent: none.
Result<std::vector<std::string>> read_confirmations(const Json* confirm, const std::string& path);

std::vector<SoftCheck> body_checks(const EditChecks& checks, double height_cm, double weight_kg);
// For an observation as a write gives it (read against the protocol's catalogue).
std::vector<SoftCheck> lab_checks(const Protocol& protocol, const Json& observation);
// A dose's deviations from the plan that call for a confirmation (off the plan by more than
// the tolerance).
std::vector<SoftCheck> dose_checks(const std::vector<treatment::Deviation>& deviations);

// The checks that fired, against those confirmed: refused (kRefused, naming each check not
// confirmed in `to_confirm`, the first one's path as the error's) or, when every one is
// confirmed, the event's "confirmed": [{"check", "message"}] (empty when none fired).
Result<Json> confirmation_of(const std::vector<SoftCheck>& fired, const std::vector<std::string>& confirmed);

}  // namespace trialcore::trial
