// A screening as the JSON answer of docs/formats.md, and as a checklist a coordinator can print.
#pragma once

#include <string>

#include "base/json_fields.h"
#include "eligibility/screening.h"
#include "protocol/protocol.h"

namespace trialcore {

// {"patient", "date", "eligible", "criteria": [{"id", "result", "reason"[, "missing"]}]};
// "missing" is present exactly when the result is unknown.
OrderedJson screening_json(const Screening& screening);

// Each criterion in protocol order, grouped inclusion / exclusion: its result, the reason,
// what to obtain; the verdict and a summary first.
std::string screening_checklist(const Screening& screening, const Protocol& protocol);

}  // namespace trialcore
