// Plan requests and body measurements read from JSON files (check-doses, --body), with
// errors naming the JSON path.
#pragma once

#include <vector>

#include "base/json_fields.h"
#include "treatment/plan.h"

namespace trialcore::treatment {

// [{"date": "2010-07-05", "height": {"value": 170, "unit": "cm"}, "weight": {"value": 70,
// "unit": "kg"}}]; heights in cm or in, weights in kg or lb; plausible values only.
Result<std::vector<BodyMeasurement>> read_body_measurements(const Json& list, const std::string& path);

// {"period", "start", "courses", "body": [...], "add_ons": {"<add-on>": first course}}.
Result<PlanRequest> read_plan_request(const Json& object, const std::string& path);

}  // namespace trialcore::treatment
