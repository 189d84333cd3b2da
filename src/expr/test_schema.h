// For this module's tests: a small made-up record schema (not any trial's).
#pragma once

#include <memory>

#include "expr/schema.h"

namespace trialcore::expr::testing {

inline std::shared_ptr<const RecordType> course_record() {
  auto type = std::make_shared<RecordType>();
  type->name = "course";
  type->label_member = "drug";
  type->members = {{"drug", Type::Text()},
                   {"start", Type::Date()},
                   {"end", Type::Date()},
                   {"local", Type::Boolean()},
                   {"grade", Type::Number()}};
  return type;
}

// Facts: age_group (Text), score (Number), flag (Boolean), other (Boolean), born (Date),
// weight (Quantity kg), courses (list of course); observations: sodium (mmol-free: mg/dL,
// with ULN), count (10*9/L), test (text); trial fact: enrolled (Number).
inline Schema example_schema() {
  Schema schema;
  schema.facts = {{"age_group", Type::Text(), ""},
                  {"score", Type::Number(), ""},
                  {"flag", Type::Boolean(), ""},
                  {"other", Type::Boolean(), ""},
                  {"born", Type::Date(), ""},
                  {"weight", Type::Quantity(Dimension::kMass, "kg"), ""},
                  {"courses", Type::List(course_record()), ""}};
  schema.observations = {
      {"sodium", Type::Observation(Dimension::kMassConcentration, "mg/dL", true), ""},
      {"count", Type::Observation(Dimension::kCountConcentration, "10*9/L", false), ""},
      {"test", Type::Observation(Dimension::kNone, "", false), ""}};
  schema.trial_facts = {{"enrolled", Type::Number(), ""}};
  return schema;
}

}  // namespace trialcore::expr::testing
