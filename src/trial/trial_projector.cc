#include "trial/trial_projector.h"

#include <map>
#include <set>
#include <string_view>

#include "trial/adverse_event_state.h"
#include "trial/event_kinds.h"
#include "trial/patient_form.h"
#include "trial/row_reader.h"

namespace trialcore::trial {

namespace {

using store::Event;

// A corrected event's payload carries the corrected date; the event's own date otherwise.
std::optional<Date> date_in(const Event& event, RowReader& payload) {
  auto date = payload.optional_date("date");
  return date ? date : event.clinical_date;
}

Stamp stamp_of(const Event& event) { return {event.sequence, event.actor, event.recorded_at}; }

DoseEntry dose_of(const Event& event, RowReader& payload) {
  DoseEntry dose = dose_members(payload);
  dose.stamp = stamp_of(event);
  dose.date = date_in(event, payload).value_or(Date());
  return dose;
}

AssessmentEntry assessment_of(const Event& event, RowReader& payload) {
  AssessmentEntry assessment = assessment_members(payload);
  assessment.stamp = stamp_of(event);
  assessment.date = date_in(event, payload).value_or(Date());
  return assessment;
}

void fold_record(PatientState& patient, const Event&, RowReader& payload) {
  patient.record = payload.object("record");
}

void fold_observation(PatientState& patient, const Event& event, RowReader& payload) {
  payload.nested("observation", [&](RowReader& observation) {
    patient.observations.push_back(
        {event.sequence, observation.text("code"), observation.optional_date("date"), observation.json()});
  });
}

void fold_body(PatientState& patient, const Event& event, RowReader& payload) {
  patient.body.push_back({event.sequence, date_in(event, payload).value_or(Date()), payload.number("height_cm"),
                          payload.number("weight_kg")});
}

void fold_waiver(PatientState& patient, const Event& event, RowReader& payload) {
  patient.waivers.push_back(
      {event.sequence, payload.text("criterion"), event.actor, event.clinical_date.value_or(Date()), event.reason});
}

void fold_screening(PatientState& patient, const Event& event, RowReader& payload) {
  std::string eligible;
  payload.nested("screening", [&](RowReader& screening) { eligible = screening.text("eligible"); });
  patient.screenings.push_back(
      {event.sequence, event.clinical_date.value_or(Date()), eligible, payload.text("protocol_version")});
  if (patient.status == PatientStatus::kRegistered) patient.status = PatientStatus::kScreened;
}

void fold_consent(PatientState& patient, const Event& event, RowReader&) {
  patient.consent_date = event.clinical_date;
  if (patient.status == PatientStatus::kRegistered || patient.status == PatientStatus::kScreened) {
    patient.status = PatientStatus::kConsented;
  }

}

void fold_enrollment(PatientState& patient, const Event& event, RowReader& payload) {
  patient.status = PatientStatus::kEnrolled;
  patient.period = payload.text("period");
  patient.enrolled_on = event.clinical_date;
}

void fold_verification(PatientState& patient, const Event& event, RowReader& payload) {
  VerificationEntry verification = verification_members(payload);
  verification.stamp = stamp_of(event);
  patient.verifications.push_back(std::move(verification));
}

void fold_dose(PatientState& patient, const Event& event, RowReader& payload) {
  patient.doses.push_back(dose_of(event, payload));
}

void fold_explanation(PatientState& patient, const Event& event, RowReader& payload) {
  patient.explanations.push_back(
      {event.sequence, payload.integer("dose_sequence"), payload.text("explanation"), event.actor});
}

void fold_assessment(PatientState& patient, const Event& event, RowReader& payload) {
  patient.assessments.push_back(assessment_of(event, payload));
}

void fold_adjudication(PatientState& patient, const Event& event, RowReader& payload) {
  patient.adjudications.push_back({event.sequence, static_cast<int>(payload.integer("course")),
                                   payload.text("category"), event.reason, event.actor, event.clinical_date});
}

void fold_add_on(PatientState& patient, const Event& event, RowReader& payload) {
  std::optional<std::string> override_of;
  payload.nested("override", [&](RowReader& override) { override_of = override.text("signal"); });
  patient.add_ons[payload.text("add_on")] = {static_cast<int>(payload.integer("from_course")), event.reason,
                                             event.actor, override_of};
}

void fold_vital_status(PatientState& patient, const Event& event, RowReader& payload) {
  patient.vital_status = VitalStatusEntry{event.clinical_date.value_or(Date()), payload.boolean("alive", true)};
}

void fold_off_study(PatientState& patient, const Event& event, RowReader&) {
  patient.status = PatientStatus::kOffStudy;
  patient.off_study = OffStudyEntry{event.clinical_date.value_or(Date()), event.reason};
}

// A correction or a void is listed where it stands; what it changes, fold_patient applies.
void fold_correction(PatientState& patient, const Event& event, RowReader&) {
  patient.corrections.push_back({event.sequence, event.corrects.value_or(0), event.reason, event.actor});
}

void fold_void(PatientState& patient, const Event& event, RowReader& payload) {
  patient.voids.push_back(
      {event.sequence, event.corrects.value_or(0), payload.text("voided_kind"), event.reason, event.actor});
}

// How each kind of patient event folds into the state, given its content (the corrected one
// where corrected). This table is the one list of the patient's kinds: what it lacks does not
// fold (folds_into_patient), so a new kind cannot be folded in one place and skipped in another.
using Fold = void (*)(PatientState&, const Event&, RowReader&);

const std::map<std::string_view, Fold>& patient_folds() {
  static const std::map<std::string_view, Fold> kFolds = {
      {kPatientRegistered, fold_record},
      {kRecordAmended, fold_record},
      {kObservationRecorded, fold_observation},
      {kBodyMeasured, fold_body},
      {kWaiverGranted, fold_waiver},
      {kPatientScreened, fold_screening},
      {kConsentSigned, fold_consent},
      {kPatientEnrolled, fold_enrollment},
      {kDoseVerified, fold_verification},
      {kDoseGiven, fold_dose},
      {kDeviationExplained, fold_explanation},
      {kMarrowAssessed, fold_assessment},
      {kResponseAdjudicated, fold_adjudication},
      {kAddOnStarted, fold_add_on},
      {kVitalStatus, fold_vital_status},
      {kAdverseEventRecorded, fold_adverse_event},
      {kAdverseEventUpdated, fold_adverse_event_update},
      {kSaeReported, fold_sae_report},
      {kTransplantRecorded, fold_transplant},
      {kWentOffStudy, fold_off_study},
      {kCorrection, fold_correction},
      {kVoid, fold_void},
  };
  return kFolds;
}

// Applies one event's content (`content`, the corrected one where corrected) to the state.
Status fold(PatientState& patient, const Event& event, const Json& content) {
  auto found = patient_folds().find(event.kind);
  if (found == patient_folds().end()) return Status::Ok();
  RowReader payload(content, "event " + std::to_string(event.sequence));
  found->second(patient, event, payload);
  return payload.status();
}

Status put_period(const Event& event, store::Transaction& transaction) {
  auto current = transaction.row("trial", "periods");
  if (!current.ok()) return current.error();
  Json periods = current->value_or(Json::object());
  std::string period = event.payload.value("period", "");
  std::string date = event.clinical_date ? event.clinical_date->to_string() : "";
  periods[period][event.kind == kPeriodOpened ? "opened" : "closed"] = date;
  periods[period][event.kind == kPeriodOpened ? "opened_by" : "closed_by"] = event.actor;
  return transaction.put_row("trial", "periods", periods);
}

}  // namespace

Result<PatientState> fold_patient(const std::vector<Event>& events) {
  PatientState patient;
  if (events.empty()) return patient;
  patient.id = events.front().subject;
  std::map<int64_t, Json> corrected;  // sequence -> the latest corrected content
  std::set<int64_t> voided;
  for (const Event& event : events) {
    if (event.kind == kCorrection && event.corrects) corrected[*event.corrects] = event.payload.value("replacement", Json::object());
    if (event.kind == kVoid && event.corrects) voided.insert(*event.corrects);
  }
  for (const Event& event : events) {
    if (voided.count(event.sequence)) continue;  // as if never recorded
    auto replacement = corrected.find(event.sequence);
    Status folded = fold(patient, event, replacement == corrected.end() ? event.payload : replacement->second);
    if (!folded.ok()) return folded.error();
  }
  return patient;
}

Status apply_to_patient(PatientState& patient, const Event& event) {
  if (patient.id.empty()) patient.id = event.subject;
  return fold(patient, event, event.payload);
}

bool folds_into_patient(const Event& event) {
  // The trial's own kinds about a patient; the log holds others' events too (accounts').
  return !event.subject.empty() && patient_folds().count(event.kind) > 0;
}

Status TrialProjector::apply(const Event& event, store::Transaction& transaction) {
  if (event.kind == kPeriodOpened || event.kind == kPeriodClosed) return put_period(event, transaction);
  if (!folds_into_patient(event)) return Status::Ok();
  if (event.kind == kCorrection || event.kind == kVoid) {
    // A correction or a void changes the past: fold the patient's events again with it applied.
    auto events = transaction.events_of(event.subject);
    if (!events.ok()) return events.error();
    auto folded = fold_patient(*events);
    if (!folded.ok()) return folded.error();
    Status replaced = replace_observation_rows(transaction, *folded);
    if (!replaced.ok()) return replaced;
    return transaction.change_form(kPatientsTable, event.subject, patient_decoder(transaction, event.subject),
                                   [&](std::shared_ptr<store::RowForm>& form) -> Status {
                                     form = std::make_shared<PatientForm>(std::move(*folded));
                                     return Status::Ok();
                                   });
  }
  // The event folds into the state the writer holds (or reads once); a failed fold leaves
  // the row as it was (change_form). The observations it adds are rows of their own, and a
  // lab (fold_observation adds only its entry) leaves the patient's row as it is.
  store::Transaction::RowChange row =
      event.kind == kObservationRecorded ? store::Transaction::RowChange::kKeep : store::Transaction::RowChange::kWrite;
  return transaction.change_form(kPatientsTable, event.subject, patient_decoder(transaction, event.subject),
                                 [&](std::shared_ptr<store::RowForm>& form) -> Status {
                                   if (!form) form = std::make_shared<PatientForm>();
                                   auto* patient = dynamic_cast<PatientForm*>(form.get());
                                   if (!patient) return Error{"", "patient " + event.subject + "'s row is held in another form", ErrorKind::kFailure};
                                   size_t observed = patient->state.observations.size();
                                   Status folded = apply_to_patient(patient->state, event);
                                   if (!folded.ok()) return folded;
                                   return put_observation_rows(transaction, patient->state, observed);
                                 },
                                 row);
}

}  // namespace trialcore::trial
