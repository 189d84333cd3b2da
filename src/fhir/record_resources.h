// A registered patient record written as FHIR resources, the import's inverse through the
// same mapping: facts as Conditions and Observations, the catalogue's observations, prior
// therapies as MedicationStatements, toxicities as graded Conditions, transplants as
// Procedures. What the mapping cannot write is named, never dropped silently.
#pragma once

#include <string>
#include <vector>

#include "base/json_fields.h"
#include "fhir/bundle_writer.h"
#include "fhir/fhir_mapping.h"
#include "protocol/protocol.h"

namespace trialcore::fhir {

// Writes the record's resources for the Patient `subject` ({"reference": ...}); `key` makes
// their ids unique. Adds to `not_exported` what it cannot write.
void write_record_resources(const Json& record, const Protocol& protocol, const FhirMapping& mapping,
                            const Json& subject, const std::string& key, BundleWriter& writer,
                            std::vector<std::string>& not_exported);

// One observation of the catalogue ({"code", "value", "unit", "uln", "date", "method"} as
// entered) as an Observation; nullopt-like empty object when the mapping lacks its code.
Json observation_resource(const Json& entry, const FhirMapping& mapping, const Protocol& protocol, const Json& subject);

// A Quantity in UCUM: the mapping's UCUM code for the record's unit when it has one.
Json ucum_quantity(double value, const std::string& unit, const std::map<std::string, std::string>& units);

}  // namespace trialcore::fhir
