#include "fhir/bundle_import.h"

#include <map>

#include "fhir/extensions.h"
#include "patient/patient_record.h"

namespace trialcore::fhir {

namespace {

// "system|code display" of a CodeableConcept's first coding, or its text.
std::string code_label(const Json& concept_json) {
  if (!concept_json.is_object()) return "";
  auto coding = concept_json.find("coding");
  if (coding != concept_json.end() && coding->is_array() && !coding->empty() && (*coding)[0].is_object()) {
    const Json& first = (*coding)[0];
    std::string label = first.value("system", "") + "|" + (first.contains("code") && first["code"].is_string() ? first["code"].get<std::string>() : "");
    if (first.contains("display") && first["display"].is_string()) label += " " + first["display"].get<std::string>();
    return label;
  }
  return concept_json.value("text", "");
}

std::string first_code(const Json& resource, const char* key) {
  auto found = resource.find(key);
  if (found == resource.end() || !found->is_object()) return "";
  auto coding = found->find("coding");
  if (coding == found->end() || !coding->is_array() || coding->empty() || !(*coding)[0].is_object()) return "";
  const Json& first = (*coding)[0];
  return first.contains("code") && first["code"].is_string() ? first["code"].get<std::string>() : "";
}

// A FHIR date or dateTime as the record's date: the day is required.
Result<std::optional<Date>> fhir_date(const Json& object, const char* key, const std::string& path) {
  auto found = object.find(key);
  if (found == object.end() || found->is_null()) return std::optional<Date>();
  std::string here = member_path(path, key);
  if (!found->is_string()) return Error{here, "must be a date, not " + json_type_name(*found)};
  std::string text = found->get<std::string>();
  if (text.size() < 10) return Error{here, "'" + text + "' has no day: the record needs a date YYYY-MM-DD"};
  auto date = Date::Parse(text.substr(0, 10));
  if (!date.ok()) return Error{here, date.error().message};
  return std::optional<Date>(*date);
}

// The first of `keys` present: "effectiveDateTime", "effectivePeriod" (its start), ...
Result<std::optional<Date>> first_date(const Json& resource, std::initializer_list<const char*> keys,
                                       const std::string& path) {
  for (const char* key : keys) {
    std::string name = key;
    if (name.size() > 6 && name.compare(name.size() - 6, 6, "Period") == 0) {
      auto period = resource.find(key);
      if (period == resource.end() || !period->is_object()) continue;
      auto start = fhir_date(*period, "start", member_path(path, key));
      if (!start.ok() || start->has_value()) return start;
      continue;
    }
    auto date = fhir_date(resource, key, path);
    if (!date.ok() || date->has_value()) return date;
  }
  return std::optional<Date>();
}

Json typed_value(const patient::FieldSpec& field, const std::string& value) {
  using patient::FieldKind;
  if (field.kind == FieldKind::kBoolean) return value == "true";
  if (field.kind == FieldKind::kInteger || field.kind == FieldKind::kNumber) {
    double number = std::strtod(value.c_str(), nullptr);
    if (field.kind == FieldKind::kInteger) return static_cast<int64_t>(number);
    return number;
  }
  return value;
}

const Json* find_extension(const Json& resource, const char* url) {
  auto extensions = resource.find("extension");
  if (extensions == resource.end() || !extensions->is_array()) return nullptr;
  for (const Json& extension : *extensions) {
    if (extension.is_object() && extension.value("url", "") == url) return &extension;
  }
  return nullptr;
}

struct DatedFact {
  Json value;
  std::optional<Date> date;
  std::string path;
};

class BundleReader {
 public:
  BundleReader(const Protocol& protocol, const FhirMapping& mapping, std::optional<Date> as_of)
      : format_(protocol.record_format), mapping_(mapping), as_of_(as_of) {}

