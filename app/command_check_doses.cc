// `trialcore check-doses`: what was given, checked against the protocol's plan.
#include <memory>

#include "command.h"
#include "flags.h"
#include "trial_options.h"
#include "output.h"
#include "protocol_option.h"
#include "treatment/dose_check.h"
#include "treatment/plan_input.h"

namespace trialcore::app {

namespace {

struct CheckDosesOptions {
  std::string plan_file;
  std::string administrations_file;
  std::string as_of;
  std::string protocol_file;
  bool json = false;
};

// Errors in a file name it before the JSON path.
Error in_file(const std::string& file, const Error& error) { return Error{file + " " + error.path, error.message}; }

int run_check_doses(const CheckDosesOptions& options) {
  auto protocol = load_protocol_option(options.protocol_file);
  if (!protocol.ok()) return fail(protocol.error());
  if (protocol->treatment.empty()) return fail(Error{"--protocol", "the protocol has no treatment section"});
  auto plan_json = read_json_file(options.plan_file);
  if (!plan_json.ok()) return fail(plan_json.error());
  auto request = treatment::read_plan_request(*plan_json, "$");
  if (!request.ok()) return fail(in_file(options.plan_file, request.error()));
  auto given_json = read_json_file(options.administrations_file);
  if (!given_json.ok()) return fail(given_json.error());
  auto given = treatment::read_administrations(*given_json, "$");
  if (!given.ok()) return fail(in_file(options.administrations_file, given.error()));
  std::optional<Date> as_of;
  if (!options.as_of.empty()) {
    auto parsed = date_option(options.as_of, "--as-of");
    if (!parsed.ok()) return fail(parsed.error());
    as_of = *parsed;
  }
  auto check = treatment::check_doses(protocol->treatment, *request, *given, as_of);
  if (!check.ok()) {
    Error error = check.error();
    // The administrations are in their file; everything else is the plan request's.
    if (error.path.rfind("$.administrations", 0) == 0) {
      error.path = options.administrations_file + " " + error.path;
    } else if (error.path.rfind("$", 0) == 0) {
      error.path = options.plan_file + " " + error.path;
    }
    return fail(error);
  }
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
