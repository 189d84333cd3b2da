#include "trial/trial_projector.h"

#include <map>
#include <set>

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

// Applies one event's content (`payload`, the corrected one where corrected) to the state.
Status fold(PatientState& patient, const Event& event, const Json& content) {
  const std::string& kind = event.kind;
  RowReader payload(content, "event " + std::to_string(event.sequence));
  if (kind == kPatientRegistered || kind == kRecordAmended) {
    patient.record = payload.object("record");
  } else if (kind == kObservationRecorded) {
    payload.nested("observation", [&](RowReader& observation) {
      patient.observations.push_back(
          {event.sequence, observation.text("code"), observation.optional_date("date"), observation.json()});
    });
  } else if (kind == kBodyMeasured) {
    patient.body.push_back({event.sequence, date_in(event, payload).value_or(Date()), payload.number("height_cm"),
                            payload.number("weight_kg")});
  } else if (kind == kWaiverGranted) {
    patient.waivers.push_back(
        {event.sequence, payload.text("criterion"), event.actor, event.clinical_date.value_or(Date()), event.reason});
  } else if (kind == kPatientScreened) {
    std::string eligible;
    payload.nested("screening", [&](RowReader& screening) { eligible = screening.text("eligible"); });
    patient.screenings.push_back(
        {event.sequence, event.clinical_date.value_or(Date()), eligible, payload.text("protocol_version")});
    if (patient.status == PatientStatus::kRegistered) patient.status = PatientStatus::kScreened;
  } else if (kind == kConsentSigned) {
    patient.consent_date = event.clinical_date;
    if (patient.status == PatientStatus::kRegistered || patient.status == PatientStatus::kScreened) {
      patient.status = PatientStatus::kConsented;
    }
  } else if (kind == kPatientEnrolled) {
    patient.status = PatientStatus::kEnrolled;
    patient.period = payload.text("period");
    patient.enrolled_on = event.clinical_date;
  } else if (kind == kDoseVerified) {
    VerificationEntry verification = verification_members(payload);
    verification.stamp = stamp_of(event);
    patient.verifications.push_back(std::move(verification));
  } else if (kind == kDoseGiven) {
    patient.doses.push_back(dose_of(event, payload));
  } else if (kind == kDeviationExplained) {
    patient.explanations.push_back(
        {event.sequence, payload.integer("dose_sequence"), payload.text("explanation"), event.actor});
  } else if (kind == kMarrowAssessed) {
    patient.assessments.push_back(assessment_of(event, payload));
  } else if (kind == kResponseAdjudicated) {
    patient.adjudications.push_back({event.sequence, static_cast<int>(payload.integer("course")),
                                     payload.text("category"), event.reason, event.actor, event.clinical_date});
  } else if (kind == kAddOnStarted) {
    std::optional<std::string> override_of;
    payload.nested("override", [&](RowReader& override) { override_of = override.text("signal"); });
    patient.add_ons[payload.text("add_on")] = {static_cast<int>(payload.integer("from_course")), event.reason, event.actor,
                                               override_of};
  } else if (kind == kVitalStatus) {
    patient.vital_status = VitalStatusEntry{event.clinical_date.value_or(Date()), payload.boolean("alive", true)};
  } else if (kind == kAdverseEventRecorded) {
    fold_adverse_event(patient, event, payload);
  } else if (kind == kAdverseEventUpdated) {
    fold_adverse_event_update(patient, event, payload);
  } else if (kind == kSaeReported) {
    fold_sae_report(patient, event, payload);
  } else if (kind == kTransplantRecorded) {
    fold_transplant(patient, event, payload);
  } else if (kind == kWentOffStudy) {
    patient.status = PatientStatus::kOffStudy;
    patient.off_study = OffStudyEntry{event.clinical_date.value_or(Date()), event.reason};
  }
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
    if (event.kind == kCorrection) {
      patient.corrections.push_back({event.sequence, event.corrects.value_or(0), event.reason, event.actor});
      continue;
    }
    if (event.kind == kVoid) {
      patient.voids.push_back(
          {event.sequence, event.corrects.value_or(0), event.payload.value("voided_kind", ""), event.reason, event.actor});
      continue;
    }
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
  static const std::set<std::string> kPatientKinds = {
      kPatientRegistered, kRecordAmended, kObservationRecorded, kBodyMeasured,   kWaiverGranted,
      kPatientScreened,   kConsentSigned, kPatientEnrolled,     kDoseVerified,   kDoseGiven,
      kDeviationExplained, kMarrowAssessed, kResponseAdjudicated, kAddOnStarted, kWentOffStudy,
      kCorrection,        kVitalStatus,   kAdverseEventRecorded, kAdverseEventUpdated, kSaeReported,
      kTransplantRecorded, kVoid};
  return !event.subject.empty() && kPatientKinds.count(event.kind) > 0;
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
    return transaction.change_form("patients", event.subject, decode_patient_form,
                                   [&](std::shared_ptr<store::RowForm>& form) -> Status {
                                     form = std::make_shared<PatientForm>(std::move(*folded));
                                     return Status::Ok();
                                   });
  }
  // The event folds into the state the writer holds (or reads once); a failed fold leaves
  // the row as it was (change_form).
  return transaction.change_form("patients", event.subject, decode_patient_form,
                                 [&](std::shared_ptr<store::RowForm>& form) -> Status {
                                   if (!form) form = std::make_shared<PatientForm>();
                                   auto* patient = dynamic_cast<PatientForm*>(form.get());
                                   if (!patient) return Error{"", "patient " + event.subject + "'s row is held in another form", ErrorKind::kFailure};
                                   return apply_to_patient(patient->state, event);
                                 });
}

}  // namespace trialcore::trial