  Result<ImportedRecord> read(const Json& bundle) {
    if (!bundle.is_object()) return Error{"Bundle", "must be a JSON object, not " + json_type_name(bundle)};
    if (bundle.value("resourceType", "") != "Bundle") {
      return Error{"Bundle.resourceType", "must be \"Bundle\" (a FHIR R4 Bundle of one patient's resources)"};
    }
    auto entries = bundle.find("entry");
    if (entries == bundle.end() || !entries->is_array()) return Error{"Bundle.entry", "must be a list of entries"};
    for (size_t i = 0; i < entries->size(); ++i) {
      std::string entry_path = "Bundle.entry[" + std::to_string(i) + "]";
      const Json& entry = (*entries)[i];
      if (!entry.is_object()) return Error{entry_path, "an entry must be an object"};
      auto resource = entry.find("resource");
      if (resource == entry.end() || !resource->is_object()) return Error{entry_path + ".resource", "is required: an entry carries a resource"};
      auto type = read_text(*resource, "resourceType", entry_path + ".resource");
      if (!type.ok()) return type.error();
      if (!type->has_value()) return Error{entry_path + ".resource.resourceType", "is required"};
      Status read = read_resource(*resource, **type, entry_path + ".resource");
      if (!read.ok()) return read.error();
    }
    if (!patient_seen_) return Error{"Bundle.entry", "has no Patient: the Bundle must hold the patient's Patient resource"};
    return finish();
  }

 private:
  Status read_resource(const Json& resource, const std::string& type, const std::string& path) {
    if (type == "Patient") return read_patient(resource, path);
    if (type == "Observation") return read_observation(resource, path);
    if (type == "Condition") return read_condition(resource, path);
    if (type == "Procedure") return read_procedure(resource, path);
    if (type == "MedicationStatement" || type == "MedicationAdministration") return read_therapy(resource, type, path);
    if (type == "ResearchSubject") return read_subject(resource, path);
    if (type == "List") return read_empty_list(resource, path);
    unmapped(resource, path, "a " + type + " is not part of a patient record");
    return Status::Ok();
  }

  void unmapped(const Json& resource, const std::string& path, const std::string& reason, const Json* concept_json = nullptr) {
    Unmapped entry;
    entry.path = path;
    entry.resource_type = resource.value("resourceType", "");
    entry.code = code_label(concept_json ? *concept_json : resource.value("code", Json::object()));
    entry.reason = reason;
    imported_.unmapped.push_back(std::move(entry));
  }

  // Dated after the import's date: not used, and listed.
  bool after_as_of(const Json& resource, std::optional<Date> date, const std::string& path) {
    if (!as_of_ || !date || *date <= *as_of_) return false;
    unmapped(resource, path, "dated " + date->to_string() + ", after " + as_of_->to_string() + ": not used");
    return true;
  }

  bool withdrawn(const Json& resource, const std::string& path) {
    std::string status = resource.value("status", "");
    if (status == "entered-in-error" || status == "cancelled" || status == "not-done" || status == "not-taken") {
      unmapped(resource, path, "status " + status + ": not used");
      return true;
    }
    return false;
  }

  // The latest dated statement of a fact wins; an undated one counts only when none is dated.
  void set_fact(const std::string& field, Json value, std::optional<Date> date, const std::string& path,
                std::map<std::string, DatedFact>& facts) {
    auto found = facts.find(field);
    if (found != facts.end()) {
      const DatedFact& held = found->second;
      bool newer = date && (!held.date || *date >= *held.date);
      if (!newer) return;
    }
    facts[field] = {std::move(value), date, path};
  }

  Status read_patient(const Json& resource, const std::string& path) {
    if (patient_seen_) {
      return Error{path, "a second Patient (the first is " + patient_path_ +
                             "): import one patient's Bundle at a time"};
    }
    patient_seen_ = true;
    patient_path_ = path;
    std::string id;
    auto identifiers = resource.find("identifier");
    if (identifiers != resource.end() && identifiers->is_array()) {
      for (const Json& identifier : *identifiers) {
        if (identifier.is_object() && identifier.contains("value") && identifier["value"].is_string()) {
          id = identifier["value"].get<std::string>();
          if (identifier.value("system", "") == kPatientIdSystem) break;
        }
      }
    }
    if (id.empty() && resource.contains("id") && resource["id"].is_string()) id = resource["id"].get<std::string>();
    if (id.empty()) return Error{path + ".identifier", "is required: the patient record needs an id (an identifier or the resource's id)"};
    imported_.record["id"] = id;
    sources_["$.id"] = path + ".identifier";
    auto birth = fhir_date(resource, "birthDate", path);
    if (!birth.ok()) return birth.error();
    if (birth->has_value()) {
      imported_.record["birth_date"] = (*birth)->to_string();
      sources_["$.birth_date"] = path + ".birthDate";
    }
    auto gender = read_choice(resource, "gender", path, {"male", "female", "other", "unknown"});
    if (!gender.ok()) return gender.error();
    if (gender->has_value()) {
      imported_.record["sex"] = **gender;
      sources_["$.sex"] = path + ".gender";
    }
    return Status::Ok();
  }

