#include "expr/schema.h"

namespace trialcore::expr {

namespace {

int find_in(const std::vector<FactDeclaration>& declarations, const std::string& name) {
  for (size_t i = 0; i < declarations.size(); ++i) {
    if (declarations[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

int Schema::find_fact(const std::string& name) const { return find_in(facts, name); }
int Schema::find_observation(const std::string& code) const { return find_in(observations, code); }
int Schema::find_trial_fact(const std::string& name) const { return find_in(trial_facts, name); }

}  // namespace trialcore::expr
