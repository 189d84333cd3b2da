// Classifies one assessment: the categories are tried in precedence order; the first that
// holds is the response. A category that cannot be decided (a value it needs is missing)
// makes the assessment not evaluable, naming what is missing: a lower category is never
// given when a higher one might hold.
#pragma once

#include <string>
#include <vector>

#include "response/assessment.h"
#include "response/response_section.h"

namespace trialcore::response {

struct Response {
  std::string category;  // a category id, or the not-evaluable id
  std::string label;
  bool responder = false;
  std::string reason;
  std::vector<std::string> missing;  // when not evaluable
};

Response classify(const ResponseSpec& spec, const Assessment& assessment);

}  // namespace trialcore::response