  Status read_observation(const Json& resource, const std::string& path) {
    if (withdrawn(resource, path)) return Status::Ok();
    const Json code = resource.value("code", Json::object());
    auto date = first_date(resource, {"effectiveDateTime", "effectivePeriod", "effectiveInstant", "issued"}, path);
    if (!date.ok()) return date.error();
    for (const ObservationMapping& observation : mapping_.observations) {
      if (!has_code(code, observation.codes)) continue;
      if (after_as_of(resource, *date, path)) return Status::Ok();
      return read_catalogue_observation(resource, observation, *date, path);
    }
    for (const FactMapping& fact : mapping_.facts) {
      if (fact.resource != FactResource::kObservation || !has_code(code, fact.codes)) continue;
      if (after_as_of(resource, *date, path)) return Status::Ok();
      return read_observed_fact(resource, fact, *date, path);
    }
    if (has_code(code, mapping_.response_codes)) {
      unmapped(resource, path, "an assessment of response in the trial, not part of a patient record");
      return Status::Ok();
    }
    unmapped(resource, path, "no fact or observation of the protocol has this code");
    return Status::Ok();
  }

  // The unit a Quantity carries: its UCUM code, else its unit text; and the member read.
  static std::pair<std::string, std::string> quantity_unit(const Json& quantity, const std::string& path) {
    if (quantity.contains("code") && quantity["code"].is_string() &&
        (!quantity.contains("system") || quantity.value("system", "") == kUcum)) {
      return {quantity["code"].get<std::string>(), path + ".code"};
    }
    if (quantity.contains("unit") && quantity["unit"].is_string()) return {quantity["unit"].get<std::string>(), path + ".unit"};
    return {"", path + ".unit"};
  }

  // {"value", "unit"} in the record's unit names, converted by the record reader later.
  Result<Json> read_quantity(const Json& resource, const std::map<std::string, std::string>& units,
                             const std::string& what, const std::string& record_unit, const std::string& path) {
    std::string here = path + ".valueQuantity";
    auto quantity = resource.find("valueQuantity");
    if (quantity == resource.end() || !quantity->is_object()) {
      return Error{here, "is required: " + what + " is a measured value with its unit"};
    }
    auto value = required(read_number(*quantity, "value", here), "value", here);
    if (!value.ok()) return value.error();
    auto [unit, unit_path] = quantity_unit(*quantity, here);
    if (unit.empty()) return Error{unit_path, "is required: a value of " + what + " needs its unit"};
    auto known = units.find(unit);
    if (known == units.end()) {
      std::string list;
      for (const auto& [ucum, _] : units) list += (list.empty() ? "" : ", ") + ucum;
      return Error{unit_path, "unit '" + unit + "' cannot be converted to " + what + " (" + record_unit +
                                  "); the protocol's mapping reads " + list};
    }
    return Json{{"value", *value}, {"unit", known->second}};
  }

