#include "prescreen/sql_engine.h"

namespace trialcore::prescreen {

SqlDialect dialect_of(const omop::Database& database) {
  return database.dialect() == omop::Dialect::kSqlite ? SqlDialect::kSqlite : SqlDialect::kPostgres;
}

Result<PersonResults> run_sql(omop::Database& database, const SqlQuery& query) {
  PersonResults results;
  results.criteria = query.criteria;
  // The query's codes: 0 fail, 1 pass, 2 unknown, 3 not applicable.
  const CriterionResult codes[] = {CriterionResult::kFail, CriterionResult::kPass, CriterionResult::kUnknown,
                                   CriterionResult::kNotApplicable};
  Status read = database.query(query.text, [&](const omop::Row& row) {
    size_t first = results.add(row.integer(0));
    for (size_t c = 0; c < query.criteria; ++c) {
      int64_t code = row.integer(static_cast<int>(1 + 2 * c));
      CriterionResult result = code >= 0 && code <= 3 ? codes[code] : CriterionResult::kUnknown;
      results.result[first + c] = static_cast<uint8_t>(result);
      if (result == CriterionResult::kUnknown) {
        results.missing[first + c] = row.null(static_cast<int>(2 + 2 * c)) ? 0 : static_cast<uint64_t>(row.integer(static_cast<int>(2 + 2 * c)));
      }
    }
  });
  if (!read.ok()) return read.error();
  return results;
}

}  // namespace trialcore::prescreen
