// `trialcore screen`: a patient record against the protocol's eligibility criteria.
#include <iostream>
#include <memory>

#include "command.h"
#include "eligibility/screening.h"
#include "eligibility/screening_output.h"
#include "output.h"
#include "patient/patient_record.h"
#include "protocol_option.h"

namespace trialcore::app {

namespace {

struct ScreenOptions {
  std::string patient_file;
  std::string date;
  int64_t adults_treated = 0;
  std::string protocol_file;
  bool json = false;
};

int run_screen(const ScreenOptions& options) {
  auto protocol = load_protocol_option(options.protocol_file);
  if (!protocol.ok()) return fail(protocol.error());
  Date date = today();
  if (!options.date.empty()) {
    auto parsed = Date::Parse(options.date);
    if (!parsed.ok()) return fail(Error{"--date", parsed.error().message});
    date = *parsed;
  }
  auto text = read_file_text(options.patient_file);
  if (!text.ok()) return fail(text.error());
  auto parsed = patient::parse_patient_record(*text, protocol->record_format);
  if (!parsed.ok()) return fail(parsed.error());

  TrialFactValues trial_facts;
  // The contract's count for the pediatric gate, when no trial store is used.
  if (protocol->library->schema().find_trial_fact("adults_treated") >= 0) {
    trial_facts["adults_treated"] = expr::Value::Number(static_cast<double>(options.adults_treated));
  }
  auto screening = screen(*protocol, parsed->record, date, trial_facts);
  if (!screening.ok()) return fail(screening.error());
  for (const std::string& warning : parsed->warnings) print_warning(warning);
  if (options.json) {
    std::cout << screening_json(*screening).dump() << "\n";
  } else {
    std::cout << screening_checklist(*screening, *protocol);
  }
  return kExitOk;
}

}  // namespace

void add_screen_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<ScreenOptions>();
  auto* command = app.add_subcommand("screen", "Screen a patient record against the eligibility criteria");
  command->footer(
      "Every criterion is reported once, in protocol order: pass, fail, unknown (with what to\n"
      "obtain), not-applicable or waived. The patient is eligible (yes) only when none fails\n"
      "and none is unknown. Data dated after --date are not used.");
  command->add_option("PATIENT", options->patient_file, "Patient record (JSON, see docs/formats.md; - reads stdin)")
      ->required()
      ->type_name("FILE");
  command->add_option("--date", options->date, "Evaluation date YYYY-MM-DD (default: today)")->type_name("DATE");
  command->add_option("--adults-treated", options->adults_treated,
                      "Patients aged 16 or more who have received a course, for the pediatric gate (default 0)")
      ->check(CLI::NonNegativeNumber)
      ->type_name("N");
  add_protocol_option(*command, options->protocol_file);
  command->add_flag("--json", options->json, "Print the JSON answer of the interchange contract");
  command->callback([options, &outcome] { outcome.exit_code = run_screen(*options); });
}

}  // namespace trialcore::app
