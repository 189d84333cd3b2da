// A FHIR R4 Bundle of one patient read into the patient record of docs/formats.md, through
// the protocol's mapping (fhir_mapping.h), then checked by the same reader as every record.
// A fact the Bundle lacks stays unknown; a resource or code the mapping does not know is
// listed, never dropped silently; a unit that cannot be converted, a date without its day, a
// malformed Bundle is an Error naming the resource's path (Bundle.entry[3].resource...).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/json_fields.h"
#include "fhir/fhir_mapping.h"
#include "protocol/protocol.h"

namespace trialcore::fhir {

// A resource, or a part of one, that the import did not turn into a fact.
struct Unmapped {
  std::string path;           // "Bundle.entry[4].resource"
  std::string resource_type;  // "Observation"
  std::string code;           // "http://loinc.org|718-7 Hemoglobin", empty when it has none
  std::string reason;         // "no fact of the protocol has this code"
};

struct ImportedRecord {
  Json record = Json::object();        // the patient record, as `screen` and `register` read it
  std::vector<Unmapped> unmapped;
  std::vector<std::string> warnings;   // the record reader's warnings
};

// `as_of`: resources dated after it are not used (and are listed).
Result<ImportedRecord> import_bundle(const Json& bundle, const Protocol& protocol, const FhirMapping& mapping,
                                     std::optional<Date> as_of = std::nullopt);
Result<ImportedRecord> import_bundle_text(std::string_view text, const Protocol& protocol, const FhirMapping& mapping,
                                          std::optional<Date> as_of = std::nullopt);

// {"path", "resourceType", "code", "reason"}
Json unmapped_json(const Unmapped& unmapped);
// Every one of them, as unmapped_json.
Json unmapped_json(const std::vector<Unmapped>& unmapped);

// As a warning says it: "not mapped: Bundle.entry[4].resource (Observation
// http://loinc.org|718-7 Hemoglobin): no fact of the protocol has this code".
std::string unmapped_text(const Unmapped& unmapped);

}  // namespace trialcore::fhir
