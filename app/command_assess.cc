// `trialcore assess`: classifies one response assessment by the protocol's definitions
// (response/assessment_answer.h).
#include <memory>

#include "command.h"
#include "commands/command_line.h"
#include "flags.h"
#include "output.h"
#include "protocol_option.h"
#include "response/assessment_answer.h"

namespace trialcore::app {

namespace {

struct AssessOptions {
  // The contract's options; each names the assessment fact of the same name (dashes for
  // underscores). A missing option means missing data.
  std::map<std::string, std::string> values;
  std::vector<std::string> facts;  // --fact NAME=VALUE, for a protocol's other facts
  std::string protocol_file;
  bool json = false;
};

const char* const kContractOptions[][2] = {
    {"anc", "Absolute neutrophil count, x 10^9/L"},
    {"platelets", "Platelet count, x 10^9/L"},
    {"marrow-blasts", "Bone marrow blasts, %"},
    {"baseline-marrow-blasts", "Bone marrow blasts before treatment, %"},
    {"extramedullary", "Extramedullary disease: absent, present or unknown"},
};

int run_assess(const AssessOptions& options) {
  auto protocol = load_protocol_option(options.protocol_file);
  if (!protocol.ok()) return fail(protocol.error());
  if (protocol->response.empty()) return fail(Error{"--protocol", "the protocol defines no response categories"});
  std::map<std::string, Json> facts;
  std::map<std::string, std::string> option_of;  // fact -> the option that gave it
  for (const auto& [option, text] : options.values) {
    std::string fact = option;
    for (char& c : fact) c = c == '-' ? '_' : c;
    facts[fact] = commands::number_or_text(text);
    option_of[fact] = "--" + option;
  }
  for (const std::string& pair : options.facts) {
    size_t equals = pair.find('=');
    if (equals == std::string::npos || equals == 0) return fail(Error{"--fact", "'" + pair + "' is not NAME=VALUE"});
    facts[pair.substr(0, equals)] = commands::number_or_text(pair.substr(equals + 1));
    option_of[pair.substr(0, equals)] = "--fact " + pair.substr(0, equals);
  }
  auto response = response::assess_facts(protocol->response, facts);
  if (!response.ok()) {
    Error error = response.error();
    for (const auto& [fact, option] : option_of) {
      if (error.path.rfind("$." + fact, 0) == 0) error.path = option;
    }
    return fail(error);
  }
  return print_result(options.json ? response::response_json(*response).dump() + "\n" : response::response_text(*response));
}

}  // namespace

void add_assess_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<AssessOptions>();
  CLI::App& command = add_command(app, outcome, "assess", options, run_assess, {});
  for (const auto& [name, help] : kContractOptions) {
    std::string option = name;
    command.add_option_function<std::string>(
               "--" + option, [options, option](const std::string& value) { options->values[option] = value; }, help)
        ->type_name(option == "extramedullary" ? "WORD" : "X");
  }
  add_flags(command, {{"--fact", &options->facts, "Another assessment fact of the protocol, NAME=VALUE (repeatable)", "NAME=VALUE"},
                      protocol_flag(options->protocol_file),
                      {"--json", &options->json, "Print the JSON answer of the interchange contract"}});
}

}  // namespace trialcore::app
