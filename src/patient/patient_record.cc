#include "patient/patient_record.h"

#include <cmath>

#include "patient/patient_id.h"
#include "base/object_reader.h"

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

// Unknown members are ignored with a warning (docs/formats.md): every ObjectReader here adds
// its warnings to the record's.
class RecordReader {
 public:
  explicit RecordReader(const RecordFormat& format) : format_(format) {}

  // One field of an object whose other members are someone else's.
  Result<Value> field(const Json& object, const FieldSpec& spec, const std::string& path,
                      std::vector<std::string>& warnings) {
    ObjectReader in(object, path, warnings);
    Value value = read_field(in, spec);
    in.ignore_other_members();
    return in.finish(std::move(value));
  }

  Result<ParsedRecord> read(const Json& json, const std::string& path) {
    if (!json.is_object()) return Error{path, "a patient record must be a JSON object, not " + json_type_name(json)};
    ParsedRecord parsed;
    PatientRecord& record = parsed.record;
    ObjectReader in(json, path, parsed.warnings);
    record.id = in.required_text("id");
    if (in.ok()) {
      Status valid_id = check_patient_id(record.id, member_path(path, "id"));
      if (!valid_id.ok()) in.fail(valid_id.error());
    }
    for (const FieldSpec& spec : format_.fields) record.facts.push_back(read_field(in, spec));
    read_observations(in, record, parsed.warnings);
    read_waivers(in, record);
    Status read = in.finish();
    if (!read.ok()) return read.error();
    return parsed;
  }

 private:
  static Value read_field(ObjectReader& in, const FieldSpec& spec) {
    switch (spec.kind) {
      case FieldKind::kText: {
        auto text = in.text(spec.name);
        return text ? Value::Text(*text) : Value::Unknown();
      }
      case FieldKind::kChoice: {
        auto text = in.text(spec.name);
        if (!text) return Value::Unknown();
        for (const std::string& choice : spec.choices) {
          if (*text == choice) return Value::Text(choice);
        }
        std::string list;
        for (const std::string& choice : spec.choices) list += (list.empty() ? "" : ", ") + choice;
        in.fail(spec.name, "'" + *text + "' is not one of " + list);
        return Value::Unknown();
      }
      case FieldKind::kInteger: {
        auto number = in.integer(spec.name);
        if (!number) return Value::Unknown();
        in.take(check_range(spec, static_cast<double>(*number), in.path_of(spec.name), ""));
        return Value::Number(static_cast<double>(*number));
      }
      case FieldKind::kNumber: {
        auto number = in.number(spec.name);
        if (!number) return Value::Unknown();
        in.take(check_range(spec, *number, in.path_of(spec.name), ""));
        return Value::Number(*number);
      }
      case FieldKind::kBoolean: {
        auto flag = in.boolean(spec.name);
        return flag ? Value::Boolean(*flag) : Value::Unknown();
      }
      case FieldKind::kDate: {
        auto date = in.date(spec.name);
        return date ? Value::OfDate(*date) : Value::Unknown();
      }
      case FieldKind::kQuantity: return read_quantity(in, spec);
      case FieldKind::kList: return read_list(in, spec);
    }
    return Value::Unknown();
  }

  // {"value": 165, "unit": "cm"}, converted to the field's unit.
  static Value read_quantity(ObjectReader& in, const FieldSpec& spec) {
    const Json* found = in.given(spec.name);
    if (!found) return Value::Unknown();
    if (!found->is_object()) {
      in.fail(spec.name, "must be an object such as {\"value\": 1, \"unit\": \"" + spec.unit + "\"}, not " +
                             json_type_name(*found));
      return Value::Unknown();
    }
    Value quantity;
    in.nested(*found, in.path_of(spec.name), [&](ObjectReader& members) {
      double value = members.required_number("value");
      std::string unit = members.required_text("unit");
      if (!members.ok()) return;
      bool accepted = unit == spec.unit;
      std::string choices = spec.unit;
      for (const std::string& other : spec.other_units) {
        accepted = accepted || unit == other;
        choices += ", " + other;
      }
      if (!accepted) {
        return members.fail("unit", "unit '" + unit + "' is not accepted for " + spec.name + "; use " + choices);
      }
      double converted = *convert_units(value, unit, spec.unit);
      if (members.take(check_range(spec, converted, members.path_of("value"), spec.unit))) {
        quantity = Value::OfQuantity(converted, spec.unit);
      }
    });
    return quantity;
  }

