#include "trial/trial_projector.h"

#include <map>

#include "trial/event_kinds.h"

namespace trialcore::trial {

namespace {

using store::Event;

std::string date_of(const Event& event) { return event.clinical_date ? event.clinical_date->to_string() : ""; }

// A corrected event's payload carries the corrected date; the event's own date otherwise.
std::string date_in(const Event& event, const Json& payload) {
  return payload.contains("date") && payload["date"].is_string() ? payload["date"].get<std::string>() : date_of(event);
}

Json empty_patient(const std::string& id) {
  return {{"id", id},          {"status", "registered"}, {"record", Json::object()}, {"observations", Json::array()},
          {"body", Json::array()}, {"waivers", Json::array()}, {"screenings", Json::array()}, {"doses", Json::array()},
          {"verifications", Json::array()}, {"assessments", Json::array()}, {"adjudications", Json::array()},
          {"add_ons", Json::object()}, {"explanations", Json::array()}, {"corrections", Json::array()}};
}

// Applies one event's content (`payload`, the corrected one where corrected) to the state.
void fold(Json& patient, const Event& event, const Json& payload) {
  const std::string& kind = event.kind;
  Json stamp = {{"sequence", event.sequence}, {"actor", event.actor}, {"recorded_at", event.recorded_at}};
  if (kind == kPatientRegistered || kind == kRecordAmended) {
    patient["record"] = payload.value("record", Json::object());
  } else if (kind == kObservationRecorded) {
    Json observation = payload.value("observation", Json::object());
    observation["sequence"] = event.sequence;
    patient["observations"].push_back(observation);
  } else if (kind == kBodyMeasured) {
    patient["body"].push_back({{"sequence", event.sequence}, {"date", date_in(event, payload)},
                               {"height_cm", payload.value("height_cm", 0.0)}, {"weight_kg", payload.value("weight_kg", 0.0)}});
  } else if (kind == kWaiverGranted) {
    patient["waivers"].push_back({{"sequence", event.sequence}, {"criterion", payload.value("criterion", "")},
                                  {"by", event.actor}, {"date", date_of(event)}, {"reason", event.reason}});
  } else if (kind == kPatientScreened) {
    patient["screenings"].push_back({{"sequence", event.sequence}, {"date", date_of(event)},
                                     {"eligible", payload.value("screening", Json::object()).value("eligible", "")},
                                     {"protocol_version", payload.value("protocol_version", "")}});
    if (patient["status"] == "registered") patient["status"] = "screened";
  } else if (kind == kConsentSigned) {
    patient["consent_date"] = date_of(event);
    if (patient["status"] == "registered" || patient["status"] == "screened") patient["status"] = "consented";
  } else if (kind == kPatientEnrolled) {
    patient["status"] = "enrolled";
    patient["period"] = payload.value("period", "");
    patient["enrolled_on"] = date_of(event);
  } else if (kind == kDoseVerified) {
    Json verification = payload;
    verification.update(stamp);
    patient["verifications"].push_back(verification);
  } else if (kind == kDoseGiven) {
    Json dose = payload;
    dose.update(stamp);
    dose["date"] = date_in(event, payload);
    patient["doses"].push_back(dose);
  } else if (kind == kDeviationExplained) {
    patient["explanations"].push_back({{"sequence", event.sequence}, {"dose_sequence", payload.value("dose_sequence", 0)},
                                       {"explanation", payload.value("explanation", "")}, {"actor", event.actor}});
  } else if (kind == kMarrowAssessed) {
    Json assessment = payload;
    assessment.update(stamp);
    assessment["date"] = date_in(event, payload);
    patient["assessments"].push_back(assessment);
  } else if (kind == kResponseAdjudicated) {
    patient["adjudications"].push_back({{"sequence", event.sequence}, {"course", payload.value("course", 0)},
                                        {"category", payload.value("category", "")}, {"reason", event.reason},
                                        {"actor", event.actor}, {"date", date_of(event)}});
  } else if (kind == kAddOnStarted) {
    patient["add_ons"][payload.value("add_on", "")] = {{"from_course", payload.value("from_course", 0)},
                                                       {"reason", event.reason}, {"actor", event.actor}};
  } else if (kind == kVitalStatus) {
    patient["vital_status"] = {{"date", date_of(event)}, {"alive", payload.value("alive", true)}};
  } else if (kind == kOffStudy) {
    patient["status"] = "off-study";
    patient["off_study"] = {{"date", date_of(event)}, {"reason", event.reason}};
  }
}

Status put_user(const Event& event, store::Transaction& transaction) {
  std::string username = event.payload.value("username", "");
  auto current = transaction.row("users", username);
  if (!current.ok()) return current.error();
  Json user = current->value_or(Json{{"username", username}});
  if (event.kind == kUserCreated) {
    user["role"] = event.payload.value("role", "");
    user["created_at"] = event.recorded_at;
    user["created_by"] = event.actor;
  }
  // The password hash (Argon2id) is part of the record so that a rebuild restores logins.
  user["password_hash"] = event.payload.value("password_hash", "");
  user["must_change_password"] = event.payload.value("must_change_password", false);
  return transaction.put_row("users", username, user);
}

Status put_period(const Event& event, store::Transaction& transaction) {
  auto current = transaction.row("trial", "periods");
  if (!current.ok()) return current.error();
  Json periods = current->value_or(Json::object());
  std::string period = event.payload.value("period", "");
  periods[period][event.kind == kPeriodOpened ? "opened" : "closed"] = date_of(event);
  periods[period][event.kind == kPeriodOpened ? "opened_by" : "closed_by"] = event.actor;
  return transaction.put_row("trial", "periods", periods);
}

}  // namespace

Json fold_patient(const std::vector<Event>& events) {
  if (events.empty()) return Json();
  std::map<int64_t, Json> corrected;  // sequence -> the latest corrected content
  for (const Event& event : events) {
    if (event.kind == kCorrection && event.corrects) corrected[*event.corrects] = event.payload.value("replacement", Json::object());
  }
  Json patient = empty_patient(events.front().subject);
  patient["corrections"] = Json::array();
  for (const Event& event : events) {
    if (event.kind == kCorrection) continue;
    auto replacement = corrected.find(event.sequence);
    fold(patient, event, replacement == corrected.end() ? event.payload : replacement->second);
  }
  Json corrections = Json::array();
  for (const Event& event : events) {
    if (event.kind == kCorrection) {
      corrections.push_back({{"sequence", event.sequence}, {"corrects", event.corrects.value_or(0)},
                             {"reason", event.reason}, {"actor", event.actor}});
    }
  }
  patient["corrections"] = corrections;
  return patient;
}

Status TrialProjector::apply(const Event& event, store::Transaction& transaction) {
  if (event.kind == kPeriodOpened || event.kind == kPeriodClosed) return put_period(event, transaction);
  if (event.kind == kUserCreated || event.kind == kPasswordChanged) return put_user(event, transaction);
  if (event.subject.empty() || event.subject.rfind(kUserSubjectPrefix, 0) == 0) return Status::Ok();
  if (event.kind == kCorrection) {
    // A correction changes the past: fold the patient's events again with it applied.
    auto events = transaction.events_of(event.subject);
    if (!events.ok()) return events.error();
    return transaction.put_row("patients", event.subject, fold_patient(*events));
  }
  auto current = transaction.row("patients", event.subject);
  if (!current.ok()) return current.error();
  Json patient = current->has_value() ? std::move(**current) : empty_patient(event.subject);
  fold(patient, event, event.payload);
  return transaction.put_row("patients", event.subject, patient);
}

}  // namespace trialcore::trial
