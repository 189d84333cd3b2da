// The reference answer: each person's patient record built through the mapping
// (omop/person_record.h) and screened by the engine's own `screen`, one person at a time.
// Slow, and exactly what `trialcore screen` says: the engines that run in the database or
// over columns are checked against it.
#pragma once

#include "eligibility/screening.h"
#include "omop/omop_population.h"
#include "prescreen/person_results.h"

namespace trialcore::prescreen {

Result<PersonResults> screen_records(const omop::Population& population, const omop::OmopMapping& mapping,
                                     const Protocol& protocol, Date as_of, const TrialFactValues& trial_facts);

}  // namespace trialcore::prescreen
