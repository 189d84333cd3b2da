// `trialcore check-doses`: what was given, checked against the protocol's plan.
#include <iostream>
#include <memory>

#include "command.h"
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

Result<Json> read_json_file(const std::string& file) {
  auto text = read_file_text(file);
  if (!text.ok()) return text.error();
  return parse_json_text(*text, file);
}

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
    auto parsed = Date::Parse(options.as_of);
    if (!parsed.ok()) return fail(Error{"--as-of", parsed.error().message});
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
  if (options.json) {
    std::cout << treatment::dose_check_json(*check).dump() << "\n";
  } else {
    std::cout << treatment::dose_check_text(*check);
  }
  return kExitOk;
}

}  // namespace

void add_check_doses_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<CheckDosesOptions>();
  auto* command = app.add_subcommand("check-doses", "Check administered doses against the protocol's plan");
  command->footer(
      "PLAN_INPUT: {\"period\", \"start\", \"courses\", \"body\": [{\"date\", \"height\", \"weight\"}],\n"
      "\"add_ons\": {\"<add-on>\": first course}}. ADMINISTRATIONS: {\"administrations\": [{\"course\",\n"
      "\"day\", \"drug\", \"date\", \"start_time\": \"HH:MM\", \"dose_mg\", \"infusion_minutes\"}]}; course\n"
      "and day are optional. Each course is laid out from its actual day 1. Deviations: out-of-window,\n"
      "early-course-start, dose-off, wrong-order, infusion-too-short, infusion-too-long,\n"
      "beyond-max-courses, missed-dose, not-in-plan. A later course start is a delay, not a deviation.\n"
      "See docs/treatment.md.");
  command->add_option("PLAN_INPUT", options->plan_file, "The plan: period, start, courses, body, add-ons (JSON)")
      ->required()
      ->type_name("FILE");
  command->add_option("ADMINISTRATIONS", options->administrations_file, "What was given (JSON)")
      ->required()
      ->type_name("FILE");
  command->add_option("--as-of", options->as_of,
                      "Doses whose window closed before this date and not given are missed (default: the last administration)")
      ->type_name("DATE");
  add_protocol_option(*command, options->protocol_file);
  command->add_flag("--json", options->json, "Print JSON");
  command->callback([options, &outcome] { outcome.exit_code = run_check_doses(*options); });
}

}  // namespace trialcore::app
