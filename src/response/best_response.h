// A patient's outcome over the courses that count: the best response in the protocol's
// rank (intent to treat: a treated patient without an assessment is a non-responder), and
// the signals raised for a patient without response.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "response/classify.h"

namespace trialcore::response {

struct CourseAssessment {
  int course = 0;  // the course the assessment follows
  Date date;
  Response response;
};

struct BestResponse {
  std::string category;           // a category id, or not evaluable (also: no assessment)
  bool responder = false;
  std::optional<int> course;      // of the assessment that gave it
  std::optional<Date> date;
  std::string reason;
};

BestResponse best_response(const ResponseSpec& spec, const std::vector<CourseAssessment>& assessments);

// The signals due for a patient of `period` after `courses_given` courses, given the
// assessments so far: those of the period whose course count is reached, when no
// assessment so far is a response.
std::vector<const Signal*> raised_signals(const ResponseSpec& spec, const std::string& period, int courses_given,
                                          const std::vector<CourseAssessment>& assessments);

}  // namespace trialcore::response
