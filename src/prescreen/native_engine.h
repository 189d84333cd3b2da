// The native pre-screening engine: the criteria evaluated over columns. A population read
// once (omop/omop_population.h) is turned into one array a fact, and every node of every
// criterion is computed for all persons at once, with the criteria language's semantics
// exactly: Kleene's logic, the `if` rule, units, dated lookups with windows (stale is
// unknown, later data unused), calendar months, lists as of the date, and the facts to
// obtain when a value is unknown. A list query runs over the list's rows and is reduced per
// person. A construct it cannot translate is an Error naming the expression.
#pragma once

#include "eligibility/screening.h"
#include "omop/omop_population.h"
#include "prescreen/person_results.h"

namespace trialcore::prescreen {

Result<PersonResults> evaluate_native(const omop::Population& population, const omop::OmopMapping& mapping,
                                      const Protocol& protocol, Date as_of, const TrialFactValues& trial_facts);

// Whether every criterion translates (evaluated over no person).
Status check_native(const omop::OmopMapping& mapping, const Protocol& protocol);

}  // namespace trialcore::prescreen
