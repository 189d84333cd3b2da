#include "trial/patient_view.h"

#include <algorithm>
#include <set>

namespace trialcore::trial {

Result<patient::PatientRecord> record_of(const Protocol& protocol, const PatientState& state) {
  Json record = state.record;
  record["id"] = state.id;
  Json observations = record.value("observations", Json::array());
  if (!observations.is_array()) observations = Json::array();
  for (const ObservationEntry& observation : state.observations) observations.push_back(observation.entry);
  record["observations"] = observations;
  Json waivers = record.value("waivers", Json::array());
  if (!waivers.is_array()) waivers = Json::array();
  for (const WaiverEntry& waiver : state.waivers) {
    waivers.push_back({{"criterion", waiver.criterion}, {"by", waiver.by}, {"date", waiver.date.to_string()},
                       {"reason", waiver.reason}});
  }
  record["waivers"] = waivers;
  auto parsed = patient::read_patient_record(record, protocol.record_format, "$");
  if (!parsed.ok()) return parsed.error();
  return parsed->record;
}

std::vector<treatment::BodyMeasurement> body_of(const PatientState& state) {
  std::vector<treatment::BodyMeasurement> body;
  for (const BodyEntry& measured : state.body) {
    body.push_back({measured.date, measured.height_cm, measured.weight_kg, measured.sequence});
  }
  return body;
}

treatment::Administration administration_of(const DoseEntry& dose) {
  treatment::Administration administration;
  administration.course = dose.course;
  administration.day = dose.day;
  administration.drug = dose.drug;
  administration.date = dose.date;
  administration.start_minute = dose.start_minute;
  administration.dose_mg = dose.dose_mg;
  administration.infusion_minutes = dose.infusion_minutes;
  administration.path = "dose event " + std::to_string(dose.stamp.sequence);
  administration.recorded = dose.stamp.sequence;
  return administration;
}

std::vector<treatment::Administration> administrations_of(const PatientState& state) {
  std::vector<treatment::Administration> given;
  for (const DoseEntry& dose : state.doses) given.push_back(administration_of(dose));
  return given;
}

Result<treatment::PlanRequest> plan_request_of(const Protocol& protocol, const PatientState& state) {
  treatment::PlanRequest request;
  request.period = state.period;
  if (request.period.empty()) return Error{"", state.id + " is not enrolled in a period", ErrorKind::kRefused};
  request.start = state.enrolled_on.value_or(Date());
  for (const DoseEntry& dose : state.doses) {
    if (dose.course == 1 && dose.day == 1) {
      request.start = dose.date;
      break;
    }
  }
  request.courses = std::max(1, protocol.treatment.max_courses);
  request.body = body_of(state);
  for (const auto& [add_on, started] : state.add_ons) request.add_ons[add_on] = started.from_course;
  return request;
}

std::vector<response::CourseAssessment> assessments_of(const Protocol& protocol, const PatientState& state) {
  std::map<int, std::string> adjudicated;  // the latest adjudication of each course
  for (const AdjudicationEntry& adjudication : state.adjudications) adjudicated[adjudication.course] = adjudication.category;
  std::vector<response::CourseAssessment> assessments;
  for (const AssessmentEntry& assessment : state.assessments) {
    response::CourseAssessment entry;
    entry.course = assessment.course;
    entry.date = assessment.date;
    entry.response.category = assessment.category.empty() ? protocol.response.not_evaluable : assessment.category;
    entry.response.reason = assessment.reason;
    auto decided = adjudicated.find(entry.course);
    if (decided != adjudicated.end()) {
      entry.response.category = decided->second;
      entry.response.reason = "adjudicated by the investigator";
    }
    const response::Category* category = protocol.response.find(entry.response.category);
    entry.response.responder = category && category->responder;
    entry.response.label = category ? category->label : protocol.response.not_evaluable_label;
    assessments.push_back(std::move(entry));
  }
  return assessments;
}

int courses_given(const PatientState& state) {
  std::set<int> courses;
  for (const DoseEntry& dose : state.doses) courses.insert(dose.course);
  courses.erase(0);
  return static_cast<int>(courses.size());
}

const VerificationEntry* verification_of(const PatientState& state, const DoseEntry& dose) {
  const VerificationEntry* found = nullptr;
  for (const VerificationEntry& verification : state.verifications) {
    if (verification.course != dose.course || verification.day != dose.day || verification.drug != dose.drug) continue;
    if (verification.stamp.sequence < dose.stamp.sequence) found = &verification;
  }
  return found;
}

namespace {

// A pharmacist's check of the dose recorded after it was given: it does not make the dose
// verified (it was given without one), but the dose no longer waits for anyone's attention.
const VerificationEntry* late_verification_of(const PatientState& state, const DoseEntry& dose) {
  for (const VerificationEntry& verification : state.verifications) {
    if (verification.course != dose.course || verification.day != dose.day || verification.drug != dose.drug) continue;
    if (verification.stamp.sequence > dose.stamp.sequence) return &verification;
  }
  return nullptr;
}

}  // namespace

void mark_verification(const Protocol& protocol, const PatientState& state, const DoseEntry& dose, Json& entry) {
  const VerificationEntry* verification = verification_of(state, dose);
  entry["verified_by"] = verification ? Json(verification->stamp.actor) : Json();
  entry["unverified"] = protocol.edit_checks.dose_verification_required && !verification;
  const VerificationEntry* late = verification ? nullptr : late_verification_of(state, dose);
  entry["verified_after"] = late ? Json(late->stamp.actor) : Json();
}

Derived derive(const Protocol& protocol, const PatientState& state) {
  Derived derived;
  if (protocol.edit_checks.dose_verification_required) {
    for (const DoseEntry& dose : state.doses) {
      if (!verification_of(state, dose) && !late_verification_of(state, dose)) derived.unverified_doses.push_back(&dose);
    }
  }
  derived.courses_given = courses_given(state);
  std::vector<response::CourseAssessment> assessments = assessments_of(protocol, state);
  derived.best = response::best_response(protocol.response, assessments);
  for (const response::Signal* signal :
       response::raised_signals(protocol.response, state.period, derived.courses_given, assessments)) {
    // A signal is answered once the add-on it proposes has been started.
    bool answered = false;
    for (const treatment::AddOn& add_on : protocol.treatment.add_ons) {
      answered = answered || (add_on.signal == signal->id && state.add_ons.count(add_on.id));
    }
    if (!answered && state.status == PatientStatus::kEnrolled) derived.signals.push_back(signal);
  }
  std::set<int64_t> explained;
  for (const ExplanationEntry& explanation : state.explanations) explained.insert(explanation.dose_sequence);
  for (const DoseEntry& dose : state.doses) {
    if (!dose.deviations.empty() && !explained.count(dose.stamp.sequence)) derived.open_deviations.push_back(dose.stamp.sequence);
  }
  return derived;
}

Result<PatientSummary> summary_of(const Protocol& protocol, const PatientState& state) {
  PatientSummary summary;
  auto record = record_of(protocol, state);
  if (!record.ok()) return record.error();
  summary.record = std::move(*record);
  summary.period = state.period;
  summary.enrolled_on = state.enrolled_on;
  Derived derived = derive(protocol, state);
  summary.courses_given = derived.courses_given;
  if (!state.assessments.empty()) summary.best_response = derived.best.category;
  summary.responder = derived.best.responder;
  summary.off_study = state.status == PatientStatus::kOffStudy;
  return summary;
}

}  // namespace trialcore::trial
