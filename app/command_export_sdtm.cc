// `trialcore export-sdtm`: the trial's record as SDTM, for the sponsor and the regulator
// (sdtm/sdtm_files.h writes it; docs/sdtm.md).
#include <filesystem>

#include "command.h"
#include "flags.h"
#include "output.h"
#include "sdtm/sdtm_files.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

struct ExportOptions {
  TrialOptions trial;
  std::string out;
  std::string format = "both";
  std::string terms_file;
};

int run_export(const ExportOptions& options) {
  if (std::filesystem::exists(options.out) && !std::filesystem::is_directory(options.out)) {
    return fail(Error{"--out", options.out + " is not a directory"});
  }
  return with_trial(options.trial, [&](OpenTrial& trial) {
    sdtm::SdtmFilesRequest request{options.out, options.format, std::nullopt, options.terms_file,
                                   options.trial.protocol_file.empty(),
                                   {utc_now(), trial.protocol.id, trial.protocol.version, TRIALCORE_VERSION}};
    if (!options.terms_file.empty()) {
      auto text = read_file_text(options.terms_file);
      if (!text.ok()) return fail(Error{"--sdtm-terms", text.error().to_string()});
      request.terms_text = *text;
    }
    std::vector<std::string> warnings;
    auto written = sdtm::write_sdtm_files(trial.protocol, *trial.service, request, warnings);
    if (!written.ok()) return print_result(on_flags(written.error(), {"out"}), warnings);
    return print_result(options.trial.json ? written->summary.dump(1) + "\n" : written->text, warnings);
  });
}

}  // namespace

void add_export_sdtm_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<ExportOptions>();
  add_command(app, outcome, "export-sdtm", options, run_export,
              trial_flags(options->trial) +
                  Flags{{"--out", &options->out, "The folder to write the datasets into (created if missing)", "DIR", true},
                        Flag("--format", &options->format, "dataset-json, xpt, or both (default)", "FORMAT")
                            .checked(CLI::IsMember({"dataset-json", "xpt", "both"})),
                        {"--sdtm-terms", &options->terms_file,
                         "The protocol's SDTM terms file (default: the built-in protocol's; protocols/*.sdtm.json)", "FILE"}});
}

}  // namespace trialcore::app
