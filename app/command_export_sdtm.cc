// `trialcore export-sdtm`: the trial's record as SDTM, for the sponsor and the regulator
// (answers/record_exports.h writes it; docs/sdtm.md).
#include "answers/record_exports.h"
#include "command.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

using SdtmExportOptions = OnRecord<answers::SdtmExportInput>;

int run_export_sdtm(const SdtmExportOptions& options) {
  Status folder = answers::sdtm_folder_checked(options.input);
  if (!folder.ok()) return fail(on_flags(folder.error()));
  return with_trial(options.trial, [&](OpenTrial& trial) {
    std::vector<std::string> warnings;
    auto written = answers::sdtm_export_answer(trial, options.input, options.trial.protocol_file.empty(), TRIALCORE_VERSION,
                                               options.trial.json, warnings);
    const std::vector<std::string> members = {"out", "sdtm_terms"};
    return print_result(on_flags(written, members), on_flags(warnings, members));
  });
}

}  // namespace

void add_export_sdtm_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<SdtmExportOptions>();
  add_command(app, outcome, "export-sdtm", options, run_export_sdtm,
              trial_flags(options->trial) +
                  Flags{{"--out", &options->input.out, "The folder to write the datasets into (created if missing)", "DIR", true},
                        Flag("--format", &options->input.format, "dataset-json, xpt, or both (default)", "FORMAT")
                            .checked(CLI::IsMember({"dataset-json", "xpt", "both"})),
                        {"--sdtm-terms", &options->input.terms_file,
                         "The protocol's SDTM terms file (default: the built-in protocol's; protocols/*.sdtm.json)", "FILE"}});
}

}  // namespace trialcore::app
