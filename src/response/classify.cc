#include "response/classify.h"

#include "expr/evaluator.h"

namespace trialcore::response {

Response classify(const ResponseSpec& spec, const Assessment& assessment) {
  expr::FactValues facts;
  facts.facts = assessment.facts;
  expr::Evaluator evaluator(*spec.library, facts);
  Response response;
  std::string ruled_out;  // why each higher category does not hold
  for (const Category& category : spec.categories) {
    expr::Outcome outcome = evaluator.evaluate(category.when);
    if (outcome.value.is_true()) {
      response.category = category.id;
      response.label = category.label;
      response.responder = category.responder;
      bool unconditional = category.when.root->kind == expr::NodeKind::kLiteral;
      response.reason = unconditional ? "" : category.id + ": " + outcome.reason;
      if (!ruled_out.empty()) response.reason += (response.reason.empty() ? "" : "; ") + ruled_out;
      if (unconditional && ruled_out.empty()) response.reason = category.id;
      return response;
    }
    if (!outcome.value.known()) {
      response.category = spec.not_evaluable;
      response.label = spec.not_evaluable_label;
      response.reason = "cannot tell whether " + category.id + ": " + outcome.reason;
      response.missing = outcome.missing;
      return response;
    }
    ruled_out += (ruled_out.empty() ? "not " : "; not ") + category.id + " (" + outcome.reason + ")";
  }
  response.category = spec.not_evaluable;
  response.label = spec.not_evaluable_label;
  response.reason = "no category holds: " + ruled_out;
  return response;
}

}  // namespace trialcore::response
