// Evaluates compiled expressions over one patient's facts as of one date, returning with
// each value the reason it has (the facts that decided it, stated as they are) and, when the
// value is unknown, the facts to obtain.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "expr/library.h"
#include "expr/value.h"

namespace trialcore::expr {

// The facts an evaluation reads, by the slots of the library's Schema.
struct FactValues {
  Date evaluation_date;
  std::vector<Value> facts;                            // Schema::facts; lists are Value::OfList
  std::vector<std::vector<Observation>> observations;  // Schema::observations, any order
  std::vector<Value> trial_facts;                      // Schema::trial_facts
};

struct Outcome {
  Value value;
  std::string reason;
  std::vector<std::string> missing;  // facts to obtain, when the value is unknown
};

// Evaluates expressions of one library over one FactValues; definitions are evaluated once
// and remembered, so keep one Evaluator per patient and date.
class Evaluator {
 public:
  Evaluator(const Library& library, const FactValues& facts);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  Outcome evaluate(const Expression& expression);

 private:
  class Walk;
  const Library& library_;
  const FactValues& facts_;
  std::vector<std::optional<Outcome>> definitions_;
};

}  // namespace trialcore::expr
