#include "trial/patient_view.h"

#include <algorithm>
#include <set>

namespace trialcore::trial {

namespace {

std::optional<Date> date_member(const Json& object, const char* key) {
  if (!object.contains(key) || !object[key].is_string()) return std::nullopt;
  auto date = Date::Parse(object[key].get<std::string>());
  if (!date.ok()) return std::nullopt;
  return *date;
}

}  // namespace

Result<patient::PatientRecord> record_of(const Protocol& protocol, const Json& row) {
  Json record = row.value("record", Json::object());
  record["id"] = row.value("id", "");
  Json observations = record.value("observations", Json::array());
  if (!observations.is_array()) observations = Json::array();
  for (Json observation : row.value("observations", Json::array())) {
    observation.erase("sequence");
    observations.push_back(observation);
  }
  record["observations"] = observations;
  Json waivers = record.value("waivers", Json::array());
  if (!waivers.is_array()) waivers = Json::array();
  for (const Json& waiver : row.value("waivers", Json::array())) {
    waivers.push_back({{"criterion", waiver.value("criterion", "")}, {"by", waiver.value("by", "")},
                       {"date", waiver.value("date", "")}, {"reason", waiver.value("reason", "")}});
  }
  record["waivers"] = waivers;
  auto parsed = patient::read_patient_record(record, protocol.record_format, "$");
  if (!parsed.ok()) return parsed.error();
  return parsed->record;
}

std::vector<treatment::BodyMeasurement> body_of(const Json& row) {
  std::vector<treatment::BodyMeasurement> body;
  for (const Json& measurement : row.value("body", Json::array())) {
    auto date = date_member(measurement, "date");
    if (!date) continue;
    body.push_back({*date, measurement.value("height_cm", 0.0), measurement.value("weight_kg", 0.0)});
  }
  return body;
}

std::vector<treatment::Administration> administrations_of(const Json& row) {
  std::vector<treatment::Administration> given;
  for (const Json& dose : row.value("doses", Json::array())) {
    auto date = date_member(dose, "date");
    if (!date) continue;
    treatment::Administration administration;
    if (dose.contains("course")) administration.course = dose["course"].get<int>();
    if (dose.contains("day")) administration.day = dose["day"].get<int>();
    administration.drug = dose.value("drug", "");
    administration.date = *date;
    if (dose.contains("start_minute")) administration.start_minute = dose["start_minute"].get<int>();
    administration.dose_mg = dose.value("dose_mg", 0.0);
    if (dose.contains("infusion_minutes")) administration.infusion_minutes = dose["infusion_minutes"].get<double>();
    administration.path = "dose event " + std::to_string(dose.value("sequence", 0));
    given.push_back(std::move(administration));
  }
  return given;
}

Result<treatment::PlanRequest> plan_request_of(const Protocol& protocol, const Json& row) {
  treatment::PlanRequest request;
  request.period = row.value("period", "");
  if (request.period.empty()) return Error{"", row.value("id", "") + " is not enrolled in a period", ErrorKind::kRefused};
  auto enrolled = date_member(row, "enrolled_on");
  request.start = enrolled.value_or(Date());
  for (const treatment::Administration& given : administrations_of(row)) {
    if (given.course.value_or(0) == 1 && given.day.value_or(1) == 1) {
      request.start = given.date;
      break;
    }
  }
  request.courses = std::max(1, protocol.treatment.max_courses);
  request.body = body_of(row);
  const Json add_ons = row.value("add_ons", Json::object());  // items() must not outlive it
  for (auto& [add_on, started] : add_ons.items()) {
    request.add_ons[add_on] = started.value("from_course", 1);
  }
  return request;
}

std::vector<response::CourseAssessment> assessments_of(const Protocol& protocol, const Json& row) {
  std::map<int, std::string> adjudicated;  // the latest adjudication of each course
  for (const Json& adjudication : row.value("adjudications", Json::array())) {
    adjudicated[adjudication.value("course", 0)] = adjudication.value("category", "");
  }
  std::vector<response::CourseAssessment> assessments;
  for (const Json& assessment : row.value("assessments", Json::array())) {
    auto date = date_member(assessment, "date");
    if (!date) continue;
    response::CourseAssessment entry;
    entry.course = assessment.value("course", 0);
    entry.date = *date;
    const Json& computed = assessment.value("response", Json::object());
    entry.response.category = computed.value("category", protocol.response.not_evaluable);
    entry.response.reason = computed.value("reason", "");
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

int courses_given(const Json& row) {
  std::set<int> courses;
  for (const Json& dose : row.value("doses", Json::array())) courses.insert(dose.value("course", 0));
  courses.erase(0);
  return static_cast<int>(courses.size());
}

Derived derive(const Protocol& protocol, const Json& row) {
  Derived derived;
  derived.courses_given = courses_given(row);
  std::vector<response::CourseAssessment> assessments = assessments_of(protocol, row);
  derived.best = response::best_response(protocol.response, assessments);
  Json add_ons = row.value("add_ons", Json::object());
  for (const response::Signal* signal :
       response::raised_signals(protocol.response, row.value("period", ""), derived.courses_given, assessments)) {
    // A signal is answered once the add-on it proposes has been started.
    bool answered = false;
    for (const treatment::AddOn& add_on : protocol.treatment.add_ons) {
      answered = answered || (add_on.signal == signal->id && add_ons.contains(add_on.id));
    }
    if (!answered && row.value("status", "") == "enrolled") derived.signals.push_back(signal);
  }
  std::set<int64_t> explained;
  for (const Json& explanation : row.value("explanations", Json::array())) explained.insert(explanation.value("dose_sequence", 0));
  for (const Json& dose : row.value("doses", Json::array())) {
    int64_t sequence = dose.value("sequence", 0);
    if (!dose.value("deviations", Json::array()).empty() && !explained.count(sequence)) derived.open_deviations.push_back(sequence);
  }
  return derived;
}

Result<PatientSummary> summary_of(const Protocol& protocol, const Json& row) {
  PatientSummary summary;
  auto record = record_of(protocol, row);
  if (!record.ok()) return record.error();
  summary.record = std::move(*record);
  summary.period = row.value("period", "");
  summary.enrolled_on = date_member(row, "enrolled_on");
  Derived derived = derive(protocol, row);
  summary.courses_given = derived.courses_given;
  if (!row.value("assessments", Json::array()).empty()) summary.best_response = derived.best.category;
  summary.responder = derived.best.responder;
  summary.off_study = row.value("status", "") == "off-study";
  return summary;
}

}  // namespace trialcore::trial
