#include "patient/patient_record.h"

#include <cmath>

#include "patient/patient_id.h"

namespace trialcore::patient {

namespace {

using expr::Value;

std::string bound_text(double value, const std::string& unit) {
  return expr::format_number(value) + (unit.empty() ? "" : " " + unit);
}

// Checks a number against a field's bounds; the message names the possible range.
Status check_range(const FieldSpec& spec, double value, const std::string& path, const std::string& unit) {
  bool below = spec.minimum && (spec.minimum_exclusive ? value <= *spec.minimum : value < *spec.minimum);
  bool above = spec.maximum && value > *spec.maximum;
  if (!below && !above) return Status::Ok();
  std::string range;
  if (spec.minimum && spec.maximum && !spec.minimum_exclusive) {
    range = "must be " + bound_text(*spec.minimum, "") + " to " + bound_text(*spec.maximum, unit);
  } else if (below) {
    range = std::string("must be ") + (spec.minimum_exclusive ? "greater than " : "at least ") +
            bound_text(*spec.minimum, unit);
  } else {
    range = "must be at most " + bound_text(*spec.maximum, unit);
  }
  return Error{path, range + ", not " + bound_text(value, unit)};
}

class RecordReader {
 public:
  explicit RecordReader(const RecordFormat& format) : format_(format) {}

  Result<Value> field(const Json& object, const FieldSpec& spec, const std::string& path,
                      std::vector<std::string>& warnings) {
    auto value = read_field(object, spec, path);
    warnings.insert(warnings.end(), warnings_.begin(), warnings_.end());
    warnings_.clear();
    return value;
  }

  Result<ParsedRecord> read(const Json& json, const std::string& path) {
    if (!json.is_object()) return Error{path, "a patient record must be a JSON object, not " + json_type_name(json)};
    ParsedRecord parsed;
    PatientRecord& record = parsed.record;
    auto id = required(read_text(json, "id", path), "id", path);
    if (!id.ok()) return id.error();
    Status valid_id = check_patient_id(*id, member_path(path, "id"));
    if (!valid_id.ok()) return valid_id.error();
    record.id = *id;
    record.facts.assign(format_.fields.size(), Value::Unknown());
    for (size_t i = 0; i < format_.fields.size(); ++i) {
      const FieldSpec& spec = format_.fields[i];
      auto value = read_field(json, spec, path);
      if (!value.ok()) return value.error();
      record.facts[i] = std::move(*value);
    }
    Status observations = read_observations(json, path, record);
    if (!observations.ok()) return observations.error();
    Status waivers = read_waivers(json, path, record);
    if (!waivers.ok()) return waivers.error();
    for (auto it = json.begin(); it != json.end(); ++it) {
      const std::string& key = it.key();
      if (key == "id" || key == "observations" || key == "waivers" || format_.find_field(key) >= 0) continue;
      warnings_.push_back(member_path(path, key) + ": unknown field, ignored");
    }
    parsed.warnings = std::move(warnings_);
    return parsed;
  }

 private:
  Result<Value> read_field(const Json& object, const FieldSpec& spec, const std::string& path) {
    std::string here = member_path(path, spec.name);
    switch (spec.kind) {
      case FieldKind::kText: {
        auto text = read_text(object, spec.name, path);
        if (!text.ok()) return text.error();
        return text->has_value() ? Value::Text(**text) : Value::Unknown();
      }
      case FieldKind::kChoice: {
        auto text = read_text(object, spec.name, path);
        if (!text.ok()) return text.error();
        if (!text->has_value()) return Value::Unknown();
        for (const std::string& choice : spec.choices) {
          if (**text == choice) return Value::Text(choice);
        }
        std::string list;
        for (const std::string& choice : spec.choices) list += (list.empty() ? "" : ", ") + choice;
        return Error{here, "'" + **text + "' is not one of " + list};
      }
      case FieldKind::kInteger: {
        auto number = read_integer(object, spec.name, path);
        if (!number.ok()) return number.error();
        if (!number->has_value()) return Value::Unknown();
        Status range = check_range(spec, static_cast<double>(**number), here, "");
        if (!range.ok()) return range.error();
        return Value::Number(static_cast<double>(**number));
      }
      case FieldKind::kNumber: {
        auto number = read_number(object, spec.name, path);
        if (!number.ok()) return number.error();
        if (!number->has_value()) return Value::Unknown();
        Status range = check_range(spec, **number, here, "");
        if (!range.ok()) return range.error();
        return Value::Number(**number);
      }
      case FieldKind::kBoolean: {
        auto flag = read_bool(object, spec.name, path);
        if (!flag.ok()) return flag.error();
        return flag->has_value() ? Value::Boolean(**flag) : Value::Unknown();
      }
      case FieldKind::kDate: {
        auto date = read_date(object, spec.name, path);
        if (!date.ok()) return date.error();
        return date->has_value() ? Value::OfDate(**date) : Value::Unknown();
      }
      case FieldKind::kQuantity: return read_quantity(object, spec, path);
      case FieldKind::kList: return read_list(object, spec, path);
    }
    return Value::Unknown();
  }

