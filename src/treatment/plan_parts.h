// A plan request from the parts a person gives one by one (the command line's flags, a
// form's fields): the start as typed, add-ons as ADD-ON=COURSE pairs, one height and weight
// measured on the start date, and a file of dated measurements. Errors name the part by its
// JSON path ($.start, $.add_on, $.height, $.weight) or the file; a front end shows the path
// as its own field.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "treatment/plan.h"

namespace trialcore::treatment {

struct PlanParts {
  std::string period;
  std::string start;  // YYYY-MM-DD, as typed
  int courses = 0;
  std::optional<double> height;  // cm, measured on the start date (with the weight)
  std::optional<double> weight;  // kg
  AddOnsFrom add_ons;                     // add-on -> its first course
  std::vector<std::string> add_on_pairs;  // "ADD-ON=COURSE", added to add_ons
  std::string body_file;                  // dated measurements (JSON list; plan_input.h); empty: none
};

// The request, or the first part at fault. At least one measurement is needed: the height
// and weight, the file, or both.
Result<PlanRequest> plan_request_of(const PlanParts& parts);

}  // namespace trialcore::treatment