  Status read_catalogue_observation(const Json& resource, const ObservationMapping& observation,
                                    std::optional<Date> date, const std::string& path) {
    const patient::ObservationSpec* spec = patient::find_observation(format_.observations, observation.code);
    if (!date) return Error{path + ".effectiveDateTime", "is required: an observation of " + observation.code + " counts only with its date"};
    Json entry = {{"code", observation.code}, {"date", date->to_string()}};
    if (spec->is_text) {
      const CodedValue* value = nullptr;
      if (resource.contains("valueCodeableConcept")) value = coded_value(resource["valueCodeableConcept"], observation.values);
      if (!value && resource.contains("valueString") && resource["valueString"].is_string()) {
        value = value_named(observation.values, resource["valueString"].get<std::string>());
      }
      if (!value) {
        const Json concept_json = resource.value("valueCodeableConcept", Json::object());
        unmapped(resource, path, "the result of " + observation.code + " is not one the mapping knows", &concept_json);
        return Status::Ok();
      }
      entry["value"] = value->value;
    } else {
      auto quantity = read_quantity(resource, observation.units, observation.code, spec->unit, path);
      if (!quantity.ok()) return quantity.error();
      entry["value"] = (*quantity)["value"];
      entry["unit"] = (*quantity)["unit"];
      if (spec->has_uln) {
        auto ranges = resource.find("referenceRange");
        if (ranges != resource.end() && ranges->is_array() && !ranges->empty() && (*ranges)[0].is_object() &&
            (*ranges)[0].contains("high")) {
          std::string high_path = path + ".referenceRange[0].high";
          const Json& high = (*ranges)[0]["high"];
          if (!high.is_object()) return Error{high_path, "must be a Quantity"};
          auto uln = required(read_number(high, "value", high_path), "value", high_path);
          if (!uln.ok()) return uln.error();
          auto [unit, unit_path] = quantity_unit(high, high_path);
          auto known = observation.units.find(unit);
          if (!unit.empty() && (known == observation.units.end() || known->second != entry["unit"].get<std::string>())) {
            return Error{unit_path, "the upper limit of normal must be in the value's unit (" +
                                        entry["unit"].get<std::string>() + "), not '" + unit + "'"};
          }
          entry["uln"] = *uln;
        }
      }
    }
    if (resource.contains("method") && resource["method"].is_object()) {
      const Json& method = resource["method"];
      std::string text = method.value("text", "");
      if (text.empty()) text = code_label(method);
      if (!text.empty()) entry["method"] = text;
    }
    std::string record_path = "$.observations[" + std::to_string(observations_.size()) + "]";
    sources_[record_path] = path;
    observations_.push_back(std::move(entry));
    return Status::Ok();
  }

  Status read_observed_fact(const Json& resource, const FactMapping& fact, std::optional<Date> date,
                            const std::string& path) {
    using patient::FieldKind;
    const patient::FieldSpec& field = format_.fields[format_.find_field(fact.field)];
    Json value;
    if (resource.contains("valueCodeableConcept") && !fact.values.empty()) {
      const CodedValue* coded = coded_value(resource["valueCodeableConcept"], fact.values);
      if (!coded) {
        unmapped(resource, path, "the value of " + fact.field + " is not one the mapping knows", &resource["valueCodeableConcept"]);
        return Status::Ok();
      }
      value = typed_value(field, coded->value);
    } else if (field.kind == FieldKind::kQuantity) {
      auto quantity = read_quantity(resource, fact.units, fact.field, field.unit, path);
      if (!quantity.ok()) return quantity.error();
      value = *quantity;
    } else if (field.kind == FieldKind::kBoolean && resource.contains("valueBoolean")) {
      value = resource["valueBoolean"];
    } else if ((field.kind == FieldKind::kInteger || field.kind == FieldKind::kNumber) && resource.contains("valueInteger")) {
      value = resource["valueInteger"];
    } else if ((field.kind == FieldKind::kInteger || field.kind == FieldKind::kNumber) && resource.contains("valueQuantity") &&
               resource["valueQuantity"].is_object()) {
      value = resource["valueQuantity"].value("value", Json());
    } else if ((field.kind == FieldKind::kText || field.kind == FieldKind::kChoice) && resource.contains("valueString")) {
      value = resource["valueString"];
    } else if (field.kind == FieldKind::kDate && resource.contains("valueDateTime")) {
      auto day = fhir_date(resource, "valueDateTime", path);
      if (!day.ok()) return day.error();
      value = (*day)->to_string();
    } else {
      unmapped(resource, path, "has no value of the kind " + fact.field + " takes");
      return Status::Ok();
    }
    set_fact(fact.field, std::move(value), date, path, facts_);
    return Status::Ok();
  }

