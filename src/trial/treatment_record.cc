// Doses: a pharmacist's verification, what was given (with its deviations), explanations,
// and add-ons started by the investigator.
#include <algorithm>
#include <cmath>

#include "trial/event_kinds.h"
#include "trial/patient_view.h"
#include "trial/service_support.h"

namespace trialcore::trial {

namespace {

Status enrolled_and_active(const PatientState& patient) {
  Status active = still_in_trial(patient);
  if (!active.ok()) return active;
  if (patient.status != PatientStatus::kEnrolled) return refused(patient.id + " is not enrolled");
  return Status::Ok();
}

// The signal that proposes `add_on` for the patient's period, when it has not been raised.
std::optional<std::string> signal_not_raised(const Protocol& protocol, const PatientState& patient,
                                             const std::string& add_on) {
  const treatment::AddOn* spec = protocol.treatment.add_on(add_on);
  if (!spec || spec->signal.empty()) return std::nullopt;
  for (const response::Signal& signal : protocol.response.signals) {
    if (signal.id != spec->signal) continue;
    if (std::find(signal.periods.begin(), signal.periods.end(), patient.period) == signal.periods.end()) return std::nullopt;
    for (const response::Signal* raised : derive(protocol, patient).signals) {
      if (raised->id == signal.id) return std::nullopt;
    }
    return signal.id;
  }
  return std::nullopt;
}

}  // namespace

Result<DoseVerification> TrialService::verify_dose(const Actor& actor, const std::string& id, int course, int day,
                                                   const std::string& drug, double dose_mg) {
  return in_transaction<DoseVerification>(store_, [&](store::Transaction& transaction) -> Result<DoseVerification> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    Status enrolled = enrolled_and_active(*patient);
    if (!enrolled.ok()) return enrolled.error();
    if (!protocol_.treatment.drug(drug)) return Error{"$.drug", "'" + drug + "' is not a drug of the protocol"};
    if (!(dose_mg > 0)) return Error{"$.dose_mg", "must be greater than 0"};
    auto request = plan_request_of(protocol_, *patient);
    if (!request.ok()) return request.error();
    const treatment::Regimen* regimen = protocol_.treatment.regimen(request->period);
    if (!regimen) return refused("no regimen for " + request->period);
    if (request->body.empty()) return refused("no height and weight are recorded for " + id);
    // The course is laid out from its day 1 as given, or as the plan would have it.
    auto check = treatment::check_doses(protocol_.treatment, *request, administrations_of(*patient), std::nullopt);
    Date day1 = request->start.plus_days(static_cast<long>(course - 1) * regimen->course_interval_days);
    if (check.ok()) {
      for (const treatment::CoursePlan& laid_out : check->plan.courses) {
        if (laid_out.number == course) day1 = laid_out.day1;
        if (laid_out.number == course - 1) day1 = laid_out.day1.plus_days(regimen->course_interval_days);
      }
    }
    std::vector<std::string> warnings;
    auto planned = treatment::plan_course(protocol_.treatment, *regimen, course, day1, request->body, request->add_ons, warnings);
    if (!planned.ok()) return refused(planned.error().message);
    const treatment::PlannedDose* match = nullptr;
    for (const treatment::PlannedDose& dose : planned->doses) {
      if (dose.day == day && dose.drug == drug) match = &dose;
    }
    if (!match) {
      return refused("course " + std::to_string(course) + " day " + std::to_string(day) + " has no " + drug + " in the plan");
    }
    double off = (dose_mg - match->dose_mg) / match->dose_mg * 100.0;
    if (!treatment::within_dose_tolerance(off, protocol_.treatment.dose_tolerance_percent)) {
      char text[160];
      std::snprintf(text, sizeof text, "%.2f mg is %.1f%% %s the planned %.2f mg (tolerance %.1f%%)", dose_mg,
                    std::fabs(off), off > 0 ? "over" : "under", match->dose_mg, protocol_.treatment.dose_tolerance_percent);
      return refused("the dose is not verified", {text});
    }
    auto appended = transaction.append(make_event(kDoseVerified, id, actor, std::nullopt, "",
                                                  {{"course", course}, {"day", day}, {"drug", drug}, {"dose_mg", dose_mg},
                                                   {"planned_mg", match->dose_mg}, {"bsa_m2", planned->bsa_m2},
                                                   {"measured_on", planned->body.date.to_string()}}));
    if (!appended.ok()) return appended.error();
    return DoseVerification{*appended, match->dose_mg, off};
  });
}

