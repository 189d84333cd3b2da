// A population cut into parts of consecutive persons, each a Population of its own. The
// native engine evaluates one part at a time: a part's columns (a few arrays a node of each
// criterion) stay in the processor's cache where a million persons' would not, and parts
// run on every core. Persons keep their order, so the parts' results concatenate.
#pragma once

#include <vector>

#include "omop/omop_population.h"

namespace trialcore::omop {

// Parts of at most `persons_per_part` persons (at least 1), in order; the rows of each
// source follow their persons. The names of list entries are copied into every part (rows
// index them). What the whole population counted (unused rows, unresolved concepts) stays
// with the first part.
std::vector<Population> split_population(Population&& population, size_t persons_per_part);

}  // namespace trialcore::omop
