// What the trial's record says now: a patient with what the protocol derives, the
// calendar, the list of patients, a patient's history, the periods and trial facts.
#include "trial/calendar.h"
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

Json derived_json(const Protocol& protocol, const Json& row) {
  Derived derived = derive(protocol, row);
  Json signals = Json::array();
  for (const response::Signal* signal : derived.signals) signals.push_back({{"id", signal->id}, {"message", signal->message}});
  Json best = {{"category", derived.best.category}, {"responder", derived.best.responder}, {"reason", derived.best.reason}};
  if (derived.best.course) best["course"] = *derived.best.course;
  // The latest value of each observation, from the registered record and recorded since.
  Json latest = Json::object();
  Json recorded = row.value("record", Json::object()).value("observations", Json::array());
  for (const Json& observation : row.value("observations", Json::array())) recorded.push_back(observation);
  for (const Json& observation : recorded) {
    if (!observation.is_object() || !observation.contains("code")) continue;
    std::string code = observation.value("code", "");
    if (!latest.contains(code) || latest[code].value("date", "") <= observation.value("date", "")) {
      Json value = observation;
      value.erase("sequence");
      value.erase("code");
      latest[code] = value;
    }
  }
  return {{"courses_given", derived.courses_given}, {"best_response", best}, {"signals", signals},
          {"open_deviations", derived.open_deviations}, {"latest_observations", latest}};
}

// The first dose due or to come, for the list of patients.
Json next_due(const Protocol& protocol, const Json& row, Date date) {
  if (row.value("status", "") != "enrolled") return Json();
  auto calendar = calendar_of(protocol, row, date);
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

Result<Json> TrialService::calendar(const std::string& id, Date date) {
  auto row = patient(id);
  if (!row.ok()) return row.error();
  return calendar_of(protocol_, *row, date);
}

Result<Json> TrialService::patient(const std::string& id) {
  return reading<Json>(store_, [&](store::Transaction& transaction) -> Result<Json> {
    auto row = load_patient(transaction, id);
    if (!row.ok()) return row.error();
    Json patient = *row;
    patient["derived"] = derived_json(protocol_, *row);
    return patient;
  });
}

Result<std::vector<Json>> TrialService::patients(std::optional<Date> as_of) {
  return reading<std::vector<Json>>(store_, [&](store::Transaction& transaction) -> Result<std::vector<Json>> {
    auto rows = transaction.rows("patients");
    if (!rows.ok()) return rows.error();
    std::vector<Json> lines;
    for (const auto& [id, row] : *rows) {
      Json derived = derived_json(protocol_, row);
      lines.push_back({{"id", id},
                       {"status", row.value("status", "")},
                       {"period", row.value("period", "")},
                       {"enrolled_on", row.value("enrolled_on", "")},
                       {"courses_given", derived["courses_given"]},
                       {"best_response", derived["best_response"]["category"]},
                       {"signals", derived["signals"]},
                       {"open_deviations", derived["open_deviations"]},
                       {"next_due", as_of ? next_due(protocol_, row, *as_of) : Json()}});
    }
    return lines;
  });
}

Result<std::vector<store::Event>> TrialService::history(const std::string& id) {
  return reading<std::vector<store::Event>>(store_, [&](store::Transaction& transaction) -> Result<std::vector<store::Event>> {
    auto row = load_patient(transaction, id);
    if (!row.ok()) return row.error();
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

Result<std::vector<PatientSummary>> TrialService::summaries() {
  return reading<std::vector<PatientSummary>>(store_, [&](store::Transaction& transaction) {
    return summaries_in(transaction, protocol_);
  });
}

Result<report::EndpointReport> TrialService::report(Date date) {
  auto patients = reading<std::vector<report::ReportPatient>>(
      store_, [&](store::Transaction& transaction) -> Result<std::vector<report::ReportPatient>> {
        auto rows = transaction.rows("patients");
        if (!rows.ok()) return rows.error();
        std::vector<report::ReportPatient> enrolled;
        for (const auto& [id, row] : *rows) {
          if (!row.contains("enrolled_on")) continue;
          auto summary = summary_of(protocol_, row);
          if (!summary.ok()) return summary.error();
          report::ReportPatient patient{std::move(*summary), assessments_of(protocol_, row), std::nullopt};
          // Follow-up ends at death, or at the last date anything was recorded.
          auto events = transaction.events_of(id);
          if (!events.ok()) return events.error();
          Date last = *patient.summary.enrolled_on;
          for (const store::Event& event : *events) {
            if (event.clinical_date && last < *event.clinical_date && !(date < *event.clinical_date)) last = *event.clinical_date;
          }
          bool died = row.contains("vital_status") && !row["vital_status"].value("alive", true);
          if (died) last = *Date::Parse(row["vital_status"].value("date", ""));
          patient.survival = report::Survival{*patient.summary.enrolled_on, last, died};
          enrolled.push_back(std::move(patient));
        }
        return enrolled;
      });
  if (!patients.ok()) return patients.error();
  return report::endpoint_report(protocol_, *patients, date);
}

Result<TrialFactValues> TrialService::trial_facts(Date date) {
  auto all = summaries();
  if (!all.ok()) return all.error();
  return derived_trial_facts(protocol_, *all, date);
}

}  // namespace trialcore::trial
