// The criteria compiled to one SQL query that runs inside the warehouse: per person, each
// criterion's result and the facts to obtain (a bit mask). Every fact is read through the
// mapping's concepts, resolved by a join on the concept table; observations as of the date
// (the latest on or before it, by date then row id; stale beyond a window is unknown);
// lists as of the date; three-valued logic as CASE expressions with NULL for unknown; the
// `if` rule; quantities compared with the evaluator's relative tolerance. Parts that do not
// depend on a person (the evaluation date minus 4 calendar months, facts OMOP does not
// hold) are computed by the evaluator itself and written as constants. The dialects differ
// in a few functions only (docs/prescreen.md lists the ANSI subset used).
#pragma once

#include <string>

#include "eligibility/screening.h"
#include "omop/concept_ids.h"
#include "omop/omop_mapping.h"
#include "omop/omop_population.h"

namespace trialcore::prescreen {

enum class SqlDialect { kSqlite, kPostgres, kDuckdb };

struct SqlQuery {
  std::string text;
  // The result's columns: person_id, then r<i> (0 fail, 1 pass, 2 unknown, 3 not applicable)
  // and m<i> (the mask) for each criterion in protocol order.
  size_t criteria = 0;
};

// `concepts` are the mapping's concepts as the database's concept table numbers them
// (omop/concept_ids.h). An Error names the expression that does not translate.
Result<SqlQuery> compile_sql(const omop::OmopMapping& mapping, const omop::ConceptIds& concepts, const Protocol& protocol,
                             Date as_of, const TrialFactValues& trial_facts, SqlDialect dialect, omop::Shard shard);

}  // namespace trialcore::prescreen