Result<DoseRecorded> TrialService::record_dose(const Actor& actor, const std::string& id, const DoseInput& dose) {
  return in_transaction<DoseRecorded>(store_, [&](store::Transaction& transaction) -> Result<DoseRecorded> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    Status enrolled = enrolled_and_active(*patient);
    if (!enrolled.ok()) return enrolled.error();
    auto checked = check_dose(protocol_, *patient, dose, std::nullopt);
    if (!checked.ok()) return checked.error();
    // A dose given is a fact: it is recorded even when it departs from the plan; its
    // deviations stay open until explained.
    auto appended = transaction.append(make_event(kDoseGiven, id, actor, dose.date, "", checked->payload));
    if (!appended.ok()) return appended.error();
    if (!checked->deviations.empty() && !dose.explanation.empty()) {
      auto explained = transaction.append(make_event(kDeviationExplained, id, actor, dose.date, "",
                                                     {{"dose_sequence", appended->sequence}, {"explanation", dose.explanation}}));
      if (!explained.ok()) return explained.error();
    }
    return DoseRecorded{*appended, checked->deviations, checked->entry.planned_mg};
  });
}

Result<Recorded> TrialService::explain_deviation(const Actor& actor, const std::string& id, int64_t dose_sequence,
                                                 const std::string& explanation) {
  if (explanation.empty()) return Error{"$.explanation", "an explanation is required"};
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    bool found = false;
    for (const DoseEntry& dose : patient->doses) {
      if (dose.stamp.sequence == dose_sequence) found = !dose.deviations.empty();
    }
    if (!found) {
      return Error{"$.dose_sequence", "event " + std::to_string(dose_sequence) + " is not a dose of " + id + " with deviations",
                   ErrorKind::kNotFound};
    }
    return append_one(transaction, make_event(kDeviationExplained, id, actor, std::nullopt, "",
                                              {{"dose_sequence", dose_sequence}, {"explanation", explanation}}));
  });
}

Result<Recorded> TrialService::start_add_on(const Actor& actor, const std::string& id, const std::string& add_on,
                                            int from_course, const std::string& reason) {
  if (!protocol_.treatment.add_on(add_on)) return Error{"$.add_on", "'" + add_on + "' is not an add-on of the protocol"};
  if (from_course < 1 || from_course > protocol_.treatment.max_courses) {
    return Error{"$.from_course", "must be 1 to " + std::to_string(protocol_.treatment.max_courses)};
  }
  if (reason.empty()) return Error{"$.reason", "say why the add-on starts"};
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    Status enrolled = enrolled_and_active(*patient);
    if (!enrolled.ok()) return enrolled.error();
    const treatment::Regimen* regimen = protocol_.treatment.regimen(patient->period);
    if (!regimen || !regimen->supports(add_on)) return refused(patient->period + " has no add-on " + add_on);
    if (patient->add_ons.count(add_on)) return refused(add_on + " has already started for " + id);
    int given = courses_given(*patient);
    if (from_course <= given) {
      return refused("course " + std::to_string(from_course) + " is already given; start from course " +
                     std::to_string(given + 1) + " or later");
    }
    Json payload = {{"add_on", add_on}, {"from_course", from_course}};
    // Started before the signal that proposes it: the investigator may, and it stays
    // visible as an override of the protocol's rule, with the reason given.
    if (auto signal = signal_not_raised(protocol_, *patient, add_on)) payload["override"] = {{"signal", *signal}};
    return append_one(transaction, make_event(kAddOnStarted, id, actor, std::nullopt, reason, payload));
  });
}

}  // namespace trialcore::trial
