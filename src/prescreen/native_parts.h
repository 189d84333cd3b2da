// The native engine over a population in parts (omop/population_parts.h): each part
// evaluated on its own, on as many threads as asked, and the results concatenated in the
// parts' order, which is the persons' order. Equal, person by person, to one evaluation of
// the whole population.
#pragma once

#include "omop/population_parts.h"
#include "prescreen/native_engine.h"

namespace trialcore::prescreen {

// Persons a part when nothing else is said: the columns of one node of a part then take
// about a megabyte, and every node of a criterion stays in the processor's cache.
inline constexpr size_t kPersonsPerPart = 1 << 16;

// `threads` 0: one a core.
Result<PersonResults> evaluate_native_parts(const std::vector<omop::Population>& parts, const omop::OmopMapping& mapping,
                                            const Protocol& protocol, Date as_of, const TrialFactValues& trial_facts,
                                            unsigned threads = 0);

// Concatenates results whose persons follow each other in id order (the parts of one
// population), without sorting.
PersonResults concatenate_results(std::vector<PersonResults>&& parts);

}  // namespace trialcore::prescreen
