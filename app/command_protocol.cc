// `trialcore protocol`: shows the protocol the engine runs, checks a protocol file, lists
// its criteria with how the engine reads them, and writes it as a USDM study
// (answers/protocol_answer.h).
#include "answers/protocol_answer.h"
#include "command.h"
#include "protocol_option.h"

namespace trialcore::app {

void add_protocol_command(CLI::App& app, CommandOutcome& outcome) {
  auto input = std::make_shared<answers::ProtocolInput>();
  input->version = TRIALCORE_VERSION;
  add_answer_command(app, outcome, "protocol", input, answers::protocol_answer,
                     {protocol_flag(input->protocol_file),
                      {"--check", &input->check, "Load and validate the protocol; report the first problem with its JSON path"},
                      {"--criteria", &input->criteria,
                       "List the eligibility criteria: the record's words, the engine's reading, the rule, the facts it needs"},
                      {"--usdm", &input->usdm, "Print the protocol as a CDISC USDM 4.0 study (JSON; docs/usdm.md)"}},
                     {"protocol"});
}

}  // namespace trialcore::app
