#include "patient/observation_catalogue.h"

#include <cmath>

#include "base/tolerance.h"
#include "expr/value.h"

namespace trialcore::patient {

expr::Type ObservationSpec::type() const {
  if (is_text) return expr::Type::Observation(Dimension::kNone, "", false);
  return expr::Type::Observation(dimension, unit, has_uln);
}

std::string ObservationSpec::accepted_units() const {
  std::string list = unit;
  for (const Alternative& alternative : alternatives) list += ", " + alternative.unit;
  return list;
}

Result<double> ObservationSpec::to_unit(double value, const std::string& from) const {
  if (from == unit) return value;
  for (const Alternative& alternative : alternatives) {
    if (alternative.unit == from) return value / alternative.factor;
  }
  return Error{"", "unit '" + from + "' is not accepted for " + code + "; use " + accepted_units()};
}

const ObservationSpec* find_observation(const ObservationCatalogue& catalogue, const std::string& code) {
  for (const ObservationSpec& spec : catalogue) {
    if (spec.code == code) return &spec;
  }
  return nullptr;
}

namespace {

Result<ObservationSpec> parse_spec(const std::string& code, const Json& declaration, const std::string& path) {
  Status known = reject_unknown_members(declaration, {"unit", "also", "uln", "maximum", "values", "description"}, path);
  if (!known.ok()) return known.error();
  ObservationSpec spec;
  spec.code = code;
  auto description = read_text(declaration, "description", path);
  if (!description.ok()) return description.error();
  spec.description = description->value_or("");
  if (declaration.contains("values")) {
    const Json& values = declaration["values"];
    std::string values_path = member_path(path, "values");
    if (!values.is_array() || values.empty()) return Error{values_path, "must be a non-empty list of texts"};
    for (size_t i = 0; i < values.size(); ++i) {
      if (!values[i].is_string()) return Error{element_path(values_path, i), "must be a text"};
      spec.values.push_back(values[i].get<std::string>());
    }
    if (declaration.contains("unit")) return Error{member_path(path, "unit"), "a text result has no unit"};
    spec.is_text = true;
    return spec;
  }
  auto unit = required(read_text(declaration, "unit", path), "unit", path);
  if (!unit.ok()) return unit.error();
  auto found = find_unit(*unit);
  if (!found) return Error{member_path(path, "unit"), "unknown unit '" + *unit + "'"};
  spec.unit = *unit;
  spec.dimension = found->dimension;
  auto uln = read_bool(declaration, "uln", path);
  if (!uln.ok()) return uln.error();
  spec.has_uln = uln->value_or(false);
  auto maximum = read_number(declaration, "maximum", path);
  if (!maximum.ok()) return maximum.error();
  spec.maximum = *maximum;
  if (declaration.contains("also")) {
    const Json& also = declaration["also"];
    std::string also_path = member_path(path, "also");
    if (!also.is_object()) return Error{also_path, "must map units to factors: {\"umol/L\": 17.1}"};
    for (auto it = also.begin(); it != also.end(); ++it) {
      std::string here = member_path(also_path, it.key());
      auto other = find_unit(it.key());
      if (!other) return Error{here, "unknown unit '" + it.key() + "'"};
      if (!it->is_number() || !(it->get<double>() > 0) || !std::isfinite(it->get<double>())) {
        return Error{here, "must be a positive number: how many " + it.key() + " make 1 " + spec.unit};
      }
      if (other->dimension == spec.dimension) {
        double exact = *convert_units(1, spec.unit, it.key());
        if (std::fabs(it->get<double>() - exact) > kRelativeTolerance * exact) {
          return Error{here, "1 " + spec.unit + " is " + expr::format_number(exact) + " " + it.key() + ", not " +
                                 expr::format_number(it->get<double>())};
        }
      }
      spec.alternatives.push_back({it.key(), it->get<double>()});
    }
  }
  return spec;
}

}  // namespace

Result<ObservationCatalogue> parse_observation_catalogue(const Json& section, const std::string& path) {
  if (!section.is_object()) return Error{path, "must be an object of observation codes, not " + json_type_name(section)};
  ObservationCatalogue catalogue;
  for (auto it = section.begin(); it != section.end(); ++it) {
    std::string here = member_path(path, it.key());
    if (!it->is_object()) return Error{here, "must be an object, not " + json_type_name(*it)};
    auto spec = parse_spec(it.key(), *it, here);
    if (!spec.ok()) return spec.error();
    catalogue.push_back(std::move(*spec));
  }
  return catalogue;
}

}  // namespace trialcore::patient
