// Which FHIR R4 code means which fact of a protocol's patient record: data beside the
// protocol (protocols/<id>.fhir.json, docs/fhir.md), read both ways, by the import (a
// Bundle to a patient record) and the export (the trial's record to a Bundle). The engine
// knows the kinds of FHIR resources and of record fields; the file holds every code, each
// with the page it was checked against.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json_fields.h"
#include "protocol/protocol.h"

namespace trialcore::fhir {

struct Coding {
  std::string system;
  std::string code;
  std::string display;
  std::string source;  // where the code was looked up

  Json json() const;  // {"system", "code", "display"}
};
using Codings = std::vector<Coding>;

// A value of a fact ("B-ALL", "3", "true") and the codes that mean it.
struct CodedValue {
  std::string value;
  Codings codes;
};

// An observation of the protocol's catalogue: its codes, and for each unit a FHIR
// Quantity may carry (UCUM), the catalogue's unit it is read as.
struct ObservationMapping {
  std::string code;  // the catalogue's code
  Codings codes;
  std::map<std::string, std::string> units;
  std::vector<CodedValue> values;  // a text result's values
};

enum class FactResource { kCondition, kObservation };

// A field of the patient record read from a Condition (its presence, its code, its onset)
// or an Observation (its value).
struct FactMapping {
  std::string field;
  FactResource resource = FactResource::kObservation;
  Codings codes;                    // the resource's code; for a Condition with values, the values' codes
  std::vector<CodedValue> values;   // coded values
  std::map<std::string, std::string> units;  // a quantity field: UCUM unit -> the record's unit
  // A Condition's clinicalStatus read as another field ("relapse" -> disease_status "relapsed").
  std::string status_field;
  std::map<std::string, std::string> status_values;
};

struct FhirMapping {
  std::string protocol;
  std::string local_system;  // the code system of facts no standard terminology codes
  std::vector<ObservationMapping> observations;
  std::vector<FactMapping> facts;
  Codings cns_directed_routes;
  Codings systemic_routes;
  std::vector<CodedValue> toxicity_grades;
  std::vector<CodedValue> transplant_types;
  std::optional<Coding> study_phase;
  std::string study_status;  // ResearchStudy.status
  std::string study_identifier_system;  // the registry's identifier system
  Codings response_codes;

  const FactMapping* fact(const std::string& field) const;
  const ObservationMapping* observation(const std::string& code) const;
};

// True when the CodeableConcept has a coding of `codes` (same system and code).
bool has_code(const Json& codeable_concept, const Codings& codes);
// The value of `values` whose codes the CodeableConcept carries, or nullptr.
const CodedValue* coded_value(const Json& codeable_concept, const std::vector<CodedValue>& values);
const CodedValue* value_named(const std::vector<CodedValue>& values, const std::string& value);
// {"coding": [first of codes], "text": text or its display}.
Json codeable(const Codings& codes, const std::string& text = "");

// Reads a mapping file and checks it against the protocol: an unknown member, a code
// without its source, an observation the catalogue lacks, a field the record lacks, a
// value the field cannot take, a unit the catalogue does not accept is an Error naming
// its JSON path.
Result<FhirMapping> load_fhir_mapping(std::string_view text, const std::string& origin, const Protocol& protocol);

// The mapping beside the built-in protocol, built into the program.
Result<FhirMapping> load_builtin_fhir_mapping(const Protocol& protocol);

}  // namespace trialcore::fhir

namespace trialcore {
// The built-in mapping file's bytes (protocols/, embedded at build time).
std::string_view builtin_fhir_mapping_text();
}  // namespace trialcore