  Status read_condition(const Json& resource, const std::string& path) {
    std::string verification = first_code(resource, "verificationStatus");
    std::string clinical = first_code(resource, "clinicalStatus");
    if (verification == "entered-in-error") {
      unmapped(resource, path, "verificationStatus entered-in-error: not used");
      return Status::Ok();
    }
    const Json code = resource.value("code", Json::object());
    auto date = first_date(resource, {"onsetDateTime", "onsetPeriod", "recordedDate"}, path);
    if (!date.ok()) return date.error();
    for (const FactMapping& fact : mapping_.facts) {
      if (fact.resource != FactResource::kCondition) continue;
      const patient::FieldSpec& field = format_.fields[format_.find_field(fact.field)];
      if (!fact.values.empty()) {
        const CodedValue* value = coded_value(code, fact.values);
        if (!value) continue;
        if (after_as_of(resource, *date, path)) return Status::Ok();
        if (verification == "refuted") {
          unmapped(resource, path, "refuted: says what " + fact.field + " is not");
          return Status::Ok();
        }
        set_fact(fact.field, typed_value(field, value->value), *date, path, facts_);
        auto status = fact.status_values.find(clinical);
        if (!fact.status_field.empty() && status != fact.status_values.end()) {
          const patient::FieldSpec& target = format_.fields[format_.find_field(fact.status_field)];
          set_fact(fact.status_field, typed_value(target, status->second), *date, path + ".clinicalStatus", fallback_facts_);
        }
        return Status::Ok();
      }
      if (!has_code(code, fact.codes)) continue;
      if (after_as_of(resource, *date, path)) return Status::Ok();
      if (field.kind == patient::FieldKind::kDate) {
        auto onset = first_date(resource, {"onsetDateTime", "onsetPeriod"}, path);
        if (!onset.ok()) return onset.error();
        if (!onset->has_value() || verification == "refuted") {
          unmapped(resource, path, verification == "refuted" ? "refuted: not used" : "has no onset date for " + fact.field);
          return Status::Ok();
        }
        set_fact(fact.field, (*onset)->to_string(), *date, path, facts_);
        return Status::Ok();
      }
      // Present: true; refuted, resolved or inactive: false.
      bool present = verification != "refuted" && clinical != "resolved" && clinical != "inactive" && clinical != "remission";
      set_fact(fact.field, present, *date, path, facts_);
      return Status::Ok();
    }
    return read_toxicity(resource, clinical, *date, path);
  }

  Status read_toxicity(const Json& resource, const std::string& clinical, std::optional<Date> date, const std::string& path) {
    const CodedValue* grade = nullptr;
    auto stages = resource.find("stage");
    if (stages != resource.end() && stages->is_array()) {
      for (const Json& stage : *stages) {
        if (stage.is_object() && stage.contains("summary")) grade = grade ? grade : coded_value(stage["summary"], mapping_.toxicity_grades);
      }
    }
    if (!grade) {
      unmapped(resource, path, "no fact of the protocol has this code, and it carries no toxicity grade");
      return Status::Ok();
    }
    if (after_as_of(resource, date, path)) return Status::Ok();
    const Json code = resource.value("code", Json::object());
    std::string term = code.value("text", "");
    if (term.empty()) term = code_label(code);
    if (term.empty()) return Error{path + ".code", "is required: a toxicity needs its term"};
    Json toxicity = {{"term", term}, {"grade", std::stoi(grade->value)}};
    if (clinical == "resolved" || clinical == "inactive" || clinical == "remission") {
      toxicity["resolved"] = true;
    } else if (clinical == "active" || clinical == "recurrence" || clinical == "relapse") {
      toxicity["resolved"] = false;
    } else {
      toxicity["resolved"] = nullptr;
    }
    sources_["$.toxicities[" + std::to_string(toxicities_.size()) + "]"] = path;
    toxicities_.push_back(std::move(toxicity));
    return Status::Ok();
  }

  Status read_procedure(const Json& resource, const std::string& path) {
    if (withdrawn(resource, path)) return Status::Ok();
    const CodedValue* type = coded_value(resource.value("code", Json::object()), mapping_.transplant_types);
    if (!type) {
      unmapped(resource, path, "no transplant of the mapping has this code");
      return Status::Ok();
    }
    auto date = first_date(resource, {"performedDateTime", "performedPeriod"}, path);
    if (!date.ok()) return date.error();
    if (after_as_of(resource, *date, path)) return Status::Ok();
    Json transplant = {{"type", type->value}, {"date", *date ? Json((*date)->to_string()) : Json()}};
    sources_["$.transplants[" + std::to_string(transplants_.size()) + "]"] = path;
    transplants_.push_back(std::move(transplant));
    return Status::Ok();
  }

