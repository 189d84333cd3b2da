// What a protocol says about safety (its "safety" section, docs/adverse-events.md): the
// grading scale it names (CTCAE v4.03), the terms its forms offer with their organ systems,
// the grading rules of the labs it measures written in the criteria language (each grade's
// threshold cited), which events are expected and not reported, and how many hours a
// serious event has to be reported in. Loaded and compiled with the protocol; immutable.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/find_by.h"
#include "base/json_fields.h"
#include "expr/library.h"
#include "patient/observation_catalogue.h"

namespace trialcore::safety {

// A term of the grading scale and the organ system (MedDRA SOC) it belongs to. A term whose
// name ends in "Other, specify" takes the reporter's words.
struct Term {
  std::string term;
  std::string organ_system;
  bool other_specify = false;
};

// One grade of a lab rule: the grade, its condition over `value`, `uln` and `lln`, and the
// scale's words for it.
struct LabGradeRule {
  int grade = 0;
  expr::Expression when;
  std::string cited;  // "Grade 3: >3.0 - 10.0 x ULN"
};

// How a lab's values are graded: the term they imply, the limits, the grades highest first.
struct LabRule {
  std::string observation;  // the catalogue's code ("bilirubin")
  std::string term;         // "Blood bilirubin increased"
  std::string unit;         // the catalogue's unit, in which the limits are kept
  // The limits when the observation carries none: an assumption of the protocol, stated.
  std::optional<double> reference_uln;
  std::optional<double> reference_lln;
  std::string reference_note;
  std::vector<LabGradeRule> grades;  // highest first
  std::shared_ptr<const expr::Library> library;  // value, uln, lln
};

// A protocol parameter and why it has its value (an assumption where the record is silent).
struct Assumed {
  std::string note;
  bool assumption = false;
};

struct SafetySpec {
  std::string scale;     // "CTCAE v4.03"
  std::string citation;  // the document, for reports and docs
  std::vector<Term> terms;
  std::vector<LabRule> lab_rules;
  // Terms expected from the disease and not reported as adverse events (not_reported).
  std::vector<std::string> not_reported;
  Assumed not_reported_basis;
  int sae_report_hours = 24;
  Assumed sae_report_basis;

  bool empty() const { return terms.empty(); }
  const Term* find_term(const std::string& term) const { return find_by(terms, &Term::term, term); }
  const LabRule* rule_for(const std::string& observation) const {
    return find_by(lab_rules, &LabRule::observation, observation);
  }
  bool reported(const std::string& term) const;  // false for an expected, unreported term
};

// Reads the "safety" section; the lab rules name observations of `catalogue`.
Result<SafetySpec> parse_safety_spec(const Json& section, const std::string& path,
                                     const patient::ObservationCatalogue& catalogue);

}  // namespace trialcore::safety
