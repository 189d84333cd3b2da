#include "treatment/plan_input.h"

#include "base/units.h"

namespace trialcore::treatment {

namespace {

Result<double> read_measure(const Json& entry, const char* key, const std::string& path, const char* unit,
                            const char* other) {
  std::string here = member_path(path, key);
  auto found = entry.find(key);
  if (found == entry.end() || found->is_null()) return Error{here, "is required"};
  if (!found->is_object()) {
    return Error{here, std::string("must be {\"value\": ..., \"unit\": \"") + unit + "\"}, not " + json_type_name(*found)};
  }
  auto value = required(read_number(*found, "value", here), "value", here);
  if (!value.ok()) return value.error();
  auto given = required(read_text(*found, "unit", here), "unit", here);
  if (!given.ok()) return given.error();
  if (*given != unit && *given != other) {
    return Error{member_path(here, "unit"), "unit '" + *given + "' is not accepted; use " + unit + " or " + other};
  }
  return *convert_units(*value, *given, unit);
}

}  // namespace

Result<std::vector<BodyMeasurement>> read_body_measurements(const Json& list, const std::string& path) {
  if (!list.is_array() || list.empty()) return Error{path, "must be a non-empty list of measurements"};
  std::vector<BodyMeasurement> measurements;
  for (size_t i = 0; i < list.size(); ++i) {
    std::string here = element_path(path, i);
    const Json& entry = list[i];
    if (!entry.is_object()) return Error{here, "a measurement must be an object"};
    Status known = reject_unknown_members(entry, {"date", "height", "weight"}, here);
    if (!known.ok()) return known.error();
    BodyMeasurement measurement;
    auto date = required(read_date(entry, "date", here), "date", here);
    if (!date.ok()) return date.error();
    measurement.date = *date;
    auto height = read_measure(entry, "height", here, "cm", "in");
    if (!height.ok()) return height.error();
    auto weight = read_measure(entry, "weight", here, "kg", "lb");
    if (!weight.ok()) return weight.error();
    Status plausible = check_body(*height, *weight, member_path(here, "height"), member_path(here, "weight"));
    if (!plausible.ok()) return plausible.error();
    measurement.height_cm = *height;
    measurement.weight_kg = *weight;
    measurements.push_back(measurement);
  }
  return measurements;
}

Result<PlanRequest> read_plan_request(const Json& object, const std::string& path) {
  if (!object.is_object()) return Error{path, "a plan request must be an object"};
  Status known = reject_unknown_members(object, {"period", "start", "courses", "body", "add_ons"}, path);
  if (!known.ok()) return known.error();
  PlanRequest request;
  auto period = required(read_text(object, "period", path), "period", path);
  if (!period.ok()) return period.error();
  request.period = *period;
  auto start = required(read_date(object, "start", path), "start", path);
  if (!start.ok()) return start.error();
  request.start = *start;
  auto courses = required(read_integer(object, "courses", path), "courses", path);
  if (!courses.ok()) return courses.error();
  request.courses = static_cast<int>(*courses);
  if (!object.contains("body")) return Error{member_path(path, "body"), "is required"};
  auto body = read_body_measurements(object["body"], member_path(path, "body"));
  if (!body.ok()) return body.error();
  request.body = std::move(*body);
  if (object.contains("add_ons")) {
    std::string here = member_path(path, "add_ons");
    if (!object["add_ons"].is_object()) return Error{here, "must map add-ons to their first course"};
    for (auto it = object["add_ons"].begin(); it != object["add_ons"].end(); ++it) {
      if (!it->is_number_integer()) return Error{member_path(here, it.key()), "must be a course number"};
      request.add_ons[it.key()] = it->get<int>();
    }
  }
  return request;
}

}  // namespace trialcore::treatment
