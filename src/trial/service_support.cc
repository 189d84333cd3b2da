#include "trial/service_support.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "patient/patient_id.h"
#include "patient/patient_record.h"
#include "response/assessment.h"
#include "treatment/bsa.h"
#include "trial/patient_form.h"
#include "trial/patient_view.h"

namespace trialcore::trial {

Error refused(const std::string& message, std::vector<std::string> reasons) {
  return Error{"", message, ErrorKind::kRefused, std::move(reasons)};
}

Status not_in_future(const Actor& actor, std::optional<Date> date, const std::string& path) {
  if (!actor.today || !date || !(*actor.today < *date)) return Status::Ok();
  return Error{path, date->to_string() + " is after today (" + actor.today->to_string() +
                         "): a clinical date cannot be in the future"};
}

Status payload_not_in_future(const Actor& actor, const Json& payload, const std::string& path) {
  if (!payload.is_object()) return Status::Ok();
  for (const char* member : {"date", "start", "end", "vod_date"}) {
    auto found = payload.find(member);
    if (found == payload.end() || !found->is_string()) continue;
    auto date = Date::Parse(found->get<std::string>());
    if (!date.ok()) continue;
    Status checked = not_in_future(actor, *date, path + "." + member);
    if (!checked.ok()) return checked;
  }
  return Status::Ok();
}

Status still_in_trial(const PatientState& patient) {
  if (!patient.active()) {
    std::string date = patient.off_study ? patient.off_study->date.to_string() : "";
    return refused(patient.id + " went off study on " + date + ": nothing more is recorded");
  }
  return Status::Ok();
}

Result<PatientState> load_patient(store::Transaction& transaction, const std::string& id) {
  auto patient = patient_in(transaction, id);
  if (!patient.ok()) return patient.error();
  // A state decoded for this caller alone (a reader's) is moved out; the writer's is copied.
  if (patient->use_count() == 1) return std::move(const_cast<PatientState&>(**patient));
  return **patient;
}

Result<std::shared_ptr<const PatientState>> patient_in(store::Transaction& transaction, const std::string& id) {
  if (Status valid = patient::check_patient_id(id, "id"); !valid.ok()) return valid.error();
  auto patient = patient_form_in(transaction, id);
  if (!patient.ok()) return patient.error();
  if (!*patient) return Error{"", "no patient '" + id + "' in the trial's record", ErrorKind::kNotFound};
  return *patient;
}

store::NewEvent make_event(const char* kind, const std::string& subject, const Actor& actor,
                           std::optional<Date> clinical_date, std::string reason, Json payload) {
  store::NewEvent event;
  event.kind = kind;
  event.subject = subject;
  event.actor = actor.user;
  event.recorded_at = actor.now;
  event.clinical_date = clinical_date;
  event.reason = std::move(reason);
  event.payload = std::move(payload);
  return event;
}

std::optional<std::string> period_open_on(const Protocol& protocol, const Json& periods, Date date) {
  std::optional<std::string> open;
  for (const Period& period : protocol.periods) {
    Json recorded = periods.value(period.id, Json::object());
    std::optional<Date> opened = period.opens, closed = period.closes;
    if (recorded.contains("opened")) opened = *Date::Parse(recorded["opened"].get<std::string>());
    if (recorded.contains("closed")) closed = *Date::Parse(recorded["closed"].get<std::string>());
    if (opened && !(date < *opened) && (!closed || date < *closed)) open = period.id;
  }
  return open;
}

Result<std::vector<PatientState>> patient_states_in(store::Transaction& transaction) {
  auto rows = transaction.rows(kPatientsTable);
  if (!rows.ok()) return rows.error();
  auto observations = transaction.rows(kObservationsTable);
  if (!observations.ok()) return observations.error();
  auto unreadable = [](const std::string& what, const Error& error) {
    return Error{"", what + " does not read (" + error.to_string() + "): rebuild the projections from the log",
                 ErrorKind::kFailure};
  };
  std::vector<PatientState> states;
  states.reserve(rows->size());
  std::map<std::string, PatientState*> by_id;
  for (const auto& [id, row] : *rows) {
    auto state = patient_state_from_json(row);
    if (!state.ok()) return unreadable("patient " + id + "'s row", state.error());
    states.push_back(std::move(*state));
  }
  for (PatientState& state : states) by_id[state.id] = &state;
  // Both tables in key order: each patient's observations come in their sequence's order.
  for (auto& [key, document] : *observations) {
    auto patient = by_id.find(patient_of_observation(key));
    if (patient == by_id.end()) {
      return Error{"", "observation " + key + " belongs to no patient's row: rebuild the projections from the log",
                   ErrorKind::kFailure};
    }
    auto observation = observation_from_row(key, document);
    if (!observation.ok()) return unreadable("observation " + key, observation.error());
    patient->second->observations.push_back(std::move(*observation));
  }
  return states;
}

Result<std::vector<PatientSummary>> summaries_in(store::Transaction& transaction, const Protocol& protocol, Date as_of) {
  auto states = patient_states_in(transaction);
  if (!states.ok()) return states.error();
  std::vector<PatientSummary> summaries;
  for (const PatientState& state : *states) {
    auto summary = summary_of(protocol, state_as_of(state, as_of));
    if (!summary.ok()) {
      return Error{"", "patient " + state.id + "'s record no longer reads under this protocol: " + summary.error().to_string(),
                   ErrorKind::kFailure};
    }
    summaries.push_back(std::move(*summary));
  }
  return summaries;
}

Result<Json> record_payload(const Protocol& protocol, const std::string& id, const Json& record) {
  if (!record.is_object()) return Error{"$.record", "a patient record must be a JSON object"};
  if (record.contains("id") && record["id"] != id) {
    return Error{"$.record.id", "is " + record["id"].dump() + ", not the patient's id '" + id + "'"};
  }
  Json copy = record;
  copy["id"] = id;
  auto parsed = patient::read_patient_record(copy, protocol.record_format, "$.record");
  if (!parsed.ok()) return parsed.error();
  return Json{{"record", copy}};
}

Result<Json> observation_payload(const Protocol& protocol, const Json& observation) {
  Json holder = {{"id", "check"}, {"observations", Json::array({observation})}};
  auto parsed = patient::read_patient_record(holder, protocol.record_format, "$");
  if (!parsed.ok()) {
    Error error = parsed.error();
    if (error.path.rfind("$.observations[0]", 0) == 0) error.path = "$" + error.path.substr(17);
    return error;
  }
  if (parsed->record.observations.empty()) {
    return Error{"$.code", "'" + observation.value("code", "") + "' is not an observation of the protocol's catalogue"};
  }
  return Json{{"observation", observation}};
}

Result<Json> body_payload(double height_cm, double weight_kg) {
  Status plausible = treatment::check_body(height_cm, weight_kg, "$.height_cm", "$.weight_kg");
  if (!plausible.ok()) return plausible.error();
  return Json{{"height_cm", height_cm}, {"weight_kg", weight_kg}};
}

Result<Json> marrow_payload(const Protocol& protocol, int course, const Json& assessment, response::Response* result) {
  if (protocol.response.empty()) return Error{"", "the protocol defines no response categories"};
  if (course < 1) return Error{"$.course", "must be a course number, 1 or more"};
  std::vector<std::string> warnings;
  auto read = response::read_assessment(protocol.response, assessment, "$", warnings);
  if (!read.ok()) return read.error();
  response::Response response = response::classify(protocol.response, *read);
  if (result) *result = response;
  return Json{{"course", course},
              {"assessment", assessment},
              {"response", {{"category", response.category}, {"reason", response.reason}, {"missing", response.missing}}}};
}

Result<CheckedDose> check_dose(const Protocol& protocol, const PatientState& patient, const DoseInput& dose,
                               std::optional<int64_t> replacing_sequence) {
  const treatment::TreatmentSpec& spec = protocol.treatment;
  if (spec.empty()) return Error{"", "the protocol has no treatment section"};
  if (!spec.drug(dose.drug)) return Error{"$.drug", "'" + dose.drug + "' is not a drug of the protocol"};
  if (dose.course < 1) return Error{"$.course", "must be 1 or more"};
  if (dose.day < 1) return Error{"$.day", "must be 1 or more"};
  if (!(dose.dose_mg > 0)) return Error{"$.dose_mg", "must be greater than 0"};
  if (dose.infusion_minutes && !(*dose.infusion_minutes > 0)) return Error{"$.infusion_minutes", "must be greater than 0"};
  CheckedDose checked;
  DoseEntry& entry = checked.entry;
  entry.course = dose.course;
  entry.day = dose.day;
  entry.drug = dose.drug;
  entry.date = dose.date;
  entry.start_time = dose.start_time;
  if (dose.start_time) {
    auto minute = treatment::minute_of_day(*dose.start_time);
    if (!minute.ok()) return Error{"$.start_time", minute.error().message};
    entry.start_minute = *minute;
  }
  entry.dose_mg = dose.dose_mg;
  entry.infusion_minutes = dose.infusion_minutes;
  treatment::Administration given = administration_of(entry);
  given.path = "$";
  // A corrected dose keeps the place of the dose it corrects: it was given then.
  given.recorded = replacing_sequence.value_or(0);
  if (patient.enrolled_on && dose.date < *patient.enrolled_on) {
    return Error{"$.date", dose.date.to_string() + " is before the enrollment (" + patient.enrolled_on->to_string() + ")"};
  }

  PatientState others = patient;
  std::erase_if(others.doses, [&](const DoseEntry& recorded) {
    return replacing_sequence && recorded.stamp.sequence == *replacing_sequence;
  });
  auto request = plan_request_of(protocol, others);
  if (!request.ok()) return request.error();
  if (dose.course == 1 && dose.day == 1) request->start = dose.date;
  if (request->body.empty()) {
    return refused("no height and weight are recorded for " + patient.id + ": record them before a dose");
  }
  std::vector<treatment::Administration> all = administrations_of(others);
  all.push_back(given);
  auto check = treatment::check_doses(spec, *request, all, dose.date);
  if (!check.ok()) return refused("the dose cannot be checked against the plan: " + check.error().message);

  for (const treatment::CoursePlan& course : check->plan.courses) {
    if (course.number != dose.course) continue;
    for (const treatment::PlannedDose& planned : course.doses) {
      if (planned.day == dose.day && planned.drug == dose.drug) entry.planned_mg = planned.dose_mg;
    }
  }
  for (const treatment::Deviation& deviation : check->deviations) {
    bool about_this = deviation.course == dose.course && deviation.kind != std::string(treatment::kMissedDose) &&
                      (deviation.kind == std::string(treatment::kEarlyCourseStart) ||
                       (deviation.drug == dose.drug && deviation.date == dose.date));
    if (!about_this) continue;
    checked.deviations.push_back(deviation);
    entry.deviations.push_back({deviation.kind, deviation.message});
  }
  checked.payload = dose_payload_json(entry);
  return checked;
}

}  // namespace trialcore::trial
