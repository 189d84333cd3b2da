#include "treatment/plan_input.h"

#include "base/object_reader.h"
#include "base/units.h"

namespace trialcore::treatment {

namespace {

// {"value": 170, "unit": "cm"} at member `key`, in `unit` (`other` is converted). Its other
// members are not read.
double read_measure(ObjectReader& in, const char* key, const char* unit, const char* other) {
  const Json* found = in.given(key);
  if (!found) {
    in.fail(key, "is required");
    return 0;
  }
  if (!found->is_object()) {
    in.fail(key, std::string("must be {\"value\": ..., \"unit\": \"") + unit + "\"}, not " + json_type_name(*found));
    return 0;
  }
  double converted = 0;
  in.nested(*found, in.path_of(key), [&](ObjectReader& measure) {
    double value = measure.required_number("value");
    std::string given = measure.required_text("unit");
    measure.ignore_other_members();
    if (!measure.ok()) return;
    if (given != unit && given != other) {
      return measure.fail("unit", "unit '" + given + "' is not accepted; use " + unit + " or " + other);
    }
    converted = *convert_units(value, given, unit);
  });
  return converted;
}

}  // namespace

Result<std::vector<BodyMeasurement>> read_body_measurements(const Json& list, const std::string& path) {
  if (!list.is_array() || list.empty()) return Error{path, "must be a non-empty list of measurements"};
  std::vector<BodyMeasurement> measurements;
  for (size_t i = 0; i < list.size(); ++i) {
    std::string here = element_path(path, i);
    if (!list[i].is_object()) return Error{here, "a measurement must be an object"};
    ObjectReader in(list[i], here);
    BodyMeasurement measurement;
    measurement.date = in.required_date("date");
    measurement.height_cm = read_measure(in, "height", "cm", "in");
    measurement.weight_kg = read_measure(in, "weight", "kg", "lb");
    if (in.ok()) {
      in.take(check_body(measurement.height_cm, measurement.weight_kg, in.path_of("height"), in.path_of("weight")));
    }
    Status read = in.finish();
    if (!read.ok()) return read.error();
    measurements.push_back(measurement);
  }
  return measurements;
}

Result<PlanRequest> read_plan_request(const Json& object, const std::string& path) {
  if (!object.is_object()) return Error{path, "a plan request must be an object"};
  ObjectReader in(object, path);
  PlanRequest request;
  request.period = in.required_text("period");
  request.start = in.required_date("start");
  request.courses = static_cast<int>(in.required_integer("courses"));
  if (const Json* body = in.member("body")) {
    if (auto read = in.take(read_body_measurements(*body, in.path_of("body")))) request.body = std::move(*read);
  } else {
    in.fail("body", "is required");
  }
  if (const Json* add_ons = in.member("add_ons")) {
    if (!add_ons->is_object()) in.fail("add_ons", "must map add-ons to their first course");
    in.each_member(*add_ons, in.path_of("add_ons"),
                   [&](const std::string& add_on, const Json& course, const std::string& here) {
      if (!course.is_number_integer()) return in.fail(Error{here, "must be a course number"});
      request.add_ons[add_on] = course.get<int>();
    });
  }
  return in.finish(std::move(request));
}

}  // namespace trialcore::treatment
