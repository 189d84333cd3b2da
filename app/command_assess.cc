// `trialcore assess`: classifies one response assessment by the protocol's definitions
// (answers/contract_answers.h).
#include "answers/contract_answers.h"
#include "command.h"
#include "protocol_option.h"

namespace trialcore::app {

namespace {

// A fact's error names the option that gave it: "$.facts.marrow_blasts" is --marrow-blasts,
// "$.other_facts.x" is "--fact x".
Error on_fact_flags(Error error) {
  const std::string facts = "$.facts.", others = "$.other_facts";
  if (error.path.rfind(facts, 0) == 0) {
    error.path = "--" + error.path.substr(facts.size());
    for (char& c : error.path) c = c == '_' ? '-' : c;
  } else if (error.path.rfind(others, 0) == 0) {
    error.path = "--fact" + (error.path.size() > others.size() ? " " + error.path.substr(others.size() + 1) : "");
  }
  return on_flags(error, {"protocol"});
}

}  // namespace

// Each of the contract's facts is an option of its name (dashes for underscores).
void add_assess_command(CLI::App& app, CommandOutcome& outcome) {
  auto input = std::make_shared<answers::AssessInput>();
  CLI::App& command = add_answer_command(app, outcome, "assess", input, answers::assess_answer, {}, on_fact_flags);
  for (const answers::ContractFact& fact : answers::contract_facts()) {
    std::string name = fact.name, option = "--" + name;
    for (char& c : option) c = c == '_' ? '-' : c;
    command.add_option_function<std::string>(option, [input, name](const std::string& value) { input->facts[name] = value; }, fact.help)
        ->type_name(fact.type_name);
  }
  add_flags(command, {{"--fact", &input->other_facts, "Another assessment fact of the protocol, NAME=VALUE (repeatable)", "NAME=VALUE"},
                      protocol_flag(input->protocol_file),
                      {"--json", &input->json, "Print the JSON answer of the interchange contract"}});
}

}  // namespace trialcore::app
