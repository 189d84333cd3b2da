// The trial's view of one patient, for what a protocol counts and groups: the fields of the
// record plus what the trial's record knows of the patient. Expressions of "rules" and of
// derived trial facts compile against it.
#pragma once

#include <vector>

#include "expr/schema.h"
#include "patient/record_format.h"

namespace trialcore {

// The facts added to the record's, in this order after them.
const std::vector<expr::FactDeclaration>& cohort_facts();

// The record's fields followed by cohort_facts(); no observations, no trial facts.
expr::Schema cohort_schema(const patient::RecordFormat& format);

}  // namespace trialcore
