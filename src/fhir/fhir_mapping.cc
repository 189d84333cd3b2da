#include "fhir/fhir_mapping.h"

#include <algorithm>

#include "base/find_by.h"

namespace trialcore::fhir {

namespace {

Result<Coding> read_coding(const Json& json, const std::string& path) {
  if (!json.is_object()) return Error{path, "a coding must be an object {system, code, display, source}"};
  Status known = reject_unknown_members(json, {"system", "code", "display", "source"}, path);
  if (!known.ok()) return known.error();
  Coding coding;
  for (auto [key, target] : {std::pair{"system", &coding.system}, std::pair{"code", &coding.code},
                             std::pair{"source", &coding.source}}) {
    auto text = required(read_text(json, key, path), key, path);
    if (!text.ok()) return text.error();
    if (text->empty()) return Error{member_path(path, key), "must not be empty: every code names where it was looked up"};
    *target = *text;
  }
  auto display = read_text(json, "display", path);
  if (!display.ok()) return display.error();
  coding.display = display->value_or("");
  return coding;
}

Result<Codings> read_codings(const Json& object, const char* key, const std::string& path, bool required_list) {
  std::string here = member_path(path, key);
  auto found = object.find(key);
  if (found == object.end()) {
    if (required_list) return Error{here, "is required"};
    return Codings{};
  }
  if (!found->is_array() || found->empty()) return Error{here, "must be a non-empty list of codings"};
  Codings codings;
  for (size_t i = 0; i < found->size(); ++i) {
    auto coding = read_coding((*found)[i], element_path(here, i));
    if (!coding.ok()) return coding.error();
    codings.push_back(std::move(*coding));
  }
  return codings;
}

Result<std::vector<CodedValue>> read_values(const Json& object, const char* key, const std::string& path) {
  std::vector<CodedValue> values;
  auto found = object.find(key);
  if (found == object.end()) return values;
  std::string here = member_path(path, key);
  if (!found->is_object()) return Error{here, "must be an object: value -> list of codings"};
  for (auto it = found->begin(); it != found->end(); ++it) {
    auto codes = read_codings(*found, it.key().c_str(), here, true);
    if (!codes.ok()) return codes.error();
    values.push_back({it.key(), std::move(*codes)});
  }
  return values;
}

Result<std::map<std::string, std::string>> read_units(const Json& object, const std::string& path,
                                                      const std::vector<std::string>& accepted) {
  std::map<std::string, std::string> units;
  auto found = object.find("units");
  if (found == object.end()) return units;
  std::string here = member_path(path, "units");
  if (!found->is_object()) return Error{here, "must be an object: UCUM unit -> the record's unit"};
  for (auto it = found->begin(); it != found->end(); ++it) {
    std::string member = member_path(here, it.key());
    if (!it->is_string()) return Error{member, "must be a unit of the record"};
    std::string unit = it->get<std::string>();
    if (std::find(accepted.begin(), accepted.end(), unit) == accepted.end()) {
      std::string list;
      for (const std::string& one : accepted) list += (list.empty() ? "" : ", ") + one;
      return Error{member, "'" + unit + "' is not accepted by the protocol here (" + list + ")"};
    }
    units[it.key()] = unit;
  }
  return units;
}

// Checks that each value is one the field can take.
Status check_values(const patient::FieldSpec& field, const std::vector<CodedValue>& values, const std::string& path) {
  using patient::FieldKind;
  for (const CodedValue& value : values) {
    std::string here = member_path(member_path(path, "values"), value.value);
    bool fits = false;
    switch (field.kind) {
      case FieldKind::kText: fits = true; break;
      case FieldKind::kChoice:
        fits = std::find(field.choices.begin(), field.choices.end(), value.value) != field.choices.end();
        break;
      case FieldKind::kBoolean: fits = value.value == "true" || value.value == "false"; break;
      case FieldKind::kInteger:
      case FieldKind::kNumber: {
        char* end = nullptr;
        double number = std::strtod(value.value.c_str(), &end);
        fits = !value.value.empty() && *end == '\0' && (!field.minimum || number >= *field.minimum) &&
               (!field.maximum || number <= *field.maximum);
        break;
      }
      default: fits = false;
    }
    if (!fits) return Error{here, "is not a value " + field.name + " can take"};
  }
  return Status::Ok();
}

Result<FactMapping> read_fact(const Json& json, const std::string& field_name, const std::string& path,
                              const patient::RecordFormat& format) {
  if (!json.is_object()) return Error{path, "must be an object"};
  Status known = reject_unknown_members(json, {"resource", "codes", "values", "units", "clinical_status"}, path);
  if (!known.ok()) return known.error();
  int slot = format.find_field(field_name);
  if (slot < 0) return Error{path, "'" + field_name + "' is not a field of the protocol's patient record"};
  const patient::FieldSpec& field = format.fields[slot];
  FactMapping fact;
  fact.field = field_name;
  auto resource = required(read_choice(json, "resource", path, {"Condition", "Observation"}), "resource", path);
  if (!resource.ok()) return resource.error();
  fact.resource = *resource == "Condition" ? FactResource::kCondition : FactResource::kObservation;
  auto values = read_values(json, "values", path);
  if (!values.ok()) return values.error();
  fact.values = std::move(*values);
  Status fits = check_values(field, fact.values, path);
  if (!fits.ok()) return fits.error();
  bool coded_condition = fact.resource == FactResource::kCondition && !fact.values.empty();
  auto codes = read_codings(json, "codes", path, !coded_condition);
  if (!codes.ok()) return codes.error();
  fact.codes = std::move(*codes);
  if (field.kind == patient::FieldKind::kQuantity) {
    std::vector<std::string> accepted = {field.unit};
    accepted.insert(accepted.end(), field.other_units.begin(), field.other_units.end());
    auto units = read_units(json, path, accepted);
    if (!units.ok()) return units.error();
    fact.units = std::move(*units);
    if (fact.units.empty()) return Error{member_path(path, "units"), "a quantity needs its units"};
  } else if (json.contains("units")) {
    return Error{member_path(path, "units"), "only a quantity has units"};
  }
  if (field.kind == patient::FieldKind::kList) return Error{path, "a list is read by its own section"};
  if (json.contains("clinical_status")) {
    std::string here = member_path(path, "clinical_status");
    const Json& status = json["clinical_status"];
    if (!status.is_object()) return Error{here, "must be an object {fact, values}"};
    Status status_known = reject_unknown_members(status, {"fact", "values"}, here);
    if (!status_known.ok()) return status_known.error();
    auto target = required(read_text(status, "fact", here), "fact", here);
    if (!target.ok()) return target.error();
    int target_slot = format.find_field(*target);
    if (target_slot < 0) return Error{member_path(here, "fact"), "'" + *target + "' is not a field of the record"};
    fact.status_field = *target;
    const Json* statuses = status.contains("values") ? &status["values"] : nullptr;
    if (!statuses || !statuses->is_object()) return Error{member_path(here, "values"), "must be an object: clinicalStatus code -> value"};
    std::vector<CodedValue> as_values;
    for (auto it = statuses->begin(); it != statuses->end(); ++it) {
      if (!it->is_string()) return Error{member_path(member_path(here, "values"), it.key()), "must be a text"};
      fact.status_values[it.key()] = it->get<std::string>();
      as_values.push_back({it->get<std::string>(), {}});
    }
    Status status_fits = check_values(format.fields[target_slot], as_values, here);
    if (!status_fits.ok()) return status_fits.error();
  }
  return fact;
}

Result<std::vector<CodedValue>> read_section_values(const Json& document, const char* section, const char* key,
                                                    const std::vector<std::string>& allowed) {
  std::string path = member_path("$", section);
  auto found = document.find(section);
  if (found == document.end()) return std::vector<CodedValue>{};
  if (!found->is_object()) return Error{path, "must be an object"};
  Status known = reject_unknown_members(*found, {key}, path);
  if (!known.ok()) return known.error();
  auto values = read_values(*found, key, path);
  if (!values.ok()) return values.error();
  for (const CodedValue& value : *values) {
    if (std::find(allowed.begin(), allowed.end(), value.value) == allowed.end()) {
      return Error{member_path(member_path(path, key), value.value), "is not one of the record's values here"};
    }
  }
  return values;
}

}  // namespace

Json Coding::json() const {
  Json coding = {{"system", system}, {"code", code}};
  if (!display.empty()) coding["display"] = display;
  return coding;
}

const FactMapping* FhirMapping::fact(const std::string& field) const {
  return find_by(facts, &FactMapping::field, field);
}

const ObservationMapping* FhirMapping::observation(const std::string& code) const {
  return find_by(observations, &ObservationMapping::code, code);
}

bool has_code(const Json& codeable_concept, const Codings& codes) {
  if (!codeable_concept.is_object()) return false;
  auto coding = codeable_concept.find("coding");
  if (coding == codeable_concept.end() || !coding->is_array()) return false;
  for (const Json& one : *coding) {
    if (!one.is_object()) continue;
    std::string system = one.value("system", "");
    std::string code = one.contains("code") && one["code"].is_string() ? one["code"].get<std::string>() : "";
    for (const Coding& known : codes) {
      if (known.system == system && known.code == code) return true;
    }
  }
  return false;
}

const CodedValue* coded_value(const Json& codeable_concept, const std::vector<CodedValue>& values) {
  for (const CodedValue& value : values) {
    if (has_code(codeable_concept, value.codes)) return &value;
  }
  return nullptr;
}

const CodedValue* value_named(const std::vector<CodedValue>& values, const std::string& value) {
  return find_by(values, &CodedValue::value, value);
}

Json codeable(const Codings& codes, const std::string& text) {
  Json concept_json = Json::object();
  if (!codes.empty()) concept_json["coding"] = Json::array({codes.front().json()});
  std::string shown = !text.empty() ? text : (!codes.empty() ? codes.front().display : "");
  if (!shown.empty()) concept_json["text"] = shown;
  return concept_json;
}

namespace {

// One entry of "observations": the catalogue's code, its FHIR codes, units and values.
Result<ObservationMapping> read_observation_mapping(const Json& entry, const std::string& code,
                                                    const patient::ObservationSpec& spec, const std::string& path) {
  if (!entry.is_object()) return Error{path, "must be an object"};
  Status members = reject_unknown_members(entry, {"codes", "units", "values"}, path);
  if (!members.ok()) return members.error();
  ObservationMapping observation;
  observation.code = code;
  auto codes = read_codings(entry, "codes", path, true);
  if (!codes.ok()) return codes.error();
  observation.codes = std::move(*codes);
  std::vector<std::string> accepted = {spec.unit};
  for (const auto& alternative : spec.alternatives) accepted.push_back(alternative.unit);
  auto units = read_units(entry, path, accepted);
  if (!units.ok()) return units.error();
  observation.units = std::move(*units);
  auto values = read_values(entry, "values", path);
  if (!values.ok()) return values.error();
  observation.values = std::move(*values);
  if (spec.is_text) {
    for (const CodedValue& value : observation.values) {
      if (std::find(spec.values.begin(), spec.values.end(), value.value) == spec.values.end()) {
        return Error{member_path(member_path(path, "values"), value.value), "is not a result of " + code};
      }
    }
    if (observation.values.empty()) return Error{member_path(path, "values"), "a text result needs its coded values"};
  } else if (observation.units.empty()) {
    return Error{member_path(path, "units"), "a measured observation needs its units"};
  }
  return observation;
}

Status read_observations_and_facts(const Json& document, const patient::RecordFormat& record_format, FhirMapping& mapping) {
  if (document.contains("observations")) {
    const Json& section = document["observations"];
    if (!section.is_object()) return Error{"$.observations", "must be an object of the catalogue's codes"};
    for (auto it = section.begin(); it != section.end(); ++it) {
      std::string path = member_path("$.observations", it.key());
      const patient::ObservationSpec* spec = patient::find_observation(record_format.observations, it.key());
      if (!spec) return Error{path, "'" + it.key() + "' is not in the protocol's observation catalogue"};
      auto observation = read_observation_mapping(*it, it.key(), *spec, path);
      if (!observation.ok()) return observation.error();
      mapping.observations.push_back(std::move(*observation));
    }
  }
  if (document.contains("facts")) {
    const Json& section = document["facts"];
    if (!section.is_object()) return Error{"$.facts", "must be an object of record fields"};
    for (auto it = section.begin(); it != section.end(); ++it) {
      auto fact = read_fact(*it, it.key(), member_path("$.facts", it.key()), record_format);
      if (!fact.ok()) return fact.error();
      mapping.facts.push_back(std::move(*fact));
    }
  }
  return Status::Ok();
}

// "therapies" (routes), "toxicities" (grades), "transplants" (types) and "response" (codes).
Status read_coded_sections(const Json& document, FhirMapping& mapping) {
  if (document.contains("therapies")) {
    const Json& section = document["therapies"];
    if (!section.is_object()) return Error{"$.therapies", "must be an object"};
    Status members = reject_unknown_members(section, {"cns_directed_routes", "systemic_routes"}, "$.therapies");
    if (!members.ok()) return members.error();
    auto cns = read_codings(section, "cns_directed_routes", "$.therapies", false);
    if (!cns.ok()) return cns.error();
    mapping.cns_directed_routes = std::move(*cns);
    auto systemic = read_codings(section, "systemic_routes", "$.therapies", false);
    if (!systemic.ok()) return systemic.error();
    mapping.systemic_routes = std::move(*systemic);
  }
  auto grades = read_section_values(document, "toxicities", "grades", {"1", "2", "3", "4", "5"});
  if (!grades.ok()) return grades.error();
  mapping.toxicity_grades = std::move(*grades);
  auto types = read_section_values(document, "transplants", "types", {"allogeneic", "autologous", "other"});
  if (!types.ok()) return types.error();
  mapping.transplant_types = std::move(*types);
  return Status::Ok();
}

Status read_study(const Json& document, FhirMapping& mapping) {
  if (!document.contains("study")) return Status::Ok();
  const Json& section = document["study"];
  if (!section.is_object()) return Error{"$.study", "must be an object"};
  Status members = reject_unknown_members(section, {"phase", "status", "status_source", "identifier_system"}, "$.study");
  if (!members.ok()) return members.error();
  if (section.contains("phase")) {
    auto phase = read_coding(section["phase"], "$.study.phase");
    if (!phase.ok()) return phase.error();
    mapping.study_phase = *phase;
  }
  // ResearchStudy.status in FHIR R4.
  auto status = read_choice(section, "status", "$.study",
                            {"active", "administratively-completed", "approved", "closed-to-accrual",
                             "closed-to-accrual-and-intervention", "completed", "disapproved", "in-review",
                             "temporarily-closed-to-accrual", "temporarily-closed-to-accrual-and-intervention",
                             "withdrawn"});
  if (!status.ok()) return status.error();
  mapping.study_status = status->value_or("");
  auto system = read_text(section, "identifier_system", "$.study");
  if (!system.ok()) return system.error();
  mapping.study_identifier_system = system->value_or("");
  if (!mapping.study_status.empty()) {
    auto status_source = required(read_text(section, "status_source", "$.study"), "status_source", "$.study");
    if (!status_source.ok()) return status_source.error();
  }
  return Status::Ok();
}

Status read_response(const Json& document, FhirMapping& mapping) {
  if (!document.contains("response")) return Status::Ok();
  const Json& section = document["response"];
  if (!section.is_object()) return Error{"$.response", "must be an object"};
  Status members = reject_unknown_members(section, {"codes"}, "$.response");
  if (!members.ok()) return members.error();
  auto codes = read_codings(section, "codes", "$.response", true);
  if (!codes.ok()) return codes.error();
  mapping.response_codes = std::move(*codes);
  return Status::Ok();
}

}  // namespace

Result<FhirMapping> load_fhir_mapping(std::string_view text, const std::string& origin, const Protocol& protocol) {
  auto parsed = parse_json_text(text, origin);
  if (!parsed.ok()) return parsed.error();
  const Json& document = *parsed;
  const std::string root = "$";
  if (!document.is_object()) return Error{root, "a FHIR mapping must be a JSON object"};
  Status known = reject_unknown_members(document, {"format", "protocol", "local_system", "observations", "facts",
                                                   "therapies", "toxicities", "transplants", "study", "response"},
                                        root);
  if (!known.ok()) return known.error();
  auto format = required(read_text(document, "format", root), "format", root);
  if (!format.ok()) return format.error();
  if (*format != "trialcore-fhir/1") return Error{"$.format", "must be \"trialcore-fhir/1\""};
  FhirMapping mapping;
  auto protocol_id = required(read_text(document, "protocol", root), "protocol", root);
  if (!protocol_id.ok()) return protocol_id.error();
  if (*protocol_id != protocol.id) {
    return Error{"$.protocol", "the mapping is for '" + *protocol_id + "', not the protocol '" + protocol.id + "'"};
  }
  mapping.protocol = *protocol_id;
  auto local = required(read_text(document, "local_system", root), "local_system", root);
  if (!local.ok()) return local.error();
  mapping.local_system = *local;
  Status read = read_observations_and_facts(document, protocol.record_format, mapping);
  if (read.ok()) read = read_coded_sections(document, mapping);
  if (read.ok()) read = read_study(document, mapping);
  if (read.ok()) read = read_response(document, mapping);
  if (!read.ok()) return read.error();
  return mapping;
}

Result<FhirMapping> load_builtin_fhir_mapping(const Protocol& protocol) {
  return load_fhir_mapping(builtin_fhir_mapping_text(), "the built-in FHIR mapping", protocol);
}

}  // namespace trialcore::fhir
