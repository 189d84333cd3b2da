// `trialcore check-doses`: what was given, checked against the protocol's plan
// (treatment/dose_check_files.h).
#include <memory>

#include "command.h"
#include "flags.h"
#include "output.h"
#include "protocol_option.h"
#include "treatment/dose_check_files.h"

namespace trialcore::app {

namespace {

struct CheckDosesOptions {
  std::string plan_file;
  std::string administrations_file;
  std::string as_of;
  std::string protocol_file;
  bool json = false;
};

int run_check_doses(const CheckDosesOptions& options) {
  auto protocol = load_protocol_option(options.protocol_file);
  if (!protocol.ok()) return fail(protocol.error());
  if (protocol->treatment.empty()) return fail(Error{"--protocol", "the protocol has no treatment section"});
  auto check = treatment::check_dose_files(protocol->treatment, options.plan_file, options.administrations_file, options.as_of);
  if (!check.ok()) return fail(on_flags(check.error(), {"as_of"}));
  return print_result(options.json ? treatment::dose_check_json(*check).dump() + "\n" : treatment::dose_check_text(*check));
}

}  // namespace

void add_check_doses_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<CheckDosesOptions>();
  add_command(app, outcome, "check-doses", options, run_check_doses,
              {{"PLAN_INPUT", &options->plan_file, "The plan: period, start, courses, body, add-ons (JSON)", "FILE", true},
               {"ADMINISTRATIONS", &options->administrations_file, "What was given (JSON)", "FILE", true},
               {"--as-of", &options->as_of,
                "Doses whose window closed before this date and not given are missed (default: the last administration)",
                "DATE"},
               protocol_flag(options->protocol_file),
               {"--json", &options->json, "Print JSON"}});
}

}  // namespace trialcore::app
