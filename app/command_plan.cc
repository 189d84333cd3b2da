// `trialcore plan`: the dated doses of a treatment, as the protocol lays them out.
#include <memory>

#include "command.h"
#include "flags.h"
#include "output.h"
#include "protocol/builtin_protocol.h"
#include "protocol/protocol_text.h"
#include "protocol_option.h"
#include "treatment/plan_output.h"
#include "treatment/plan_parts.h"

namespace trialcore::app {

namespace {

struct PlanOptions {
  treatment::PlanParts parts;  // add-ons from --<add-on>-from-course and --add-on
  std::string protocol_file;
  bool json = false;
};

int run_plan(const PlanOptions& options) {
  auto protocol = load_protocol_option(options.protocol_file);
  if (!protocol.ok()) return fail(protocol.error());
  const treatment::TreatmentSpec& spec = protocol->treatment;
  if (spec.empty()) return fail(Error{"--protocol", "the protocol has no treatment section"});
  auto request = treatment::plan_request_of(options.parts);
  if (!request.ok()) return fail(on_flags(request.error()));
  auto plan = treatment::plan_treatment(spec, *request);
  if (!plan.ok()) {
    Error error = plan.error();
    if (error.path.rfind("$.add_ons.", 0) == 0) return fail(Error{"--" + error.path.substr(10) + "-from-course", error.message});
    return fail(on_flags(error));
  }
  return print_result(options.json ? treatment::plan_json(*plan, spec, !options.parts.body_file.empty()).dump() + "\n"
                                    : treatment::plan_calendar(*plan, spec),
                      plan->warnings);
}

}  // namespace

void add_plan_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<PlanOptions>();
  treatment::PlanParts& parts = options->parts;
  CLI::App& command = add_command(app, outcome, "plan", options, run_plan,
                                  {{"--period", &parts.period, "The period (arm) of the protocol", "ID", true},
                                   {"--start", &parts.start, "Day 1 of course 1, YYYY-MM-DD", "DATE", true},
                                   {"--height", &parts.height, "Height in cm", "CM"},
                                   {"--weight", &parts.weight, "Weight in kg", "KG"},
                                   {"--courses", &parts.courses, "How many courses to plan", "N", true}});
  // One option for each add-on of the built-in protocol (the contract names one of them).
  // Every invocation registers it, so only the names are read, not the whole protocol.
  for (const auto& [id, description] : add_ons_of_text(builtin_protocol_text())) {
    std::string add_on = id;
    command.add_option_function<int>(
               "--" + add_on + "-from-course", [options, add_on](const int& course) { options->parts.add_ons[add_on] = course; },
               "Add " + description + " from course K on")
        ->type_name("K");
  }
  add_flags(command, {{"--add-on", &parts.add_on_pairs, "An add-on of the protocol from a course on, ADD-ON=K", "ADD-ON=K"},
                      {"--body", &parts.body_file, "Dated height and weight measurements (JSON list)", "FILE"},
                      protocol_flag(options->protocol_file),
                      {"--json", &options->json, "Print the JSON answer of the interchange contract"}});
}

}  // namespace trialcore::app
