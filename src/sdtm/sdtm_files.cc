#include "sdtm/sdtm_files.h"

#include <cctype>
#include <fstream>
#include <sstream>

#include "sdtm/transport_file.h"

namespace trialcore::sdtm {

namespace {

Result<SdtmTerms> terms_for(const Protocol& protocol, const SdtmFilesRequest& request, std::vector<std::string>& warnings) {
  if (request.terms_text) {
    auto terms = load_sdtm_terms(*request.terms_text, protocol);
    if (!terms.ok()) return Error{"", "SDTM terms " + request.terms_file + ": " + terms.error().to_string()};
    return terms;
  }
  if (request.builtin_protocol) {
    auto terms = load_sdtm_terms(builtin_sdtm_terms_text(), protocol);
    if (!terms.ok()) return Error{"", "the built-in SDTM terms: " + terms.error().to_string(), ErrorKind::kFailure};
    return terms;
  }
  warnings.push_back("$.sdtm_terms: none given for " + protocol.id + ": lab test codes are the protocol's own codes, not SDTM's terms");
  return derived_sdtm_terms(protocol);
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

struct OutputFile {
  std::filesystem::path path;
  std::string bytes;
};

Status write_files(const std::filesystem::path& out, const std::vector<OutputFile>& files) {
  std::error_code error;
  std::filesystem::create_directories(out, error);
  if (error) return Error{"$.out", "could not create " + out.string() + ": " + error.message(), ErrorKind::kFailure};
  for (const OutputFile& file : files) {
    std::ofstream stream(file.path, std::ios::binary | std::ios::trunc);
    stream.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
    if (!stream) return Error{"$.out", "could not write " + file.path.string(), ErrorKind::kFailure};
  }
  return Status::Ok();
}

}  // namespace

Result<SdtmFilesWritten> write_sdtm_files(const Protocol& protocol, trial::TrialService& service,
                                          const SdtmFilesRequest& request, std::vector<std::string>& warnings) {
  auto terms = terms_for(protocol, request, warnings);
  if (!terms.ok()) return terms.error();
  auto subjects = subjects_of(service);
  if (!subjects.ok()) return subjects.error();
  auto datasets = sdtm_datasets(protocol, *terms, *subjects);
  if (!datasets.ok()) return datasets.error();
  std::vector<OutputFile> files;
  Json summary = Json::array();
  for (const Dataset& dataset : *datasets) {
    Json written = Json::array();
    if (request.format != "xpt") {
      files.push_back({request.out / (lower(dataset.name) + ".json"), dataset_json(dataset, request.context).dump(1) + "\n"});
      written.push_back(files.back().path.filename().string());
    }
    if (request.format != "dataset-json") {
      auto bytes = transport_file(dataset, request.context.created);
      if (!bytes.ok()) return bytes.error();
      files.push_back({request.out / (lower(dataset.name) + ".xpt"), std::move(*bytes)});
      written.push_back(files.back().path.filename().string());
    }
    summary.push_back({{"name", dataset.name}, {"label", dataset.label}, {"records", dataset.rows.size()}, {"files", written}});
  }
  if (Status status = write_files(request.out, files); !status.ok()) return status.error();
  std::ostringstream text;
  text << protocol.id << ": " << subjects->size() << " subject(s), " << summary.size() << " dataset(s) in "
       << request.out.string() << "\n";
  for (const Json& dataset : summary) {
    text << "  " << dataset["name"].get<std::string>() << " (" << dataset["label"].get<std::string>()
         << "): " << dataset["records"] << " record(s)\n";
  }
  return SdtmFilesWritten{{{"study", protocol.id}, {"subjects", subjects->size()}, {"datasets", summary}}, text.str()};
}

}  // namespace trialcore::sdtm
