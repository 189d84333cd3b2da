// `trialcore export-sdtm`: the trial's record as SDTM, for the sponsor and the regulator:
// the trial design domains from the protocol and the subject domains from the store, each
// as a Dataset-JSON 1.1 file, a SAS transport (version 5) file, or both (docs/sdtm.md).
#include <filesystem>
#include <fstream>
#include <iostream>

#include "command.h"
#include "output.h"
#include "sdtm/dataset_json.h"
#include "sdtm/sdtm_export.h"
#include "sdtm/transport_file.h"
#include "trial_options.h"

namespace trialcore::app {

namespace {

struct ExportOptions {
  TrialOptions trial;
  std::string out;
  std::string format = "both";
  std::string terms_file;
};

// The protocol's SDTM terms: the file given, the built-in protocol's, or, for another
// protocol without a file, terms made from its own codes (and a warning saying so).
Result<sdtm::SdtmTerms> terms_for(const ExportOptions& options, const Protocol& protocol) {
  if (!options.terms_file.empty()) {
    auto text = read_file_text(options.terms_file);
    if (!text.ok()) return Error{"--sdtm-terms", text.error().to_string()};
    auto terms = sdtm::load_sdtm_terms(*text, protocol);
    if (!terms.ok()) return Error{"", "SDTM terms " + options.terms_file + ": " + terms.error().to_string()};
    return terms;
  }
  if (options.trial.protocol_file.empty()) {
    auto terms = sdtm::load_sdtm_terms(builtin_sdtm_terms_text(), protocol);
    if (!terms.ok()) return Error{"", "the built-in SDTM terms: " + terms.error().to_string(), ErrorKind::kFailure};
    return terms;
  }
  print_warning("no --sdtm-terms for " + protocol.id + ": lab test codes are the protocol's own codes, not SDTM's terms");
  return sdtm::derived_sdtm_terms(protocol);
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

struct OutputFile {
  std::filesystem::path path;
  std::string bytes;
};

Status write_files(const std::vector<OutputFile>& files) {
  for (const OutputFile& file : files) {
    std::ofstream stream(file.path, std::ios::binary | std::ios::trunc);
    stream.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
    if (!stream) return Error{"--out", "could not write " + file.path.string(), ErrorKind::kFailure};
  }
  return Status::Ok();
}

int run_export(const ExportOptions& options) {
  std::filesystem::path out(options.out);
  if (std::filesystem::exists(out) && !std::filesystem::is_directory(out)) {
    return fail(Error{"--out", options.out + " is not a directory"});
  }
  return with_trial(options.trial, [&](OpenTrial& trial) {
    auto terms = terms_for(options, trial.protocol);
    if (!terms.ok()) return fail(terms.error());
    auto subjects = sdtm::subjects_of(*trial.service);
    if (!subjects.ok()) return fail(subjects.error());
    auto datasets = sdtm::sdtm_datasets(trial.protocol, *terms, *subjects);
    if (!datasets.ok()) return fail(datasets.error());
    // Every file is made before any is written: a dataset that cannot be written leaves none.
    sdtm::ExportContext context{utc_now(), trial.protocol.id, trial.protocol.version, TRIALCORE_VERSION};
    std::vector<OutputFile> files;
    Json summary = Json::array();
    for (const sdtm::Dataset& dataset : *datasets) {
      Json written = Json::array();
      if (options.format != "xpt") {
        files.push_back({out / (lower(dataset.name) + ".json"), sdtm::dataset_json(dataset, context).dump(1) + "\n"});
        written.push_back(files.back().path.filename().string());
      }
      if (options.format != "dataset-json") {
        auto bytes = sdtm::transport_file(dataset, context.created);
        if (!bytes.ok()) return fail(bytes.error());
        files.push_back({out / (lower(dataset.name) + ".xpt"), std::move(*bytes)});
        written.push_back(files.back().path.filename().string());
      }
      summary.push_back({{"name", dataset.name}, {"label", dataset.label}, {"records", dataset.rows.size()}, {"files", written}});
    }
    std::error_code error;
    std::filesystem::create_directories(out, error);
    if (error) return fail(Error{"--out", "could not create " + options.out + ": " + error.message(), ErrorKind::kFailure});
    if (Status status = write_files(files); !status.ok()) return fail(status.error());
    if (options.trial.json) {
      std::cout << Json{{"study", trial.protocol.id}, {"subjects", subjects->size()}, {"datasets", summary}}.dump(1) << "\n";
    } else {
      std::cout << trial.protocol.id << ": " << subjects->size() << " subject(s), " << summary.size() << " dataset(s) in "
                << options.out << "\n";
      for (const Json& dataset : summary) {
        std::cout << "  " << dataset["name"].get<std::string>() << " (" << dataset["label"].get<std::string>()
                  << "): " << dataset["records"] << " record(s)\n";
      }
    }
    return kExitOk;
  });
}

}  // namespace

void add_export_sdtm_command(CLI::App& app, CommandOutcome& outcome) {
  auto options = std::make_shared<ExportOptions>();
  auto* command = app.add_subcommand("export-sdtm", "Write the trial's record as SDTM datasets (Dataset-JSON 1.1, SAS transport v5)");
  command->footer("Trial design (TA, TE, TV, TI, TS) from the protocol; subjects (DM, DS, IE, EX, LB, RS, DV, SUPP--) from the "
                  "record. A dataset without records is not written.");
  add_trial_options(*command, options->trial);
  command->add_option("--out", options->out, "The folder to write the datasets into (created if missing)")
      ->required()
      ->type_name("DIR");
  command->add_option("--format", options->format, "dataset-json, xpt, or both (default)")
      ->check(CLI::IsMember({"dataset-json", "xpt", "both"}))
      ->type_name("FORMAT");
  command->add_option("--sdtm-terms", options->terms_file,
                      "The protocol's SDTM terms file (default: the built-in protocol's; protocols/*.sdtm.json)")
      ->type_name("FILE");
  command->callback([options, &outcome] { outcome.exit_code = run_export(*options); });
}

}  // namespace trialcore::app
