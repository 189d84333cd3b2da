// A patient's calendar: the courses begun, laid out from their actual day 1, each planned
// dose with its status on a date, and the next course for the latest height and weight.
#include "trial/calendar.h"

#include "treatment/dose_check.h"
#include "trial/patient_view.h"

namespace trialcore::trial {

namespace {

std::string dose_status(const treatment::PlannedDose& planned, const DoseEntry* given, bool late, Date date) {
  if (given) return late ? "late" : "given";
  if (planned.latest < date) return "missed";
  if (!(date < planned.date)) return "due";
  return "upcoming";
}

Json planned_json(const treatment::PlannedDose& planned, const std::string& status, const DoseEntry* given) {
  Json entry = {{"course", planned.course}, {"day", planned.day}, {"date", planned.date.to_string()},
                {"latest", planned.latest.to_string()}, {"drug", planned.drug}, {"dose_mg_m2", planned.dose_mg_m2},
                {"dose_mg", planned.dose_mg}, {"order", planned.order}, {"status", status}};
  if (given) entry["given"] = dose_entry_json(*given);
  return entry;
}

Json course_json(const treatment::CoursePlan& course) {
  return {{"course", course.number}, {"day1", course.day1.to_string()}, {"schedule", course.schedule},
          {"bsa_m2", course.bsa_m2}, {"measured_on", course.body.date.to_string()},
          {"height_cm", course.body.height_cm}, {"weight_kg", course.body.weight_kg}, {"doses", Json::array()}};
}

}  // namespace

Result<Json> calendar_of(const Protocol& protocol, const PatientState& patient, Date date) {
  const std::string& id = patient.id;
  Json calendar = {{"patient", id}, {"as_of", date.to_string()}, {"period", patient.period},
                   {"courses", Json::array()}, {"deviations", Json::array()}, {"delays", Json::array()},
                   {"add_ons", Json::array()}};
  for (const auto& [add_on, started] : patient.add_ons) {
    Json entry = add_on_entry_json(started);
    entry["add_on"] = add_on;
    calendar["add_ons"].push_back(std::move(entry));
  }
  if (patient.status != PatientStatus::kEnrolled && patient.status != PatientStatus::kOffStudy) {
    calendar["note"] = id + " is not enrolled: there is no calendar yet";
    return calendar;
  }
  auto request = plan_request_of(protocol, patient);
  if (!request.ok()) return request.error();
  if (request->body.empty()) {
    calendar["note"] = "no height and weight recorded: doses cannot be computed";
    return calendar;
  }
  std::vector<treatment::Administration> given = administrations_of(patient);
  auto check = treatment::check_doses(protocol.treatment, *request, given, date);
  if (!check.ok()) return check.error();
  for (const treatment::CoursePlan& course : check->plan.courses) {
    Json entry = course_json(course);
    for (const treatment::PlannedDose& planned : course.doses) {
      const DoseEntry* match = nullptr;
      for (const DoseEntry& dose : patient.doses) {
        if (dose.course == planned.course && dose.day == planned.day && dose.drug == planned.drug) match = &dose;
      }
      bool late = false;
      if (match) {
        for (const DeviationNote& deviation : match->deviations) late = late || deviation.kind == treatment::kOutOfWindow;
      }
      entry["doses"].push_back(planned_json(planned, dose_status(planned, match, late, date), match));
    }
    calendar["courses"].push_back(entry);
  }
  for (const treatment::Deviation& deviation : check->deviations) {
    calendar["deviations"].push_back(Json::parse(treatment::deviation_json(deviation).dump()));
  }
  for (const treatment::Delay& delay : check->delays) calendar["delays"].push_back({{"course", delay.course}, {"message", delay.message}});
  // The next course, with the doses for the latest height and weight.
  const treatment::Regimen* regimen = protocol.treatment.regimen(request->period);
  int next = check->plan.courses.empty() ? 1 : check->plan.courses.back().number + 1;
  if (regimen && next <= protocol.treatment.max_courses && patient.status == PatientStatus::kEnrolled) {
    Date day1 = check->plan.courses.empty() ? request->start
                                            : check->plan.courses.back().day1.plus_days(regimen->course_interval_days);
    std::vector<std::string> warnings;
    auto planned = treatment::plan_course(protocol.treatment, *regimen, next, day1, request->body, request->add_ons, warnings);
    if (planned.ok()) {
      Json entry = course_json(*planned);
      entry["next"] = true;
      for (const treatment::PlannedDose& dose : planned->doses) {
        // A course not begun is never missed: once its day has come its doses are due.
        entry["doses"].push_back(planned_json(dose, date < dose.date ? "upcoming" : "due", nullptr));
      }
      calendar["courses"].push_back(entry);
      for (const std::string& warning : warnings) calendar["warnings"].push_back(warning);
    }
  }
  return calendar;
}

}  // namespace trialcore::trial