  // {"value": 165, "unit": "cm"}, converted to the field's unit.
  Result<Value> read_quantity(const Json& object, const FieldSpec& spec, const std::string& path) {
    std::string here = member_path(path, spec.name);
    auto found = object.find(spec.name);
    if (found == object.end() || found->is_null()) return Value::Unknown();
    if (!found->is_object()) {
      return Error{here, "must be an object such as {\"value\": 1, \"unit\": \"" + spec.unit + "\"}, not " +
                             json_type_name(*found)};
    }
    warn_unknown(*found, {"value", "unit"}, here);
    auto value = required(read_number(*found, "value", here), "value", here);
    if (!value.ok()) return value.error();
    auto unit = required(read_text(*found, "unit", here), "unit", here);
    if (!unit.ok()) return unit.error();
    bool accepted = *unit == spec.unit;
    std::string choices = spec.unit;
    for (const std::string& other : spec.other_units) {
      accepted = accepted || *unit == other;
      choices += ", " + other;
    }
    if (!accepted) {
      return Error{member_path(here, "unit"), "unit '" + *unit + "' is not accepted for " + spec.name + "; use " + choices};
    }
    double converted = *convert_units(*value, *unit, spec.unit);
    Status range = check_range(spec, converted, member_path(here, "value"), spec.unit);
    if (!range.ok()) return range.error();
    return Value::OfQuantity(converted, spec.unit);
  }

  Result<Value> read_list(const Json& object, const FieldSpec& spec, const std::string& path) {
    std::string here = member_path(path, spec.name);
    auto found = object.find(spec.name);
    if (found == object.end() || found->is_null()) return Value::Unknown();
    if (!found->is_array()) return Error{here, "must be a list, not " + json_type_name(*found)};
    auto entries = std::make_shared<std::vector<expr::Record>>();
    for (size_t i = 0; i < found->size(); ++i) {
      const Json& entry = (*found)[i];
      std::string entry_path = element_path(here, i);
      if (!entry.is_object()) return Error{entry_path, "a " + spec.entry_name + " must be an object, not " + json_type_name(entry)};
      expr::Record record;
      for (const FieldSpec& member : spec.members) {
        auto value = read_field(entry, member, entry_path);
        if (!value.ok()) return value.error();
        record.members.push_back(std::move(*value));
      }
      Status order = check_start_before_end(spec, record, entry_path);
      if (!order.ok()) return order.error();
      for (auto it = entry.begin(); it != entry.end(); ++it) {
        bool known = false;
        for (const FieldSpec& member : spec.members) known = known || member.name == it.key();
        if (!known) warnings_.push_back(member_path(entry_path, it.key()) + ": unknown field, ignored");
      }
      entries->push_back(std::move(record));
    }
    return Value::OfList(std::move(entries));
  }

  // An entry with a start and an end must not end before it starts.
  static Status check_start_before_end(const FieldSpec& spec, const expr::Record& record, const std::string& path) {
    int start = -1, end = -1;
    for (size_t i = 0; i < spec.members.size(); ++i) {
      if (spec.members[i].kind != FieldKind::kDate) continue;
      if (spec.members[i].name == "start") start = static_cast<int>(i);
      if (spec.members[i].name == "end") end = static_cast<int>(i);
    }
    if (start < 0 || end < 0) return Status::Ok();
    const Value& from = record.members[start];
    const Value& to = record.members[end];
    if (from.known() && to.known() && to.date() < from.date()) {
      return Error{member_path(path, "end"), to.date().to_string() + " is before the start " + from.date().to_string()};
    }
    return Status::Ok();
  }

  Status read_observations(const Json& json, const std::string& path, PatientRecord& record) {
    std::string here = member_path(path, "observations");
    auto found = json.find("observations");
    if (found == json.end() || found->is_null()) return Status::Ok();
    if (!found->is_array()) return Error{here, "must be a list, not " + json_type_name(*found)};
    for (size_t i = 0; i < found->size(); ++i) {
      std::string entry_path = element_path(here, i);
      auto observation = read_observation((*found)[i], entry_path);
      if (!observation.ok()) return observation.error();
      if (*observation) record.observations.push_back(std::move(**observation));
    }
    return Status::Ok();
  }