  static Value read_list(ObjectReader& in, const FieldSpec& spec) {
    const Json* found = in.given(spec.name);
    if (!found) return Value::Unknown();
    if (!found->is_array()) {
      in.fail(spec.name, "must be a list, not " + json_type_name(*found));
      return Value::Unknown();
    }
    auto entries = std::make_shared<std::vector<expr::Record>>();
    in.each(*found, in.path_of(spec.name), [&](const Json& entry, const std::string& entry_path) {
      if (!entry.is_object()) {
        return in.fail(Error{entry_path, "a " + spec.entry_name + " must be an object, not " + json_type_name(entry)});
      }
      in.nested(entry, entry_path, [&](ObjectReader& members) {
        expr::Record record;
        for (const FieldSpec& member : spec.members) record.members.push_back(read_field(members, member));
        if (members.ok()) members.take(check_start_before_end(spec, record, entry_path));
        entries->push_back(std::move(record));
      });
    });
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

  void read_observations(ObjectReader& in, PatientRecord& record, std::vector<std::string>& warnings) {
    const Json* found = in.given("observations");
    if (!found) return;
    if (!found->is_array()) return in.fail("observations", "must be a list, not " + json_type_name(*found));
    in.each(*found, in.path_of("observations"), [&](const Json& entry, const std::string& entry_path) {
      if (!entry.is_object()) {
        return in.fail(Error{entry_path, "an observation must be an object, not " + json_type_name(entry)});
      }
      std::optional<expr::Observation> observation;
      std::string ignored_uln;  // warned after the entry's unknown members, as it is read after them
      in.nested(entry, entry_path,
                [&](ObjectReader& members) { observation = read_observation(members, warnings, ignored_uln); });
      if (!ignored_uln.empty()) warnings.push_back(ignored_uln);
      if (observation && in.ok()) record.observations.push_back(std::move(*observation));
    });
  }

  // nullopt for a code the catalogue lacks (ignored with a warning).
  std::optional<expr::Observation> read_observation(ObjectReader& in, std::vector<std::string>& warnings,
                                                    std::string& ignored_uln) {
    std::string code = in.required_text("code");
    if (!in.ok()) return std::nullopt;
    const ObservationSpec* spec = find_observation(format_.observations, code);
    if (!spec) {
      warnings.push_back(in.path_of("code") + ": observation '" + code + "' is not in the protocol's catalogue, ignored");
      in.ignore_other_members();
      return std::nullopt;
    }
    expr::Observation observation;
    observation.code = code;
    observation.date = in.required_date("date");
    observation.method = in.text("method").value_or("");
    if (spec->is_text) {
      std::string text = in.required_text("value");
      in.member("unit");  // let pass, as for a measurement
      in.member("uln");
      if (!in.ok()) return std::nullopt;
      bool allowed = false;
      std::string list;
      for (const std::string& value : spec->values) {
        allowed = allowed || value == text;
        list += (list.empty() ? "" : ", ") + value;
      }
      if (!allowed) in.fail("value", "'" + text + "' is not a result of " + code + " (" + list + ")");
      observation.value = text;
      return observation;
    }
    double value = in.required_number("value");
    if (in.ok() && value < 0) in.fail("value", "must not be negative, not " + expr::format_number(value));
    std::string unit = in.required_text("unit");
    if (!in.ok()) return std::nullopt;
    auto converted = spec->to_unit(value, unit);
    if (!converted.ok()) {
      in.fail("unit", converted.error().message);
      return std::nullopt;
    }
    if (spec->maximum && *converted > *spec->maximum) {
      in.fail("value", "must be at most " + bound_text(*spec->maximum, spec->unit) + ", not " +
                           bound_text(*converted, spec->unit));
    }
    observation.value = expr::Quantity{*converted, spec->unit};
    std::optional<double> uln = in.number("uln");
    if (uln) {
      if (!spec->has_uln) {
        ignored_uln = in.path_of("uln") + ": " + code + " has no upper limit of normal in the catalogue, ignored";
      } else if (*uln <= 0) {
        in.fail("uln", "must be greater than 0, not " + expr::format_number(*uln));
      } else {
        observation.uln = *spec->to_unit(*uln, unit);
      }
    }
    return observation;
  }

  static void read_waivers(ObjectReader& in, PatientRecord& record) {
    const Json* found = in.given("waivers");
    if (!found) return;
    if (!found->is_array()) return in.fail("waivers", "must be a list, not " + json_type_name(*found));
    in.each(*found, in.path_of("waivers"), [&](const Json& entry, const std::string& entry_path) {
      if (!entry.is_object()) return in.fail(Error{entry_path, "a waiver must be an object, not " + json_type_name(entry)});
      in.nested(entry, entry_path, [&](ObjectReader& members) {
        Waiver waiver;
        waiver.path = entry_path;
        for (auto [key, target] : {std::pair{"criterion", &waiver.criterion}, std::pair{"by", &waiver.by},
                                   std::pair{"reason", &waiver.reason}}) {
          *target = members.required_text(key);
          if (members.ok() && target->empty()) members.fail(key, "must not be empty: a waiver says who, when and why");
        }
        waiver.date = members.required_date("date");
        record.waivers.push_back(std::move(waiver));
      });
    });
  }

  const RecordFormat& format_;
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
