// A record as it stood on a date: what the criteria language evaluates. Data dated after
// the date are not used (not an error): later observations and list entries drop out, a
// therapy that ends later is still going on, a later birth or menopause date is unknown.
#pragma once

#include <vector>

#include "expr/evaluator.h"
#include "patient/patient_record.h"

namespace trialcore::patient {

// `trial_facts` in the order of the schema's trial facts (unknown where not given).
expr::FactValues facts_as_of(const PatientRecord& record, const RecordFormat& format, Date date,
                             std::vector<expr::Value> trial_facts);

}  // namespace trialcore::patient
