// `trialcore plan`: the dated doses of a treatment, as the protocol lays them out
// (answers/contract_answers.h).
#include "answers/contract_answers.h"
#include "command.h"
#include "protocol/builtin_protocol.h"
#include "protocol/protocol_text.h"
#include "protocol_option.h"

namespace trialcore::app {

namespace {

// An add-on's first course is its --<add-on>-from-course; any other member its flag.
Error on_plan_flags(Error error) {
  const std::string add_ons = "$.add_ons.";
  if (error.path.rfind(add_ons, 0) == 0) return Error{"--" + error.path.substr(add_ons.size()) + "-from-course", error.message};
  return on_flags(error);
}

}  // namespace

void add_plan_command(CLI::App& app, CommandOutcome& outcome) {
  auto input = std::make_shared<answers::PlanInput>();
  treatment::PlanParts& parts = input->parts;
  CLI::App& command = add_answer_command(app, outcome, "plan", input, answers::plan_answer,
                                         {{"--period", &parts.period, "The period (arm) of the protocol", "ID", true},
                                          {"--start", &parts.start, "Day 1 of course 1, YYYY-MM-DD", "DATE", true},
                                          {"--height", &parts.height, "Height in cm", "CM"},
                                          {"--weight", &parts.weight, "Weight in kg", "KG"},
                                          {"--courses", &parts.courses, "How many courses to plan", "N", true}},
                                         on_plan_flags);
  // One option for each add-on of the built-in protocol (the contract names one of them).
  // Every invocation registers it, so only the names are read, not the whole protocol.
  for (const auto& [id, description] : add_ons_of_text(builtin_protocol_text())) {
    std::string add_on = id;
    command.add_option_function<int>(
               "--" + add_on + "-from-course", [input, add_on](const int& course) { input->parts.add_ons[add_on] = course; },
               "Add " + description + " from course K on")
        ->type_name("K");
  }
  add_flags(command, {{"--add-on", &parts.add_on_pairs, "An add-on of the protocol from a course on, ADD-ON=K", "ADD-ON=K"},
                      {"--body", &parts.body_file, "Dated height and weight measurements (JSON list)", "FILE"},
                      protocol_flag(input->protocol_file),
                      {"--json", &input->json, "Print the JSON answer of the interchange contract"}});
}

}  // namespace trialcore::app
