#include "safety/lab_grading.h"

#include "expr/evaluator.h"

namespace trialcore::safety {

namespace {

expr::Value quantity_or_unknown(std::optional<double> amount, const std::string& unit) {
  return amount ? expr::Value::OfQuantity(*amount, unit) : expr::Value::Unknown();
}

std::string limit_text(std::optional<double> amount, const std::string& unit) {
  return amount ? expr::format_number(*amount) + " " + unit : "unknown";
}

}  // namespace

LabGrade grade_lab(const SafetySpec& spec, const LabRule& rule, const expr::Observation& observation) {
  LabGrade graded;
  graded.observation = rule.observation;
  graded.term = rule.term;
  graded.reported = spec.reported(rule.term);
  const auto* quantity = std::get_if<expr::Quantity>(&observation.value);
  if (!quantity) {
    graded.missing = {rule.observation};
    graded.reason = rule.observation + " has no measured value";
    return graded;
  }
  std::optional<double> uln = observation.uln ? observation.uln : rule.reference_uln;
  graded.uln_assumed = !observation.uln && rule.reference_uln.has_value();
  expr::FactValues facts;
  facts.evaluation_date = observation.date;
  facts.facts = {expr::Value::OfQuantity(quantity->amount, quantity->unit), quantity_or_unknown(uln, rule.unit),
                 quantity_or_unknown(rule.reference_lln, rule.unit)};
  expr::Evaluator evaluator(*rule.library, facts);
  std::string limits = "ULN " + limit_text(uln, rule.unit) + (graded.uln_assumed ? " (the protocol's reference)" : "");
  if (rule.reference_lln) limits += ", LLN " + limit_text(rule.reference_lln, rule.unit) + " (the protocol's reference)";
  std::string value = rule.observation + " " + expr::format_number(quantity->amount) + " " + quantity->unit + " (" +
                      observation.date.to_string() + ")";
  for (const LabGradeRule& grade : rule.grades) {
    expr::Outcome outcome = evaluator.evaluate(grade.when);
    if (outcome.value.is_true()) {
      graded.grade = grade.grade;
      graded.cited = grade.cited;
      graded.reason = value + ": " + rule.term + " " + grade.cited + "; " + limits;
      return graded;
    }
    if (!outcome.value.known()) {
      graded.missing = outcome.missing.empty() ? std::vector<std::string>{rule.observation + ".uln"} : outcome.missing;
      graded.reason = value + " cannot be graded: " + outcome.reason;
      return graded;
    }
  }
  graded.grade = 0;
  graded.reason = value + ": within the limits of " + rule.term + " grade 1; " + limits;
  return graded;
}

}  // namespace trialcore::safety
