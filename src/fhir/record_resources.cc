#include "fhir/record_resources.h"

#include "fhir/extensions.h"

namespace trialcore::fhir {

namespace {

using patient::FieldKind;

Json status_concept(const char* system, const std::string& code) {
  return {{"coding", Json::array({{{"system", system}, {"code", code}}})}};
}

constexpr const char* kClinicalStatus = "http://terminology.hl7.org/CodeSystem/condition-clinical";
constexpr const char* kVerificationStatus = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

std::string value_text(const Json& value) {
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
  if (value.is_number()) {
    double number = value.get<double>();
    if (number == static_cast<double>(static_cast<int64_t>(number))) return std::to_string(static_cast<int64_t>(number));
    return value.dump();
  }
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

// The Observation or Condition stating one fact of the record; an empty object when the
// mapping cannot write it.
Json fact_resource(const patient::FieldSpec& field, const FactMapping& fact, const Json& value, const Json& subject,
                   const Json& record) {
  std::string text = value_text(value);
  if (fact.resource == FactResource::kCondition) {
    Json condition = {{"resourceType", "Condition"}, {"subject", subject}};
    if (!fact.values.empty()) {
      const CodedValue* coded = value_named(fact.values, text);
      if (!coded) return Json::object();
      condition["code"] = codeable(coded->codes);
      std::string clinical = "active";
      if (!fact.status_field.empty() && record.contains(fact.status_field) && record[fact.status_field].is_string()) {
        for (const auto& [code, status] : fact.status_values) {
          if (status == record[fact.status_field].get<std::string>()) {
            clinical = code;
            break;
          }
        }
      }
      condition["clinicalStatus"] = status_concept(kClinicalStatus, clinical);
      condition["verificationStatus"] = status_concept(kVerificationStatus, "confirmed");
      return condition;
    }
    condition["code"] = codeable(fact.codes);
    if (field.kind == FieldKind::kBoolean) {
      if (value.get<bool>()) {
        condition["clinicalStatus"] = status_concept(kClinicalStatus, "active");
        condition["verificationStatus"] = status_concept(kVerificationStatus, "confirmed");
      } else {
        condition["verificationStatus"] = status_concept(kVerificationStatus, "refuted");
      }
      return condition;
    }
    if (field.kind == FieldKind::kDate) {
      condition["clinicalStatus"] = status_concept(kClinicalStatus, "active");
      condition["onsetDateTime"] = text;
      return condition;
    }
    return Json::object();
  }
  Json observation = {{"resourceType", "Observation"}, {"status", "final"}, {"code", codeable(fact.codes)},
                      {"subject", subject}};
  if (const CodedValue* coded = value_named(fact.values, text)) {
    observation["valueCodeableConcept"] = codeable(coded->codes);
    return observation;
  }
  if (!fact.values.empty()) return Json::object();
  switch (field.kind) {
    case FieldKind::kBoolean: observation["valueBoolean"] = value; break;
    case FieldKind::kInteger: observation["valueInteger"] = value; break;
    case FieldKind::kNumber: observation["valueQuantity"] = {{"value", value}}; break;
    case FieldKind::kText:
    case FieldKind::kChoice: observation["valueString"] = value; break;
    case FieldKind::kDate: observation["valueDateTime"] = value; break;
    case FieldKind::kQuantity:
      if (!value.is_object()) return Json::object();
      observation["valueQuantity"] = ucum_quantity(value.value("value", 0.0), value.value("unit", ""), fact.units);
      break;
    case FieldKind::kList: return Json::object();
  }
  return observation;
}

}  // namespace

Json ucum_quantity(double value, const std::string& unit, const std::map<std::string, std::string>& units) {
  Json quantity = {{"value", value}, {"unit", unit}};
  for (const auto& [ucum, record_unit] : units) {
    if (record_unit == unit) {
      quantity["system"] = "http://unitsofmeasure.org";
      quantity["code"] = ucum;
      break;
    }
  }
  return quantity;
}

Json observation_resource(const Json& entry, const FhirMapping& mapping, const Protocol& protocol, const Json& subject) {
  std::string code = entry.value("code", "");
  const ObservationMapping* observation = mapping.observation(code);
  const patient::ObservationSpec* spec = patient::find_observation(protocol.record_format.observations, code);
  if (!observation || !spec) return Json::object();
  Json resource = {{"resourceType", "Observation"}, {"status", "final"}, {"code", codeable(observation->codes)},
                   {"subject", subject}};
  if (entry.contains("date") && entry["date"].is_string()) resource["effectiveDateTime"] = entry["date"];
  const Json& value = entry.contains("value") ? entry["value"] : Json();
  if (spec->is_text) {
    const CodedValue* coded = value.is_string() ? value_named(observation->values, value.get<std::string>()) : nullptr;
    if (!coded) return Json::object();
    resource["valueCodeableConcept"] = codeable(coded->codes);
  } else {
    if (!value.is_number()) return Json::object();
    std::string unit = entry.value("unit", spec->unit);
    resource["valueQuantity"] = ucum_quantity(value.get<double>(), unit, observation->units);
    if (entry.contains("uln") && entry["uln"].is_number()) {
      resource["referenceRange"] = Json::array({{{"high", ucum_quantity(entry["uln"].get<double>(), unit, observation->units)}}});
    }
  }
  if (entry.contains("method") && entry["method"].is_string()) resource["method"] = {{"text", entry["method"]}};
  return resource;
}

namespace {

// A list the record states empty ("no transplants") is a List known to be empty, not the
// absence of entries (which leaves the list unknown).
Json empty_list(const char* list, const FhirMapping& mapping, const Json& subject) {
  return {{"resourceType", "List"},
          {"status", "current"},
          {"mode", "snapshot"},
          {"code", {{"coding", Json::array({{{"system", mapping.local_system}, {"code", list}}})}, {"text", list}}},
          {"subject", subject},
          {"emptyReason", {{"coding", Json::array({{{"system", "http://terminology.hl7.org/CodeSystem/list-empty-reason"},
                                                    {"code", "nilknown"}}})}}}};
}

Json therapy_statement(const Json& therapy, const FhirMapping& mapping, const Json& subject) {
  Json period = Json::object();
  if (therapy.contains("start") && therapy["start"].is_string()) period["start"] = therapy["start"];
  if (therapy.contains("end") && therapy["end"].is_string()) period["end"] = therapy["end"];
  bool ended = period.contains("end");
  Json statement = {{"resourceType", "MedicationStatement"},
                    {"status", ended ? "completed" : "active"},
                    {"medicationCodeableConcept", {{"text", therapy.value("name", "")}}},
                    {"subject", subject}};
  if (!period.empty()) statement["effectivePeriod"] = period;
  if (therapy.contains("cns_directed") && therapy["cns_directed"].is_boolean()) {
    bool cns = therapy["cns_directed"].get<bool>();
    statement["extension"] = Json::array({{{"url", kExtensionCnsDirected}, {"valueBoolean", cns}}});
    const Codings& routes = cns ? mapping.cns_directed_routes : mapping.systemic_routes;
    if (!routes.empty()) statement["dosage"] = Json::array({{{"route", codeable(routes)}}});
  }
  return statement;
}

// Empty when the mapping has no code for its grade.
Json toxicity_condition(const Json& toxicity, const FhirMapping& mapping, const Json& subject) {
  std::string grade = toxicity.contains("grade") && toxicity["grade"].is_number() ? value_text(toxicity["grade"]) : "";
  const CodedValue* coded = value_named(mapping.toxicity_grades, grade);
  if (!coded) return Json::object();
  Json condition = {{"resourceType", "Condition"},
                    {"code", {{"text", toxicity.value("term", "")}}},
                    {"stage", Json::array({{{"summary", codeable(coded->codes)}}})},
                    {"subject", subject}};
  if (toxicity.contains("resolved") && toxicity["resolved"].is_boolean()) {
    condition["clinicalStatus"] = status_concept(kClinicalStatus, toxicity["resolved"].get<bool>() ? "resolved" : "active");
  }
  return condition;
}

// Empty when the mapping has no code for its type.
Json transplant_procedure(const Json& transplant, const FhirMapping& mapping, const Json& subject) {
  const CodedValue* coded = value_named(mapping.transplant_types, transplant.value("type", ""));
  if (!coded) return Json::object();
  Json procedure = {{"resourceType", "Procedure"}, {"status", "completed"}, {"code", codeable(coded->codes)},
                    {"subject", subject}};
  if (transplant.contains("date") && transplant["date"].is_string()) procedure["performedDateTime"] = transplant["date"];
  return procedure;
}

}  // namespace

void write_record_resources(const Json& record, const Protocol& protocol, const FhirMapping& mapping,
                            const Json& subject, const std::string& key, BundleWriter& writer,
                            std::vector<std::string>& not_exported) {
  const patient::RecordFormat& format = protocol.record_format;
  std::string who = record.value("id", key);
  int counter = 0;
  // Each resource under its key, or named among those not exported (`what`, and why).
  auto add = [&](Json resource, const std::string& name, const std::string& what, const char* why) {
    if (resource.empty()) return not_exported.push_back(who + ": " + what + " (the FHIR mapping has no code for " + why + ")");
    writer.add(std::move(resource), key + "-" + name + "-" + std::to_string(++counter));
  };
  for (const patient::FieldSpec& field : format.fields) {
    // Written on the Patient resource.
    if (field.kind == FieldKind::kList || field.name == "birth_date" || field.name == "sex") continue;
    auto found = record.find(field.name);
    if (found == record.end() || found->is_null()) continue;
    const FactMapping* fact = mapping.fact(field.name);
    add(fact ? fact_resource(field, *fact, *found, subject, record) : Json::object(), field.name,
        field.name + " = " + found->dump(), "it");
  }
  for (const Json& entry : record.value("observations", Json::array())) {
    add(observation_resource(entry, mapping, protocol, subject), "observation", "observation " + entry.dump(), "it");
  }
  for (const char* list : {"therapies", "toxicities", "transplants"}) {
    if (!record.contains(list) || !record[list].is_array() || !record[list].empty()) continue;
    add(empty_list(list, mapping, subject), std::string("no-") + list, "", "");
  }
  for (const Json& therapy : record.value("therapies", Json::array())) {
    add(therapy_statement(therapy, mapping, subject), "therapy", "", "");
  }
  for (const Json& toxicity : record.value("toxicities", Json::array())) {
    add(toxicity_condition(toxicity, mapping, subject), "toxicity", "toxicity " + toxicity.dump(), "its grade");
  }
  for (const Json& transplant : record.value("transplants", Json::array())) {
    add(transplant_procedure(transplant, mapping, subject), "transplant", "transplant " + transplant.dump(), "its type");
  }
}

}  // namespace trialcore::fhir
