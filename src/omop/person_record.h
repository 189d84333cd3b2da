// The patient record of one OMOP person as of a date, built through the mapping: what
// `trialcore screen` would be given for that person. It is the reference the pre-screening
// engines are checked against, person by person. Facts the mapping does not read are
// absent (unknown); observations keep the unit they were recorded in, so the record's own
// reader converts them.
#pragma once

#include "base/date.h"
#include "base/json_fields.h"
#include "omop/omop_population.h"

namespace trialcore::omop {

Json person_record_json(const Population& population, size_t person, const OmopMapping& mapping,
                        const Protocol& protocol, Date as_of);

}  // namespace trialcore::omop
