#include "response/best_response.h"

#include <algorithm>

namespace trialcore::response {

namespace {

bool counts(const ResponseSpec& spec, int course) {
  return course >= spec.first_course && (spec.last_course == 0 || course <= spec.last_course);
}

}  // namespace

BestResponse best_response(const ResponseSpec& spec, const std::vector<CourseAssessment>& assessments) {
  BestResponse best;
  best.category = spec.not_evaluable;
  const CourseAssessment* chosen = nullptr;
  size_t evaluable = 0;
  for (const CourseAssessment& assessment : assessments) {
    if (!counts(spec, assessment.course)) continue;
    size_t rank = spec.rank(assessment.response.category);
    if (rank < spec.categories.size()) ++evaluable;
    // The best rank wins; among equals, the earliest assessment.
    if (!chosen || rank < spec.rank(chosen->response.category)) chosen = &assessment;
  }
  if (!chosen) {
    best.reason = "no assessment in the courses that count: a non-responder (intent to treat)";
    return best;
  }
  best.category = chosen->response.category;
  best.responder = chosen->response.responder;
  best.course = chosen->course;
  best.date = chosen->date;
  best.reason = "best of " + std::to_string(evaluable) + " evaluable assessment" + (evaluable == 1 ? "" : "s") +
                ": " + chosen->response.category + " after course " + std::to_string(chosen->course) + " (" +
                chosen->date.to_string() + ")";
  return best;
}

std::vector<const Signal*> raised_signals(const ResponseSpec& spec, const std::string& period, int courses_given,
                                          const std::vector<CourseAssessment>& assessments) {
  std::vector<const Signal*> raised;
  bool responded = std::any_of(assessments.begin(), assessments.end(),
                               [](const CourseAssessment& assessment) { return assessment.response.responder; });
  if (responded) return raised;
  for (const Signal& signal : spec.signals) {
    bool in_period = std::find(signal.periods.begin(), signal.periods.end(), period) != signal.periods.end();
    if (in_period && courses_given >= signal.after_courses) raised.push_back(&signal);
  }
  return raised;
}

}  // namespace trialcore::response