  Status read_therapy(const Json& resource, const std::string& type, const std::string& path) {
    if (find_extension(resource, kExtensionCourse)) {
      unmapped(resource, path, "a dose of the trial's own treatment, not a prior therapy");
      return Status::Ok();
    }
    if (withdrawn(resource, path)) return Status::Ok();
    const Json medication = resource.value("medicationCodeableConcept", Json::object());
    std::string name = medication.value("text", "");
    if (name.empty()) {
      auto coding = medication.find("coding");
      if (coding != medication.end() && coding->is_array() && !coding->empty() && (*coding)[0].is_object()) {
        name = (*coding)[0].value("display", (*coding)[0].value("code", ""));
      }
    }
    if (name.empty() && resource.contains("medicationReference") && resource["medicationReference"].is_object()) {
      name = resource["medicationReference"].value("display", "");
    }
    if (name.empty()) return Error{path + ".medicationCodeableConcept", "is required: a therapy needs its name (text or a coding's display)"};
    auto start = first_date(resource, {"effectiveDateTime", "effectivePeriod"}, path);
    if (!start.ok()) return start.error();
    if (after_as_of(resource, *start, path)) return Status::Ok();
    std::optional<Date> end;
    if (resource.contains("effectivePeriod") && resource["effectivePeriod"].is_object()) {
      auto ended = fhir_date(resource["effectivePeriod"], "end", path + ".effectivePeriod");
      if (!ended.ok()) return ended.error();
      end = *ended;
    } else if (type == "MedicationAdministration" && *start) {
      end = *start;  // one administration: given on its day
    }
    Json therapy = {{"name", name}, {"start", *start ? Json((*start)->to_string()) : Json()},
                    {"end", end ? Json(end->to_string()) : Json()}, {"cns_directed", nullptr}};
    if (const Json* cns = find_extension(resource, kExtensionCnsDirected); cns && cns->contains("valueBoolean")) {
      therapy["cns_directed"] = (*cns)["valueBoolean"];
    } else {
      std::vector<const Json*> routes;
      if (resource.contains("dosage") && resource["dosage"].is_array()) {
        for (const Json& dosage : resource["dosage"]) {
          if (dosage.is_object() && dosage.contains("route")) routes.push_back(&dosage["route"]);
        }
      } else if (resource.contains("dosage") && resource["dosage"].is_object() && resource["dosage"].contains("route")) {
        routes.push_back(&resource["dosage"]["route"]);
      }
      for (const Json* route : routes) {
        if (has_code(*route, mapping_.cns_directed_routes)) therapy["cns_directed"] = true;
        else if (has_code(*route, mapping_.systemic_routes) && therapy["cns_directed"].is_null()) therapy["cns_directed"] = false;
      }
    }
    sources_["$.therapies[" + std::to_string(therapies_.size()) + "]"] = path;
    therapies_.push_back(std::move(therapy));
    return Status::Ok();
  }

  // A List known to be empty ("nilknown") of one of the record's lists: the record states it empty.
  Status read_empty_list(const Json& resource, const std::string& path) {
    const Json code = resource.value("code", Json::object());
    for (const char* list : {"therapies", "toxicities", "transplants"}) {
      if (format_.find_field(list) < 0) continue;
      if (!has_code(code, {Coding{mapping_.local_system, list, "", ""}})) continue;
      if (first_code(resource, "emptyReason") == "nilknown" && resource.value("entry", Json::array()).empty()) {
        empty_lists_.push_back(list);
        return Status::Ok();
      }
    }
    unmapped(resource, path, "a List is read only as one of the record's lists known to be empty");
    return Status::Ok();
  }

