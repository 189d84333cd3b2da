#include "response/assessment.h"

#include "patient/patient_record.h"

namespace trialcore::response {

Result<Assessment> read_assessment(const ResponseSpec& spec, const Json& object, const std::string& path,
                                   std::vector<std::string>& warnings) {
  if (!object.is_object()) return Error{path, "an assessment must be an object, not " + json_type_name(object)};
  Assessment assessment;
  for (const patient::FieldSpec& field : spec.facts) {
    Json value = object.value(field.name, Json());
    bool bare_number = field.kind == patient::FieldKind::kQuantity && value.is_number();
    if (value.is_string() && value.get<std::string>() == "unknown") value = nullptr;
    if (bare_number) value = Json{{"value", value}, {"unit", field.unit}};
    Json holder = Json::object();
    holder[field.name] = value;
    auto read = patient::read_field_value(holder, field, path, warnings);
    if (!read.ok()) {
      Error error = read.error();
      // A bare number was wrapped as {"value": ...}: name the member the caller wrote.
      if (bare_number && error.path == member_path(member_path(path, field.name), "value")) {
        error.path = member_path(path, field.name);
      }
      return error;
    }
    assessment.facts.push_back(std::move(*read));
  }
  for (auto it = object.begin(); it != object.end(); ++it) {
    bool known = false;
    for (const patient::FieldSpec& field : spec.facts) known = known || field.name == it.key();
    if (!known) warnings.push_back(member_path(path, it.key()) + ": not a fact of an assessment, ignored");
  }
  return assessment;
}

}  // namespace trialcore::response
