// Treatment plans: dated doses course by course. A course is laid out from its day 1 by
// the schedule its regimen's rules choose (given the add-ons of that course); each dose's
// mg come from the dose level and the BSA of the body measured last on or before day 1.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/date.h"
#include "treatment/treatment_section.h"

namespace trialcore::treatment {

struct BodyMeasurement {
  Date date;
  double height_cm = 0;
  double weight_kg = 0;
  // When it became known, as a place in the record's order (an event's sequence); 0 when
  // not known. A course already given is planned only from what was known when it was
  // given (dose_check.h).
  int64_t recorded = 0;
};

struct PlannedDose {
  int course = 0;
  int day = 0;
  Date date;
  Date latest;          // the end of its window
  std::string drug;
  double dose_mg_m2 = 0;
  double dose_mg = 0;   // rounded as the protocol says
  int order = 1;        // rank among the doses planned on the same date
  int priority = 1;     // the schedule's order value, which ranks them
};

struct CoursePlan {
  int number = 0;
  Date day1;
  std::string schedule;
  BodyMeasurement body;  // the measurement this course's doses come from
  double bsa_m2 = 0;     // full precision, after any cap
  std::vector<PlannedDose> doses;  // by date, then order
};

struct TreatmentPlan {
  std::string period;
  std::vector<CoursePlan> courses;
  std::vector<std::string> warnings;  // a BSA above the protocol's warning limit, a cap applied
};

// Add-ons by id, each with the first course it is given in.
using AddOnsFrom = std::map<std::string, int>;

struct PlanRequest {
  std::string period;
  Date start;                         // day 1 of course 1
  int courses = 1;
  std::vector<BodyMeasurement> body;  // at least one on or before `start`
  AddOnsFrom add_ons;
};

// Lays out one course from its actual day 1. Errors: no measurement on or before day 1.
Result<CoursePlan> plan_course(const TreatmentSpec& spec, const Regimen& regimen, int course, Date day1,
                               const std::vector<BodyMeasurement>& body, const AddOnsFrom& add_ons,
                               std::vector<std::string>& warnings);

// The whole plan at nominal intervals. Errors name the request's field: an unknown period
// (listing the periods), courses out of 1..max, an add-on the period lacks or out of range,
// an implausible body.
Result<TreatmentPlan> plan_treatment(const TreatmentSpec& spec, const PlanRequest& request);

// value rounded to the nearest multiple of `step`, halves away from zero.
double round_to(double value, double step);

}  // namespace trialcore::treatment
