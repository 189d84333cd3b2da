#include "patient/observation_catalogue.h"

#include <cmath>

#include "base/find_by.h"
#include "base/object_reader.h"
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
  return find_by(catalogue, &ObservationSpec::code, code);
}

namespace {

// "also": {"umol/L": 17.1}, how many of each other unit make one of the catalogue's.
void read_alternatives(ObjectReader& in, const Json& also, ObservationSpec& spec) {
  if (!also.is_object()) return in.fail("also", "must map units to factors: {\"umol/L\": 17.1}");
  in.each_member(also, in.path_of("also"), [&](const std::string& unit, const Json& factor, const std::string& here) {
    auto other = find_unit(unit);
    if (!other) return in.fail(Error{here, "unknown unit '" + unit + "'"});
    if (!factor.is_number() || !(factor.get<double>() > 0) || !std::isfinite(factor.get<double>())) {
      return in.fail(Error{here, "must be a positive number: how many " + unit + " make 1 " + spec.unit});
    }
    if (other->dimension == spec.dimension) {
      double exact = *convert_units(1, spec.unit, unit);
      if (std::fabs(factor.get<double>() - exact) > kRelativeTolerance * exact) {
        return in.fail(Error{here, "1 " + spec.unit + " is " + expr::format_number(exact) + " " + unit + ", not " +
                                       expr::format_number(factor.get<double>())});
      }
    }
    spec.alternatives.push_back({unit, factor.get<double>()});
  });
}

ObservationSpec read_spec(const std::string& code, ObjectReader& in) {
  ObservationSpec spec;
  spec.code = code;
  // The members of either kind, in the order messages list them: a text result has values,
  // a measurement the others.
  const Json* unit = in.member("unit");
  const Json* also = in.member("also");
  in.member("uln");
  in.member("maximum");
  const Json* values = in.member("values");
  spec.description = in.text("description").value_or("");
  if (values) {
    if (!values->is_array() || values->empty()) {
      in.fail("values", "must be a non-empty list of texts");
      return spec;
    }
    in.each(*values, in.path_of("values"), [&](const Json& value, const std::string& here) {
      if (!value.is_string()) return in.fail(Error{here, "must be a text"});
      spec.values.push_back(value.get<std::string>());
    });
    if (unit) in.fail("unit", "a text result has no unit");
    spec.is_text = true;
    return spec;
  }
  spec.unit = in.required_text("unit");
  if (!in.ok()) return spec;
  auto found = find_unit(spec.unit);
  if (!found) {
    in.fail("unit", "unknown unit '" + spec.unit + "'");
    return spec;
  }
  spec.dimension = found->dimension;
  spec.has_uln = in.boolean("uln").value_or(false);
  spec.maximum = in.number("maximum");
  if (also && in.ok()) read_alternatives(in, *also, spec);
  return spec;
}

}  // namespace

Result<ObservationCatalogue> parse_observation_catalogue(const Json& section, const std::string& path) {
  if (!section.is_object()) return Error{path, "must be an object of observation codes, not " + json_type_name(section)};
  return read_named_objects<ObservationSpec>(section, path, read_spec);
}

}  // namespace trialcore::patient
