#include "report/report_input.h"

#include <set>

#include "base/file_text.h"
#include "patient/patient_record.h"
#include "response/assessment.h"
#include "response/classify.h"

namespace trialcore::report {

namespace {

Result<response::CourseAssessment> read_course_assessment(const Protocol& protocol, const Json& entry,
                                                          const std::string& path) {
  if (!entry.is_object()) return Error{path, "an assessment must be an object"};
  response::CourseAssessment assessment;
  auto course = required(read_integer(entry, "course", path), "course", path);
  if (!course.ok()) return course.error();
  if (*course < 1) return Error{member_path(path, "course"), "must be 1 or more"};
  assessment.course = static_cast<int>(*course);
  auto date = required(read_date(entry, "date", path), "date", path);
  if (!date.ok()) return date.error();
  assessment.date = *date;
  auto named = read_text(entry, "response", path);
  if (!named.ok()) return named.error();
  const response::ResponseSpec& spec = protocol.response;
  if (named->has_value()) {
    const response::Category* category = spec.find(**named);
    if (!category && **named != spec.not_evaluable) {
      return Error{member_path(path, "response"), "'" + **named + "' is not a response category of the protocol"};
    }
    assessment.response.category = **named;
    assessment.response.responder = category && category->responder;
    assessment.response.reason = "as given";
    return assessment;
  }
  Json facts = entry;
  facts.erase("course");
  facts.erase("date");
  std::vector<std::string> warnings;
  auto read = response::read_assessment(spec, facts, path, warnings);
  if (!read.ok()) return read.error();
  assessment.response = response::classify(spec, *read);
  return assessment;
}

// Survival known on `as_of`: a death or a last contact after it is alive as of that day.
Result<std::optional<Survival>> read_survival(const Json& entry, const std::optional<Date>& enrolled, const std::string& path,
                                              Date as_of) {
  auto found = entry.find("survival");
  if (found == entry.end() || found->is_null()) return std::optional<Survival>();
  std::string here = member_path(path, "survival");
  Status known = reject_unknown_members(*found, {"death", "last_known_alive"}, here);
  if (!known.ok()) return known.error();
  auto death = read_date(*found, "death", here);
  if (!death.ok()) return death.error();
  auto alive = read_date(*found, "last_known_alive", here);
  if (!alive.ok()) return alive.error();
  if (death->has_value() == alive->has_value()) {
    return Error{here, "give either the date of death or the last date known alive"};
  }
  if (!enrolled) return Error{member_path(path, "enrolled_on"), "is needed for survival from enrollment"};
  Survival survival{*enrolled, death->has_value() ? **death : **alive, death->has_value()};
  if (survival.last_known < survival.start) return Error{here, "is before the enrollment"};
  if (as_of < survival.last_known) survival = Survival{*enrolled, as_of, false};
  return std::optional<Survival>(survival);
}

// Courses given by `as_of`: the count as given (undated), or the course starts on or before it.
Result<int> read_courses(const Json& entry, const std::string& path, Date as_of) {
  bool counted = entry.contains("courses_given") && !entry["courses_given"].is_null();
  bool dated = entry.contains("course_starts") && !entry["course_starts"].is_null();
  if (counted == dated) return Error{path, "give either courses_given or course_starts"};
  if (counted) {
    auto courses = read_integer(entry, "courses_given", path);
    if (!courses.ok()) return courses.error();
    if (**courses < 0) return Error{member_path(path, "courses_given"), "must be 0 or more"};
    return static_cast<int>(**courses);
  }
  std::string here = member_path(path, "course_starts");
  const Json& starts = entry["course_starts"];
  if (!starts.is_array()) return Error{here, "must be a list of dates (day 1 of each course given)"};
  int courses = 0;
  for (size_t i = 0; i < starts.size(); ++i) {
    std::string at = element_path(here, i);
    if (!starts[i].is_string()) return Error{at, "must be a date YYYY-MM-DD"};
    auto start = Date::Parse(starts[i].get<std::string>());
    if (!start.ok()) return Error{at, start.error().message};
    if (!(as_of < *start)) ++courses;
  }
  return courses;
}

}  // namespace

Result<std::vector<ReportPatient>> read_report_input(const Protocol& protocol, const Json& input, const std::string& path,
                                                     Date as_of) {
  if (!input.is_object() || !input.contains("patients") || !input["patients"].is_array()) {
    return Error{path, "must be {\"patients\": [...]}"};
  }
  std::vector<ReportPatient> patients;
  std::set<std::string> seen;
  const Json& list = input["patients"];
  for (size_t i = 0; i < list.size(); ++i) {
    std::string here = element_path(member_path(path, "patients"), i);
    const Json& entry = list[i];
    if (!entry.is_object()) return Error{here, "a patient must be an object"};
    Status known = reject_unknown_members(
        entry, {"id", "period", "enrolled_on", "courses_given", "course_starts", "record", "assessments", "survival"}, here);
    if (!known.ok()) return known.error();
    ReportPatient patient;
    auto id = required(read_text(entry, "id", here), "id", here);
    if (!id.ok()) return id.error();
    if (!seen.insert(*id).second) return Error{member_path(here, "id"), "'" + *id + "' is listed twice"};
    auto period = required(read_text(entry, "period", here), "period", here);
    if (!period.ok()) return period.error();
    if (!protocol.find_period(*period)) return Error{member_path(here, "period"), "'" + *period + "' is not a period of the protocol"};
    auto enrolled = read_date(entry, "enrolled_on", here);
    if (!enrolled.ok()) return enrolled.error();
    auto courses = read_courses(entry, here, as_of);
    if (!courses.ok()) return courses.error();
    Json record = entry.value("record", Json::object());
    if (!record.is_object()) return Error{member_path(here, "record"), "must be a patient record object"};
    record["id"] = *id;
    auto parsed = patient::read_patient_record(record, protocol.record_format, member_path(here, "record"));
    if (!parsed.ok()) return parsed.error();
    patient.summary.record = parsed->record;
    patient.summary.period = *period;
    patient.summary.enrolled_on = *enrolled;
    patient.summary.courses_given = *courses;
    const Json assessments = entry.value("assessments", Json::array());
    if (!assessments.is_array()) return Error{member_path(here, "assessments"), "must be a list"};
    std::vector<response::CourseAssessment> assessed;
    for (size_t j = 0; j < assessments.size(); ++j) {
      auto assessment = read_course_assessment(protocol, assessments[j], element_path(member_path(here, "assessments"), j));
      if (!assessment.ok()) return assessment.error();
      if (as_of < assessment->date) continue;  // not known yet on the report's date
      assessed.push_back(std::move(*assessment));
    }
    response::BestResponse best = response::best_response(protocol.response, assessed);
    if (!assessed.empty()) patient.summary.best_response = best.category;
    patient.summary.responder = best.responder;
    auto survival = read_survival(entry, *enrolled, here, as_of);
    if (!survival.ok()) return survival.error();
    patient.survival = *survival;
    // Enrolled after the report's date: not in the trial yet (checked after the whole entry
    // has read, so a mistake in it is still reported).
    if (*enrolled && as_of < **enrolled) continue;
    patients.push_back(std::move(patient));
  }
  return patients;
}

Result<EndpointReport> report_of_input_file(const Protocol& protocol, const std::string& file, Date as_of) {
  auto text = read_file_text(file);
  auto json = text.ok() ? parse_json_text(*text, file) : Result<Json>(text.error());
  if (!json.ok()) return json.error();
  auto patients = read_report_input(protocol, *json, "$", as_of);
  if (!patients.ok()) return Error{file + " " + patients.error().path, patients.error().message};
  return endpoint_report(protocol, *patients, as_of);
}

}  // namespace trialcore::report