  // nullopt for a code the catalogue lacks (ignored with a warning).
  Result<std::optional<expr::Observation>> read_observation(const Json& entry, const std::string& path) {
    if (!entry.is_object()) return Error{path, "an observation must be an object, not " + json_type_name(entry)};
    auto code = required(read_text(entry, "code", path), "code", path);
    if (!code.ok()) return code.error();
    const ObservationSpec* spec = find_observation(format_.observations, *code);
    if (!spec) {
      warnings_.push_back(member_path(path, "code") + ": observation '" + *code + "' is not in the protocol's catalogue, ignored");
      return std::optional<expr::Observation>();
    }
    warn_unknown(entry, {"code", "value", "unit", "uln", "date", "method"}, path);
    expr::Observation observation;
    observation.code = *code;
    auto date = required(read_date(entry, "date", path), "date", path);
    if (!date.ok()) return date.error();
    observation.date = *date;
    auto method = read_text(entry, "method", path);
    if (!method.ok()) return method.error();
    observation.method = method->value_or("");
    std::string value_path = member_path(path, "value");
    if (spec->is_text) {
      auto text = required(read_text(entry, "value", path), "value", path);
      if (!text.ok()) return text.error();
      bool allowed = false;
      std::string list;
      for (const std::string& value : spec->values) {
        allowed = allowed || value == *text;
        list += (list.empty() ? "" : ", ") + value;
      }
      if (!allowed) return Error{value_path, "'" + *text + "' is not a result of " + *code + " (" + list + ")"};
      observation.value = *text;
      return std::optional<expr::Observation>(std::move(observation));
    }
    auto value = required(read_number(entry, "value", path), "value", path);
    if (!value.ok()) return value.error();
    if (*value < 0) return Error{value_path, "must not be negative, not " + expr::format_number(*value)};
    auto unit = required(read_text(entry, "unit", path), "unit", path);
    if (!unit.ok()) return unit.error();
    auto converted = spec->to_unit(*value, *unit);
    if (!converted.ok()) return Error{member_path(path, "unit"), converted.error().message};
    if (spec->maximum && *converted > *spec->maximum) {
      return Error{value_path, "must be at most " + bound_text(*spec->maximum, spec->unit) + ", not " +
                                   bound_text(*converted, spec->unit)};
    }
    observation.value = expr::Quantity{*converted, spec->unit};
    auto uln = read_number(entry, "uln", path);
    if (!uln.ok()) return uln.error();
    if (uln->has_value()) {
      if (!spec->has_uln) {
        warnings_.push_back(member_path(path, "uln") + ": " + *code + " has no upper limit of normal in the catalogue, ignored");
      } else if (**uln <= 0) {
        return Error{member_path(path, "uln"), "must be greater than 0, not " + expr::format_number(**uln)};
      } else {
        observation.uln = *spec->to_unit(**uln, *unit);
      }
    }
    return std::optional<expr::Observation>(std::move(observation));
  }

  Status read_waivers(const Json& json, const std::string& path, PatientRecord& record) {
    std::string here = member_path(path, "waivers");
    auto found = json.find("waivers");
    if (found == json.end() || found->is_null()) return Status::Ok();
    if (!found->is_array()) return Error{here, "must be a list, not " + json_type_name(*found)};
    for (size_t i = 0; i < found->size(); ++i) {
      const Json& entry = (*found)[i];
      std::string entry_path = element_path(here, i);
      if (!entry.is_object()) return Error{entry_path, "a waiver must be an object, not " + json_type_name(entry)};
      warn_unknown(entry, {"criterion", "by", "date", "reason"}, entry_path);
      Waiver waiver;
      waiver.path = entry_path;
      for (auto [key, target] : {std::pair{"criterion", &waiver.criterion}, std::pair{"by", &waiver.by},
                                 std::pair{"reason", &waiver.reason}}) {
        auto text = required(read_text(entry, key, entry_path), key, entry_path);
        if (!text.ok()) return text.error();
        if (text->empty()) return Error{member_path(entry_path, key), "must not be empty: a waiver says who, when and why"};
        *target = *text;
      }
      auto date = required(read_date(entry, "date", entry_path), "date", entry_path);
      if (!date.ok()) return date.error();
      waiver.date = *date;
      record.waivers.push_back(std::move(waiver));
    }
    return Status::Ok();
  }

  void warn_unknown(const Json& object, std::initializer_list<std::string_view> known, const std::string& path) {
    for (const std::string& member : unknown_members(object, known, path)) {
      warnings_.push_back(member + ": unknown field, ignored");
    }
  }

  const RecordFormat& format_;
  std::vector<std::string> warnings_;
};

}  // namespace

const expr::Value& PatientRecord::fact(const RecordFormat& format, const std::string& name) const {
  static const expr::Value unknown;
  int slot = format.find_field(name);
  return slot < 0 ? unknown : facts[slot];
}

Result<expr::Value> read_field_value(const Json& object, const FieldSpec& spec, const std::string& path,
                                     std::vector<std::string>& warnings) {
  RecordFormat none;
  return RecordReader(none).field(object, spec, path, warnings);
}

Result<ParsedRecord> read_patient_record(const Json& json, const RecordFormat& format, const std::string& path) {
  return RecordReader(format).read(json, path);
}

Result<ParsedRecord> parse_patient_record(std::string_view text, const RecordFormat& format) {
  auto json = parse_json_text(text, "the patient record");
  if (!json.ok()) return json.error();
  return read_patient_record(*json, format, "$");
}

}  // namespace trialcore::patient
