// `trialcore assess`: classifies one response assessment by the protocol's definitions.
#include <cstdlib>
#include <iostream>
#include <memory>

#include "command.h"
#include "output.h"
#include "protocol_option.h"
#include "response/assessment.h"
#include "response/classify.h"

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

std::string fact_name(std::string option) {
  for (char& c : option) c = c == '-' ? '_' : c;
  return option;
}

int run_assess(const AssessOptions& options) {
  auto protocol = load_protocol_option(options.protocol_file);
  if (!protocol.ok()) return fail(protocol.error());
  const response::ResponseSpec& spec = protocol->response;
  if (spec.empty()) return fail(Error{"--protocol", "the protocol defines no response categories"});
  Json object = Json::object();
  std::map<std::string, std::string> option_of;  // fact -> the option that gave it
  for (const auto& [option, text] : options.values) {
    object[fact_name(option)] = number_or_text(text);
    option_of[fact_name(option)] = "--" + option;
  }
  for (const std::string& pair : options.facts) {
    size_t equals = pair.find('=');
    if (equals == std::string::npos || equals == 0) return fail(Error{"--fact", "'" + pair + "' is not NAME=VALUE"});
    object[pair.substr(0, equals)] = number_or_text(pair.substr(equals + 1));
    option_of[pair.substr(0, equals)] = "--fact " + pair.substr(0, equals);
  }
  for (const auto& [fact, option] : option_of) {
    bool declared = false;
    for (const auto& field : spec.facts) declared = declared || field.name == fact;
    if (!declared) return fail(Error{option, "the protocol's assessments have no fact '" + fact + "'"});
  }
  std::vector<std::string> warnings;
  auto assessment = response::read_assessment(spec, object, "$", warnings);
  if (!assessment.ok()) {
    Error error = assessment.error();
    for (const auto& [fact, option] : option_of) {
      if (error.path.rfind("$." + fact, 0) == 0) error.path = option;
    }
    return fail(error);
  }
  response::Response response = response::classify(spec, *assessment);
  if (options.json) {
    OrderedJson answer = {{"response", response.category}, {"reason", response.reason}};
    std::cout << answer.dump() << "\n";
  } else {
    std::cout << "Response: " << response.category << " (" << response.label << ")"
              << (response.responder ? ", a responder" : "") << "\n"
              << "Because: " << response.reason << "\n";
    if (!response.missing.empty()) {
      std::cout << "To obtain:";
      for (const std::string& fact : response.missing) std::cout << " " << fact;
      std::cout << "\n";
    }
  }
  return kExitOk;
}

}  // namespace

void add_assess_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<AssessOptions>();
  auto* command = app.add_subcommand("assess", "Classify a response assessment (CR, CRi, PR, NR, NE)");
  command->footer(
      "Categories are tried in the protocol's precedence order; the first that holds is the\n"
      "response. A missing option means missing data: when a category cannot be decided the\n"
      "answer is not evaluable (NE) and says what to obtain.");
  for (const auto& [name, help] : kContractOptions) {
    std::string option = name;
    command->add_option_function<std::string>(
               "--" + option, [options, option](const std::string& value) { options->values[option] = value; }, help)
        ->type_name(option == "extramedullary" ? "WORD" : "X");
  }
  command->add_option("--fact", options->facts, "Another assessment fact of the protocol, NAME=VALUE (repeatable)")
      ->type_name("NAME=VALUE");
  add_protocol_option(*command, options->protocol_file);
  command->add_flag("--json", options->json, "Print the JSON answer of the interchange contract");
  command->callback([options, &outcome] { outcome.exit_code = run_assess(*options); });
}

}  // namespace trialcore::app
