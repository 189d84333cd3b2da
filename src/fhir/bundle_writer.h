// Collects the resources of a Bundle: gives each an id valid in FHIR and a fullUrl
// (urn:uuid, the same for the same resource on every export) that references point at.
#pragma once

#include <string>
#include <vector>

#include "base/json_fields.h"

namespace trialcore::fhir {

class BundleWriter {
 public:
  // Adds the resource (its "id" is set from `key`, unique in the Bundle) and returns the
  // reference to it: {"reference": "urn:uuid:..."}.
  Json add(Json resource, const std::string& key);
  // A Bundle of type collection, with `timestamp` when given.
  Json bundle(const std::string& timestamp) const;

 private:
  std::vector<Json> entries_;
};

// Letters, digits, '-' and '.' (a FHIR id), at most 64 characters.
std::string fhir_id(const std::string& text);

}  // namespace trialcore::fhir
