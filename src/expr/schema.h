// What an expression may name: the facts of a patient record, the observations of the
// protocol's catalogue, and the trial's own facts. The compiler checks every name and type
// against it; the evaluator reads values by the slots it assigns.
#pragma once

#include <string>
#include <vector>

#include "expr/types.h"

namespace trialcore::expr {

struct FactDeclaration {
  std::string name;         // as written in expressions and in the record's JSON
  Type type;
  std::string description;  // for documentation and the web page
};

struct Schema {
  std::vector<FactDeclaration> facts;         // of a patient record
  std::vector<FactDeclaration> observations;  // kObservation types, by code
  std::vector<FactDeclaration> trial_facts;   // of the trial as a whole

  // The slot of a name, or -1.
  int find_fact(const std::string& name) const;
  int find_observation(const std::string& code) const;
  int find_trial_fact(const std::string& name) const;
};

}  // namespace trialcore::expr
