// Runs the compiled criteria inside the database and reads back, person by person, each
// criterion's result and the facts to obtain.
#pragma once

#include "omop/omop_database.h"
#include "prescreen/person_results.h"
#include "prescreen/sql_compiler.h"

namespace trialcore::prescreen {

SqlDialect dialect_of(const omop::Database& database);

Result<PersonResults> run_sql(omop::Database& database, const SqlQuery& query);

}  // namespace trialcore::prescreen
