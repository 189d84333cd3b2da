#include "protocol/cohort_schema.h"

namespace trialcore {

const std::vector<expr::FactDeclaration>& cohort_facts() {
  static const std::vector<expr::FactDeclaration> facts = {
      {"period", expr::Type::Text(), "the period the patient was enrolled in"},
      {"enrolled_on", expr::Type::Date(), "the date of enrollment"},
      {"courses_given", expr::Type::Number(), "courses of which at least one dose was given"},
      {"best_response", expr::Type::Text(), "the best response so far (a category id)"},
      {"responder", expr::Type::Boolean(), "the best response is a response"},
      {"off_study", expr::Type::Boolean(), "the patient went off study"},
  };
  return facts;
}

expr::Schema cohort_schema(const patient::RecordFormat& format) {
  expr::Schema schema = format.schema({});
  schema.observations.clear();
  for (const expr::FactDeclaration& fact : cohort_facts()) schema.facts.push_back(fact);
  return schema;
}

}  // namespace trialcore
