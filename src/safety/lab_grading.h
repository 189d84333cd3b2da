// The grade a lab value implies, by the protocol's grading rules (safety_section.h): the
// highest grade whose condition holds over the value and its limits (the observation's own
// upper limit of normal, else the rule's reference, an assumption the protocol states).
// Grade 0 is a value within normal limits; an unknown grade names what is missing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "expr/value.h"
#include "safety/safety_section.h"

namespace trialcore::safety {

struct LabGrade {
  std::string observation;
  std::string term;
  std::optional<int> grade;  // 0: within limits; nullopt: cannot be graded (see missing)
  std::string cited;         // the scale's words for the grade
  std::string reason;        // the value and the limits that decided it
  std::vector<std::string> missing;
  bool reported = true;      // false: the protocol expects it and does not report it
  bool uln_assumed = false;  // the rule's reference ULN stood in for the observation's own
};

// The grade of `observation` (a measurement in the catalogue's unit) by `rule`.
LabGrade grade_lab(const SafetySpec& spec, const LabRule& rule, const expr::Observation& observation);

}  // namespace trialcore::safety
