// `trialcore plan`: the dated doses of a treatment, as the protocol lays them out.
#include <iostream>
#include <memory>

#include "command.h"
#include "output.h"
#include "protocol/builtin_protocol.h"
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
    auto text = read_file_text(options.body_file);
    if (!text.ok()) return fail(text.error());
    auto json = parse_json_text(*text, options.body_file);
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
  for (const std::string& warning : plan->warnings) print_warning(warning);
  if (options.json) {
    std::cout << treatment::plan_json(*plan, spec, !options.body_file.empty()).dump() << "\n";
  } else {
    std::cout << treatment::plan_calendar(*plan, spec);
  }
  return kExitOk;
}

// The add-ons of the built-in protocol, id and description, read from its file's JSON.
std::vector<std::pair<std::string, std::string>> builtin_add_ons() {
  std::vector<std::pair<std::string, std::string>> add_ons;
  Json document = Json::parse(builtin_protocol_text(), nullptr, false);
  if (document.is_discarded()) return add_ons;
  const Json listed = document.value("treatment", Json::object()).value("add_ons", Json::object());
  for (const auto& [id, add_on] : listed.items()) {
    add_ons.emplace_back(id, add_on.is_object() ? add_on.value("description", id) : id);
  }
  return add_ons;
}

}  // namespace

void add_plan_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<PlanOptions>();
  auto* command = app.add_subcommand("plan", "Lay out the dated doses of a treatment (BSA-based)");
  command->footer(
      "Courses start at the period's nominal interval. Each course's doses come from the\n"
      "height and weight measured last on or before its day 1 (--body gives dated ones).\n"
      "Doses: level (mg/m2) x BSA at full precision, rounded as the protocol says.");
  command->add_option("--period", options->period, "The period (arm) of the protocol")->required()->type_name("ID");
  command->add_option("--start", options->start, "Day 1 of course 1, YYYY-MM-DD")->required()->type_name("DATE");
  command->add_option("--height", options->height, "Height in cm")->type_name("CM");
  command->add_option("--weight", options->weight, "Weight in kg")->type_name("KG");
  command->add_option("--courses", options->courses, "How many courses to plan")->required()->type_name("N");
  // One option for each add-on of the built-in protocol (the contract names one of them).
  // Every invocation registers it, so only the names are read, not the whole protocol.
  for (const auto& [id, description] : builtin_add_ons()) {
    std::string add_on = id;
    command->add_option_function<int>(
               "--" + add_on + "-from-course", [options, add_on](const int& course) { options->add_ons[add_on] = course; },
               "Add " + description + " from course K on")
        ->type_name("K");
  }
  command->add_option("--add-on", options->add_on_pairs, "An add-on of the protocol from a course on, ADD-ON=K")
      ->type_name("ADD-ON=K");
  command->add_option("--body", options->body_file, "Dated height and weight measurements (JSON list)")->type_name("FILE");
  add_protocol_option(*command, options->protocol_file);
  command->add_flag("--json", options->json, "Print the JSON answer of the interchange contract");
  command->callback([options, &outcome] { outcome.exit_code = run_plan(*options); });
}

}  // namespace trialcore::app
