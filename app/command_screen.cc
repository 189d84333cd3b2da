// `trialcore screen`, `assess`, `plan` and `check-doses`: the protocol's answers for one
// patient without a trial's record (the interchange contract's commands).
#include <iostream>

#include "command.h"
#include "eligibility/screening.h"
#include "eligibility/screening_output.h"
#include "flags.h"
#include "output.h"
#include "patient/patient_record.h"
#include "protocol_option.h"
#include "trial_options.h"

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
  auto date = date_or_today(options.date, "--date");
  if (!date.ok()) return fail(date.error());
  auto text = read_file_text(options.patient_file);
  if (!text.ok()) return fail(text.error());
  auto parsed = patient::parse_patient_record(*text, protocol->record_format);
  if (!parsed.ok()) return fail(parsed.error());
  TrialFactValues trial_facts;
  // The contract's count for the pediatric gate, when no trial store is used.
  if (protocol->library->schema().find_trial_fact("adults_treated") >= 0) {
    trial_facts["adults_treated"] = expr::Value::Number(static_cast<double>(options.adults_treated));
  }
  auto screening = screen(*protocol, parsed->record, *date, trial_facts);
  if (!screening.ok()) return fail(screening.error());
  return print_result(options.json ? screening_json(*screening).dump() + "\n" : screening_checklist(*screening, *protocol),
                      parsed->warnings);
}

}  // namespace

void add_screen_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<ScreenOptions>();
  add_command(app, outcome, "screen", options, run_screen,
              {{"PATIENT", &options->patient_file, "Patient record (JSON, see docs/formats.md; - reads stdin)", "FILE", true},
               {"--date", &options->date, "Evaluation date YYYY-MM-DD (default: today)", "DATE"},
               Flag("--adults-treated", &options->adults_treated,
                    "Patients aged 16 or more who have received a course, for the pediatric gate (default 0)", "N")
                   .checked(CLI::NonNegativeNumber),
               protocol_flag(options->protocol_file),
               {"--json", &options->json, "Print the JSON answer of the interchange contract"}});
}

}  // namespace trialcore::app
