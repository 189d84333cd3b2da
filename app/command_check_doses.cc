// `trialcore check-doses`: what was given, checked against the protocol's plan
// (answers/contract_answers.h).
#include "answers/contract_answers.h"
#include "command.h"
#include "protocol_option.h"

namespace trialcore::app {

void add_check_doses_command(CLI::App& app, CommandOutcome& outcome) {
  auto input = std::make_shared<answers::CheckDosesInput>();
  add_answer_command(app, outcome, "check-doses", input, answers::check_doses_answer,
                     {{"PLAN_INPUT", &input->plan_file, "The plan: period, start, courses, body, add-ons (JSON)", "FILE", true},
                      {"ADMINISTRATIONS", &input->administrations_file, "What was given (JSON)", "FILE", true},
                      {"--as-of", &input->as_of,
                       "Doses whose window closed before this date and not given are missed (default: the last administration)",
                       "DATE"},
                      protocol_flag(input->protocol_file),
                      {"--json", &input->json, "Print JSON"}},
                     {"as_of", "protocol"});
}

}  // namespace trialcore::app
