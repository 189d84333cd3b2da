// `trialcore screen`: the protocol's eligibility checklist for one patient without a trial's
// record (answers/contract_answers.h).
#include "answers/contract_answers.h"
#include "command.h"
#include "protocol_option.h"

namespace trialcore::app {

void add_screen_command(CLI::App& app, CommandOutcome& outcome) {
  auto input = std::make_shared<answers::ScreenInput>();
  add_answer_command(app, outcome, "screen", input, answers::screen_answer,
                     {{"PATIENT", &input->patient_file, "Patient record (JSON, see docs/formats.md; - reads stdin)", "FILE", true},
                      {"--date", &input->date, "Evaluation date YYYY-MM-DD (default: today)", "DATE"},
                      Flag("--adults-treated", &input->adults_treated,
                           "Patients aged 16 or more who have received a course, for the pediatric gate (default 0)", "N")
                          .checked(CLI::NonNegativeNumber),
                      protocol_flag(input->protocol_file),
                      {"--json", &input->json, "Print the JSON answer of the interchange contract"}},
                     {"protocol", "date"});
}

}  // namespace trialcore::app
