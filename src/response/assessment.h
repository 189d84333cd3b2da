// One response assessment: the values of the protocol's assessment facts (counts, marrow
// blasts, extramedullary disease), read from JSON or the command line.
#pragma once

#include <string>
#include <vector>

#include "base/json_fields.h"
#include "expr/value.h"
#include "response/response_section.h"

namespace trialcore::response {

struct Assessment {
  std::vector<expr::Value> facts;  // by ResponseSpec::facts slot; unknown where not assessed
};

// Reads {"anc": 1.2, "platelets": 150, "marrow_blasts": 3, ...}. A quantity is a number in
// the unit the protocol declares (or {"value", "unit"}); a choice is its text; absent, null
// or "unknown" means not assessed. Impossible values are Errors naming the path; unknown
// members are ignored with a warning.
Result<Assessment> read_assessment(const ResponseSpec& spec, const Json& object, const std::string& path,
                                   std::vector<std::string>& warnings);

}  // namespace trialcore::response
