// What the trial's record says now: a patient with what the protocol derives, the
// calendar, the list of patients, a patient's history, the periods and trial facts.
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
  return {{"courses_given", derived.courses_given}, {"best_response", best}, {"signals", signals},
          {"open_deviations", derived.open_deviations}};
}

std::string dose_status(const treatment::PlannedDose& planned, const Json* given, bool late, Date date) {
  if (given) return late ? "late" : "given";
  if (planned.latest < date) return "missed";
  if (!(date < planned.date)) return "due";
  return "upcoming";
}

Json planned_json(const treatment::PlannedDose& planned, const std::string& status, const Json* given) {
  Json entry = {{"course", planned.course}, {"day", planned.day}, {"date", planned.date.to_string()},
                {"latest", planned.latest.to_string()}, {"drug", planned.drug}, {"dose_mg_m2", planned.dose_mg_m2},
                {"dose_mg", planned.dose_mg}, {"order", planned.order}, {"status", status}};
  if (given) entry["given"] = *given;
  return entry;
}

Json course_json(const treatment::CoursePlan& course) {
  return {{"course", course.number}, {"day1", course.day1.to_string()}, {"schedule", course.schedule},
          {"bsa_m2", course.bsa_m2}, {"measured_on", course.body.date.to_string()},
          {"height_cm", course.body.height_cm}, {"weight_kg", course.body.weight_kg}, {"doses", Json::array()}};
}

}  // namespace

Result<Json> TrialService::patient(const std::string& id) {
  return reading<Json>(store_, [&](store::Transaction& transaction) -> Result<Json> {
    auto row = load_patient(transaction, id);
    if (!row.ok()) return row.error();
    Json patient = *row;
    patient["derived"] = derived_json(protocol_, *row);
    return patient;
  });
}

Result<Json> TrialService::calendar(const std::string& id, Date date) {
  auto row = patient(id);
  if (!row.ok()) return row.error();
  Json calendar = {{"patient", id}, {"as_of", date.to_string()}, {"period", row->value("period", "")},
                   {"courses", Json::array()}, {"deviations", Json::array()}, {"delays", Json::array()}};
  if (row->value("status", "") != "enrolled" && row->value("status", "") != "off-study") {
    calendar["note"] = id + " is not enrolled: there is no calendar yet";
    return calendar;
  }
  auto request = plan_request_of(protocol_, *row);
  if (!request.ok()) return request.error();
  if (request->body.empty()) {
    calendar["note"] = "no height and weight recorded: doses cannot be computed";
    return calendar;
  }
  std::vector<treatment::Administration> given = administrations_of(*row);
  auto check = treatment::check_doses(protocol_.treatment, *request, given, date);
  if (!check.ok()) return check.error();
  const Json& doses = (*row)["doses"];
  for (const treatment::CoursePlan& course : check->plan.courses) {
    Json entry = course_json(course);
    for (const treatment::PlannedDose& planned : course.doses) {
      const Json* match = nullptr;
      for (const Json& dose : doses) {
        if (dose.value("course", 0) == planned.course && dose.value("day", 0) == planned.day &&
            dose.value("drug", "") == planned.drug) {
          match = &dose;
        }
      }
      bool late = false;
      if (match) {
        for (const Json& deviation : match->value("deviations", Json::array())) {
          late = late || deviation.value("kind", "") == std::string(treatment::kOutOfWindow);
        }
      }
      entry["doses"].push_back(planned_json(planned, dose_status(planned, match, late, date), match));
    }
    calendar["courses"].push_back(entry);
  }
  for (const treatment::Deviation& deviation : check->deviations) {
    Json item = {{"kind", deviation.kind}, {"course", deviation.course}, {"message", deviation.message}};
    if (deviation.date) item["date"] = deviation.date->to_string();
    calendar["deviations"].push_back(item);
  }
  for (const treatment::Delay& delay : check->delays) calendar["delays"].push_back({{"course", delay.course}, {"message", delay.message}});
  // The next course, with the doses for the latest height and weight.
  const treatment::Regimen* regimen = protocol_.treatment.regimen(request->period);
  int next = check->plan.courses.empty() ? 1 : check->plan.courses.back().number + 1;
  if (regimen && next <= protocol_.treatment.max_courses && row->value("status", "") == "enrolled") {
    Date day1 = check->plan.courses.empty() ? request->start
                                            : check->plan.courses.back().day1.plus_days(regimen->course_interval_days);
    std::vector<std::string> warnings;
    auto planned = treatment::plan_course(protocol_.treatment, *regimen, next, day1, request->body, request->add_ons, warnings);
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

Result<std::vector<Json>> TrialService::patients() {
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
                       {"open_deviations", derived["open_deviations"]}});
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
