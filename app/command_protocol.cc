// `trialcore protocol`: shows the protocol the engine runs, checks a protocol file, lists
// its criteria with how the engine reads them, and writes it as a USDM study.
#include <iostream>

#include "command.h"
#include "output.h"
#include "protocol/builtin_protocol.h"
#include "protocol_option.h"
#include "usdm/usdm_study.h"

namespace trialcore::app {

namespace {

struct ProtocolOptions {
  std::string file;
  bool check = false;
  bool criteria = false;
  bool usdm = false;
};

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

void print_criteria(const Protocol& protocol) {
  for (const Criterion& criterion : protocol.criteria) {
    std::cout << criterion.id << " (" << (criterion.kind == CriterionKind::kInclusion ? "inclusion" : "exclusion")
              << (criterion.waivable ? ", waivable" : "") << ")\n"
              << "  record says:   " << criterion.text << "\n";
    if (!criterion.interpretation.empty()) std::cout << "  engine does:   " << criterion.interpretation << "\n";
    if (criterion.applies_when) std::cout << "  applies when:  " << criterion.applies_when->text << "\n";
    std::cout << "  " << (criterion.kind == CriterionKind::kInclusion ? "met when:      " : "excluded when: ")
              << criterion.rule.text << "\n"
              << "  needs:         " << join(criterion.needs) << "\n\n";
  }
}

int run_protocol(const ProtocolOptions& options) {
  auto protocol = load_protocol_option(options.file);
  if (!protocol.ok()) return fail(protocol.error());
  if (options.usdm) {
    auto study = usdm::usdm_study(*protocol, TRIALCORE_VERSION);
    if (!study.ok()) return fail(study.error());
    std::cout << study->dump(1) << "\n";
  } else if (options.criteria) {
    print_criteria(*protocol);
  } else if (options.check) {
    std::cout << "ok: " << protocol->id << " version " << protocol->version << ": " << protocol->periods.size()
              << " periods, " << protocol->criteria.size() << " criteria, "
              << protocol->response.categories.size() << " response categories\n";
  } else if (options.file.empty()) {
    std::cout << builtin_protocol_text();
  } else {
    auto text = read_file_text(options.file);
    if (!text.ok()) return fail(text.error());
    std::cout << *text;
  }
  return kExitOk;
}

}  // namespace

void add_protocol_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<ProtocolOptions>();
  auto* command = app.add_subcommand("protocol", "Print, check or explain the protocol the engine runs");
  command->footer("Without options, prints the protocol file (the built-in one unless --protocol is given).");
  add_protocol_option(*command, options->file);
  command->add_flag("--check", options->check, "Load and validate the protocol; report the first problem with its JSON path");
  command->add_flag("--criteria", options->criteria,
                    "List the eligibility criteria: the record's words, the engine's reading, the rule, the facts it needs");
  command->add_flag("--usdm", options->usdm, "Print the protocol as a CDISC USDM 4.0 study (JSON; docs/usdm.md)");
  command->callback([options, &outcome] { outcome.exit_code = run_protocol(*options); });
}

}  // namespace trialcore::app
