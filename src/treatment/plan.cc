#include "treatment/plan.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace trialcore::treatment {

double round_to(double value, double step) {
  // The product of a level and a BSA is not exact in binary: 3.275 may be 3.27499999.
  // A relative nudge of 1e-9 settles such halves the way a pharmacist's calculator does.
  double scaled = value / step;
  double nudged = scaled + std::copysign(1e-9 * std::max(1.0, std::fabs(scaled)), scaled);
  return std::round(nudged) * step;
}

namespace {

std::string two_decimals(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

const BodyMeasurement* measurement_for(const std::vector<BodyMeasurement>& body, Date day1) {
  const BodyMeasurement* chosen = nullptr;
  for (const BodyMeasurement& measurement : body) {
    if (day1 < measurement.date) continue;
    if (!chosen || !(measurement.date < chosen->date)) chosen = &measurement;
  }
  return chosen;
}

std::set<std::string> add_ons_in(const AddOnsFrom& add_ons, int course) {
  std::set<std::string> given;
  for (const auto& [id, from] : add_ons) {
    if (course >= from) given.insert(id);
  }
  return given;
}

// Ranks the doses of each date by their priority: the contract's "order" on a shared day.
void rank_by_day(std::vector<PlannedDose>& doses) {
  std::stable_sort(doses.begin(), doses.end(), [](const PlannedDose& a, const PlannedDose& b) {
    if (a.date != b.date) return a.date < b.date;
    return a.priority < b.priority;
  });
  for (size_t i = 0; i < doses.size(); ++i) {
    doses[i].order = (i > 0 && doses[i - 1].date == doses[i].date) ? doses[i - 1].order + 1 : 1;
  }
}

}  // namespace

Result<CoursePlan> plan_course(const TreatmentSpec& spec, const Regimen& regimen, int course, Date day1,
                               const std::vector<BodyMeasurement>& body, const AddOnsFrom& add_ons,
                               std::vector<std::string>& warnings) {
  const BodyMeasurement* measurement = measurement_for(body, day1);
  if (!measurement) {
    return Error{"", "no height and weight measured on or before course " + std::to_string(course) + " day 1 (" +
                         day1.to_string() + ")"};
  }
  const ScheduleRule* rule = regimen.rule_for(course, add_ons_in(add_ons, course));
  if (!rule) return Error{"", "no schedule of " + regimen.period + " applies to course " + std::to_string(course)};
  CoursePlan plan;
  plan.number = course;
  plan.day1 = day1;
  plan.schedule = rule->schedule;
  plan.body = *measurement;
  double bsa = body_surface_area(measurement->height_cm, measurement->weight_kg, spec.bsa_formula);
  if (spec.bsa_warn_above_m2 && bsa > *spec.bsa_warn_above_m2) {
    warnings.push_back("course " + std::to_string(course) + ": BSA " + two_decimals(bsa) + " m2 is above " +
                       two_decimals(*spec.bsa_warn_above_m2) + " m2: check the height and weight");
  }
  if (spec.bsa_cap_m2 && bsa > *spec.bsa_cap_m2) {
    warnings.push_back("course " + std::to_string(course) + ": BSA " + two_decimals(bsa) + " m2 capped at " +
                       two_decimals(*spec.bsa_cap_m2) + " m2 as the protocol says");
    bsa = *spec.bsa_cap_m2;
  }
  plan.bsa_m2 = bsa;
  for (const ScheduledDose& scheduled : regimen.schedules.at(rule->schedule)) {
    PlannedDose dose;
    dose.course = course;
    dose.day = scheduled.day;
    dose.date = day1.plus_days(scheduled.day - 1);
    dose.latest = dose.date.plus_days(scheduled.window_days);
    dose.drug = scheduled.drug;
    dose.dose_mg_m2 = *scheduled.level_for(course);
    dose.dose_mg = round_to(dose.dose_mg_m2 * bsa, spec.dose_rounding_mg);
    dose.priority = scheduled.order;
    plan.doses.push_back(dose);
  }
  rank_by_day(plan.doses);
  return plan;
}

Result<TreatmentPlan> plan_treatment(const TreatmentSpec& spec, const PlanRequest& request) {
  const Regimen* regimen = spec.regimen(request.period);
  if (!regimen) {
    std::string periods;
    for (const Regimen& each : spec.regimens) periods += (periods.empty() ? "" : ", ") + each.period;
    return Error{"$.period", "'" + request.period + "' is not a period of the protocol (" + periods + ")"};
  }
  if (request.courses < 1 || request.courses > spec.max_courses) {
    return Error{"$.courses", "must be 1 to " + std::to_string(spec.max_courses) + ", not " + std::to_string(request.courses)};
  }
  for (const auto& [id, from] : request.add_ons) {
    if (!spec.add_on(id) || !regimen->supports(id)) {
      return Error{"$.add_ons." + id, request.period + " has no add-on '" + id + "'"};
    }
    if (from < 1 || from > request.courses) {
      return Error{"$.add_ons." + id, "must be 1 to " + std::to_string(request.courses) +
                                                   " (the courses planned), not " + std::to_string(from)};
    }
  }
  if (request.body.empty()) return Error{"$.height", "a height and weight are needed"};
  for (const BodyMeasurement& measurement : request.body) {
    Status plausible = check_body(measurement.height_cm, measurement.weight_kg, "$.height", "$.weight");
    if (!plausible.ok()) return plausible.error();
  }
  TreatmentPlan plan;
  plan.period = request.period;
  for (int course = 1; course <= request.courses; ++course) {
    Date day1 = request.start.plus_days(static_cast<long>(course - 1) * regimen->course_interval_days);
    auto laid_out = plan_course(spec, *regimen, course, day1, request.body, request.add_ons, plan.warnings);
    if (!laid_out.ok()) return Error{"$.start", laid_out.error().message};
    plan.courses.push_back(std::move(*laid_out));
  }
  return plan;
}

}  // namespace trialcore::treatment