  Status read_subject(const Json& resource, const std::string& path) {
    bool any = false;
    auto extensions = resource.find("extension");
    if (extensions != resource.end() && extensions->is_array()) {
      for (size_t i = 0; i < extensions->size(); ++i) {
        const Json& extension = (*extensions)[i];
        if (!extension.is_object() || extension.value("url", "") != kExtensionWaiver) continue;
        std::string here = path + ".extension[" + std::to_string(i) + "]";
        Json waiver = Json::object();
        for (const Json& part : extension.value("extension", Json::array())) {
          if (!part.is_object()) continue;
          std::string url = part.value("url", "");
          if (url == "date" && part.contains("valueDate")) waiver["date"] = part["valueDate"];
          else if (part.contains("valueString")) waiver[url] = part["valueString"];
        }
        sources_["$.waivers[" + std::to_string(waivers_.size()) + "]"] = here;
        waivers_.push_back(std::move(waiver));
        any = true;
      }
    }
    if (!any) unmapped(resource, path, "the trial's own record of the subject, not part of a patient record");
    return Status::Ok();
  }

  Result<ImportedRecord> finish() {
    Json& record = imported_.record;
    for (const auto& [field, fact] : fallback_facts_) {
      if (!facts_.count(field)) facts_[field] = fact;
    }
    for (const auto& [field, fact] : facts_) {
      record[field] = fact.value;
      sources_["$." + field] = fact.path;
    }
    if (!observations_.empty()) record["observations"] = observations_;
    if (!therapies_.empty()) record["therapies"] = therapies_;
    if (!toxicities_.empty()) record["toxicities"] = toxicities_;
    if (!transplants_.empty()) record["transplants"] = transplants_;
    if (!waivers_.empty()) record["waivers"] = waivers_;
    for (const std::string& list : empty_lists_) {
      if (!record.contains(list)) record[list] = Json::array();
    }
    // The same checks as every record: a value out of range names the resource it came from.
    auto checked = patient::read_patient_record(record, format_, "$");
    if (!checked.ok()) {
      const Error& error = checked.error();
      std::string source;
      size_t longest = 0;
      for (const auto& [prefix, origin] : sources_) {
        if (error.path.compare(0, prefix.size(), prefix) == 0 && prefix.size() > longest &&
            (error.path.size() == prefix.size() || error.path[prefix.size()] == '.' || error.path[prefix.size()] == '[')) {
          longest = prefix.size();
          source = origin;
        }
      }
      if (source.empty()) return error;
      return Error{source, "as the record's " + error.path.substr(1 + (error.path.size() > 1 && error.path[1] == '.')) +
                               ": " + error.message};
    }
    imported_.warnings = checked->warnings;
    return std::move(imported_);
  }

  const patient::RecordFormat& format_;
  const FhirMapping& mapping_;
  std::optional<Date> as_of_;
  ImportedRecord imported_;
  bool patient_seen_ = false;
  std::string patient_path_;
  std::map<std::string, DatedFact> facts_;
  std::map<std::string, DatedFact> fallback_facts_;  // read from another fact's resource: used when none states it
  Json observations_ = Json::array();
  Json therapies_ = Json::array();
  Json toxicities_ = Json::array();
  Json transplants_ = Json::array();
  Json waivers_ = Json::array();
  std::vector<std::string> empty_lists_;
  std::map<std::string, std::string> sources_;  // record path -> the resource it came from
};

}  // namespace

Result<ImportedRecord> import_bundle(const Json& bundle, const Protocol& protocol, const FhirMapping& mapping,
                                     std::optional<Date> as_of) {
  return BundleReader(protocol, mapping, as_of).read(bundle);
}

Result<ImportedRecord> import_bundle_text(std::string_view text, const Protocol& protocol, const FhirMapping& mapping,
                                          std::optional<Date> as_of) {
  auto json = parse_json_text(text, "the FHIR Bundle");
  if (!json.ok()) return json.error();
  return import_bundle(*json, protocol, mapping, as_of);
}

Json unmapped_json(const Unmapped& unmapped) {
  return {{"path", unmapped.path}, {"resourceType", unmapped.resource_type}, {"code", unmapped.code},
          {"reason", unmapped.reason}};
}

Json unmapped_json(const std::vector<Unmapped>& unmapped) {
  Json list = Json::array();
  for (const Unmapped& one : unmapped) list.push_back(unmapped_json(one));
  return list;
}

std::string unmapped_text(const Unmapped& unmapped) {
  return "not mapped: " + unmapped.path + " (" + unmapped.resource_type + (unmapped.code.empty() ? "" : " " + unmapped.code) +
         "): " + unmapped.reason;
}

}  // namespace trialcore::fhir
