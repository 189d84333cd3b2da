// A treatment plan as the JSON answer of docs/formats.md and as a calendar people read.
#pragma once

#include <string>

#include "base/json_fields.h"
#include "treatment/plan.h"

namespace trialcore::treatment {

// {"bsa_m2": course 1's BSA rounded for display, "doses": [{"course", "day", "date", "latest",
// "drug", "dose_mg_m2", "dose_mg", "order"}]}; with `with_courses`, also "courses": the
// measurement and BSA each course used.
OrderedJson plan_json(const TreatmentPlan& plan, const TreatmentSpec& spec, bool with_courses);

// Each course with its measurement and BSA, then each dose: date, window, drug, mg/m2, mg,
// infusion time and order on the day.
std::string plan_calendar(const TreatmentPlan& plan, const TreatmentSpec& spec);

// BSA rounded to the protocol's display decimals.
double displayed_bsa(double bsa_m2, const TreatmentSpec& spec);

}  // namespace trialcore::treatment
