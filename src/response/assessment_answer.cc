#include "response/assessment_answer.h"

#include "response/assessment.h"

namespace trialcore::response {

Result<Response> assess_facts(const ResponseSpec& spec, const std::map<std::string, Json>& facts) {
  Json object = Json::object();
  for (const auto& [fact, value] : facts) {
    bool declared = false;
    for (const auto& field : spec.facts) declared = declared || field.name == fact;
    if (!declared) return Error{"$." + fact, "the protocol's assessments have no fact '" + fact + "'"};
    object[fact] = value;
  }
  std::vector<std::string> warnings;
  auto assessment = read_assessment(spec, object, "$", warnings);
  if (!assessment.ok()) return assessment.error();
  return classify(spec, *assessment);
}

OrderedJson response_json(const Response& response) {
  return {{"response", response.category}, {"reason", response.reason}};
}

std::string response_text(const Response& response) {
  std::string text = "Response: " + response.category + " (" + response.label + ")" +
                     (response.responder ? ", a responder" : "") + "\nBecause: " + response.reason + "\n";
  if (response.missing.empty()) return text;
  text += "To obtain:";
  for (const std::string& fact : response.missing) text += " " + fact;
  return text + "\n";
}

}  // namespace trialcore::response
