// What the trial's record says now: a patient with what the protocol derives, the
// calendar, the list of patients, a patient's history, the periods and trial facts.
#include "treatment/bsa.h"
#include "trial/calendar.h"
#include "trial/lab_proposals.h"
#include "trial/patient_view.h"
#include "trial/service_support.h"

namespace trialcore::trial {

namespace {

template <class T>
Result<T> reading(store::Store& store, const std::function<Result<T>(store::Transaction&)>& work) {
  Result<T> result = Error{"", "not run", ErrorKind::kFailure};
  Status status = store.read([&](store::Transaction& transaction) -> Status {
    result = work(transaction);
    return Status::Ok();
  });
  if (!status.ok()) return status.error();
  return result;
}

Json signals_json(const Derived& derived) {
  Json signals = Json::array();
  for (const response::Signal* signal : derived.signals) signals.push_back({{"id", signal->id}, {"message", signal->message}});
  return signals;
}

Json derived_json(const Protocol& protocol, const PatientState& patient) {
  Derived derived = derive(protocol, patient);
  Json best = {{"category", derived.best.category}, {"responder", derived.best.responder}, {"reason", derived.best.reason}};
  if (derived.best.course) best["course"] = *derived.best.course;
  // The latest value of each observation, from the registered record and recorded since.
  Json latest = Json::object();
  Json recorded = patient.record.value("observations", Json::array());
  if (!recorded.is_array()) recorded = Json::array();
  for (const ObservationEntry& observation : patient.observations) recorded.push_back(observation.entry);
  for (const Json& observation : recorded) {
    if (!observation.is_object() || !observation.contains("code") || !observation["code"].is_string()) continue;
    std::string code = observation["code"].get<std::string>();
    if (!latest.contains(code) || latest[code].value("date", "") <= observation.value("date", "")) {
      Json value = observation;
      value.erase("code");
      latest[code] = value;
    }
  }
  Json proposals = Json::array();
  for (const LabProposal& proposal : lab_proposals(protocol, patient)) proposals.push_back(lab_proposal_json(proposal));
  // Each height and weight recorded, as the surface area the protocol's formula makes of it.
  Json surface = Json::array();
  for (const BodyEntry& body : patient.body) {
    surface.push_back({{"sequence", body.sequence},
                       {"bsa_m2", treatment::body_surface_area(body.height_cm, body.weight_kg, protocol.treatment.bsa_formula)}});
  }
  return {{"courses_given", derived.courses_given}, {"best_response", best}, {"signals", signals_json(derived)},
          {"open_deviations", derived.open_deviations}, {"latest_observations", latest},
          {"adverse_event_proposals", proposals}, {"body_surface_areas", surface}};
}

// The first dose due or to come, for the list of patients.
Json next_due(const Protocol& protocol, const PatientState& patient, Date date) {
  if (patient.status != PatientStatus::kEnrolled) return Json();
  auto calendar = calendar_of(protocol, patient, date);
  if (!calendar.ok()) return Json();
  for (const Json& course : (*calendar)["courses"]) {
    for (const Json& dose : course["doses"]) {
      std::string status = dose.value("status", "");
      if (status == "due" || status == "upcoming") {
        return {{"course", dose["course"]}, {"day", dose["day"]}, {"date", dose["date"]}, {"latest", dose["latest"]},
                {"drug", dose["drug"]}, {"dose_mg", dose["dose_mg"]}, {"status", status}};
      }
    }
  }
  return Json();
}

}  // namespace

Result<PatientState> TrialService::patient_state(const std::string& id) {
  return reading<PatientState>(store_, [&](store::Transaction& transaction) { return load_patient(transaction, id); });
}

Result<std::vector<PatientState>> TrialService::patient_states() {
  return reading<std::vector<PatientState>>(store_, [&](store::Transaction& transaction) { return patient_states_in(transaction); });
}

Result<Json> TrialService::calendar(const std::string& id, Date date) {
  auto state = patient_state(id);
  if (!state.ok()) return state.error();
  return calendar_of(protocol_, *state, date);
}

Result<Json> TrialService::patient(const std::string& id) {
  auto state = patient_state(id);
  if (!state.ok()) return state.error();
  Json patient = patient_state_json(*state);
  patient["derived"] = derived_json(protocol_, *state);
  return patient;
}

Result<std::vector<Json>> TrialService::patients(std::optional<Date> as_of) {
  auto states = patient_states();
  if (!states.ok()) return states.error();
  std::vector<Json> lines;
  for (const PatientState& patient : *states) {
    Derived derived = derive(protocol_, patient);
    lines.push_back({{"id", patient.id},
                     {"status", status_name(patient.status)},
                     {"period", patient.period},
                     {"enrolled_on", patient.enrolled_on ? patient.enrolled_on->to_string() : ""},
                     {"courses_given", derived.courses_given},
                     {"best_response", derived.best.category},
                     {"signals", signals_json(derived)},
                     {"open_deviations", derived.open_deviations},
                     {"next_due", as_of ? next_due(protocol_, patient, *as_of) : Json()}});
  }
  return lines;
}

Result<std::vector<store::Event>> TrialService::history(const std::string& id) {
  return reading<std::vector<store::Event>>(store_, [&](store::Transaction& transaction) -> Result<std::vector<store::Event>> {
    auto patient = load_patient(transaction, id);
    if (!patient.ok()) return patient.error();
    return transaction.events_of(id);
  });
}

Result<std::optional<std::string>> TrialService::open_period_on(Date date) {
  return reading<std::optional<std::string>>(store_, [&](store::Transaction& transaction) -> Result<std::optional<std::string>> {
    auto periods = transaction.row("trial", "periods");
    if (!periods.ok()) return periods.error();
    return period_open_on(protocol_, periods->value_or(Json::object()), date);
  });
}

Result<std::vector<PatientSummary>> TrialService::summaries(Date as_of) {
  return reading<std::vector<PatientSummary>>(store_, [&](store::Transaction& transaction) {
    return summaries_in(transaction, protocol_, as_of);
  });
}

Result<report::EndpointReport> TrialService::report(Date date) {
  auto states = patient_states();
  if (!states.ok()) return states.error();
  std::vector<report::ReportPatient> enrolled;
  for (const PatientState& state : *states) {
    // The report that day would have printed: nothing dated after it counts.
    PatientState then = state_as_of(state, date);
    if (!then.enrolled()) continue;
    auto summary = summary_of(protocol_, then);
    if (!summary.ok()) return summary.error();
    report::ReportPatient patient{std::move(*summary), std::nullopt};
    // Follow-up ends at death, or at the last date anything was recorded.
    Date last = std::max(*then.enrolled_on, last_clinical_date(then).value_or(*then.enrolled_on));
    if (then.died()) last = then.vital_status->date;
    patient.survival = report::Survival{*then.enrolled_on, last, then.died()};
    enrolled.push_back(std::move(patient));
  }
  return report::endpoint_report(protocol_, enrolled, date);
}

Result<TrialFactValues> TrialService::trial_facts(Date date) {
  auto all = summaries(date);
  if (!all.ok()) return all.error();
  return derived_trial_facts(protocol_, *all, date);
}

}  // namespace trialcore::trial
