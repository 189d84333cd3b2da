// `trialcore protocol`: shows the protocol the engine runs, checks a protocol file, lists
// its criteria with how the engine reads them, and writes it as a USDM study.
#include "command.h"
#include "flags.h"
#include "output.h"
#include "protocol/builtin_protocol.h"
#include "protocol/protocol_text.h"
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

int run_protocol(const ProtocolOptions& options) {
  auto protocol = load_protocol_option(options.file);
  if (!protocol.ok()) return fail(protocol.error());
  if (options.usdm) {
    auto study = usdm::usdm_study(*protocol, TRIALCORE_VERSION);
    return print_result(study.ok() ? Result<std::string>(study->dump(1) + "\n") : study.error());
  }
  if (options.criteria) return print_result(criteria_text(*protocol));
  if (options.check) return print_result(protocol_summary(*protocol));
  return print_result(options.file.empty() ? Result<std::string>(std::string(builtin_protocol_text())) : read_file_text(options.file));
}

}  // namespace

void add_protocol_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<ProtocolOptions>();
  add_command(app, outcome, "protocol", options, run_protocol,
              {protocol_flag(options->file),
               {"--check", &options->check, "Load and validate the protocol; report the first problem with its JSON path"},
               {"--criteria", &options->criteria,
                "List the eligibility criteria: the record's words, the engine's reading, the rule, the facts it needs"},
               {"--usdm", &options->usdm, "Print the protocol as a CDISC USDM 4.0 study (JSON; docs/usdm.md)"}});
}

}  // namespace trialcore::app
