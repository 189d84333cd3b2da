// What a protocol expects a patient record to hold: the fields (the contract's and the
// protocol's own) and the observation catalogue. It gives the criteria language its schema.
#pragma once

#include <string>
#include <vector>

#include "expr/schema.h"
#include "patient/record_fields.h"
#include "patient/observation_catalogue.h"

namespace trialcore::patient {

struct RecordFormat {
  std::vector<FieldSpec> fields;
  ObservationCatalogue observations;

  // The slot of a field, or -1.
  int find_field(const std::string& name) const;

  // The schema expressions are compiled against: the fields, the observations, and the
  // trial facts the protocol declares.
  expr::Schema schema(std::vector<expr::FactDeclaration> trial_facts) const;
};

}  // namespace trialcore::patient
