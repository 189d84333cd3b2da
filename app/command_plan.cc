// `trialcore plan`: the dated doses of a treatment, as the protocol lays them out.
#include <memory>

#include "command.h"
#include "flags.h"
#include "output.h"
#include "protocol/builtin_protocol.h"
#include "protocol/protocol_text.h"
#include "protocol_option.h"
#include "treatment/plan_input.h"
#include "treatment/plan_output.h"

namespace trialcore::app {

namespace {

struct PlanOptions {
  std::string period;
  std::string start;
  std::optional<double> height;
  std::optional<double> weight;
  int courses = 0;
  std::map<std::string, int> add_ons;  // from --<add-on>-from-course and --add-on
  std::vector<std::string> add_on_pairs;
  std::string body_file;
  std::string protocol_file;
  bool json = false;
};

int run_plan(const PlanOptions& options) {
  auto protocol = load_protocol_option(options.protocol_file);
  if (!protocol.ok()) return fail(protocol.error());
  const treatment::TreatmentSpec& spec = protocol->treatment;
  if (spec.empty()) return fail(Error{"--protocol", "the protocol has no treatment section"});

  treatment::PlanRequest request;
  request.period = options.period;
  auto start = Date::Parse(options.start);
  if (!start.ok()) return fail(Error{"--start", start.error().message});
  request.start = *start;
  request.courses = options.courses;
  request.add_ons = options.add_ons;
  for (const std::string& pair : options.add_on_pairs) {
    size_t equals = pair.find('=');
    int course = 0;
    try {
      course = equals == std::string::npos ? 0 : std::stoi(pair.substr(equals + 1));
    } catch (const std::exception&) {
      course = 0;
    }
    if (equals == std::string::npos || course < 1) return fail(Error{"--add-on", "'" + pair + "' is not ADD-ON=COURSE"});
    request.add_ons[pair.substr(0, equals)] = course;
  }
  if (options.height || options.weight) {
    if (!options.height) return fail(Error{"--height", "is required with --weight"});
    if (!options.weight) return fail(Error{"--weight", "is required with --height"});
    request.body.push_back({request.start, *options.height, *options.weight});
  }
  if (!options.body_file.empty()) {
    auto json = read_json_file(options.body_file);
    if (!json.ok()) return fail(json.error());
    auto measurements = treatment::read_body_measurements(*json, "$");
    if (!measurements.ok()) return fail(Error{options.body_file + " " + measurements.error().path, measurements.error().message});
    request.body.insert(request.body.end(), measurements->begin(), measurements->end());
  }
  if (request.body.empty()) return fail(Error{"--height", "give --height and --weight, or --body FILE"});
  auto plan = treatment::plan_treatment(spec, request);
  if (!plan.ok()) {
    Error error = plan.error();
    if (error.path.rfind("$.add_ons.", 0) == 0) return fail(Error{"--" + error.path.substr(10) + "-from-course", error.message});
    return fail(on_flags(error));
  }
  return print_result(options.json ? treatment::plan_json(*plan, spec, !options.body_file.empty()).dump() + "\n"
                                    : treatment::plan_calendar(*plan, spec),
                      plan->warnings);
}

}  // namespace

void add_plan_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<PlanOptions>();
  CLI::App& command = add_command(app, outcome, "plan", options, run_plan);
  add_flags(command, {{"--period", &options->period, "The period (arm) of the protocol", "ID", true},
                      {"--start", &options->start, "Day 1 of course 1, YYYY-MM-DD", "DATE", true},
                      {"--height", &options->height, "Height in cm", "CM"},
                      {"--weight", &options->weight, "Weight in kg", "KG"},
                      {"--courses", &options->courses, "How many courses to plan", "N", true}});
  // One option for each add-on of the built-in protocol (the contract names one of them).
  // Every invocation registers it, so only the names are read, not the whole protocol.
  for (const auto& [id, description] : add_ons_of_text(builtin_protocol_text())) {
    std::string add_on = id;
    command.add_option_function<int>(
               "--" + add_on + "-from-course", [options, add_on](const int& course) { options->add_ons[add_on] = course; },
               "Add " + description + " from course K on")
        ->type_name("K");
  }
  add_flags(command, {{"--add-on", &options->add_on_pairs, "An add-on of the protocol from a course on, ADD-ON=K", "ADD-ON=K"},
                      {"--body", &options->body_file, "Dated height and weight measurements (JSON list)", "FILE"}});
  add_protocol_option(command, options->protocol_file);
  add_flags(command, {{"--json", &options->json, "Print the JSON answer of the interchange contract"}});
}

}  // namespace trialcore::app
