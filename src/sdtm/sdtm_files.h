// The export of the trial's record as SDTM files: the protocol's terms chosen, every dataset
// made into its files (Dataset-JSON 1.1, SAS transport v5, or both) before any is written, so
// that a dataset that cannot be made leaves none, and what was written summed up.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sdtm/dataset_json.h"
#include "sdtm/sdtm_export.h"

namespace trialcore::sdtm {

struct SdtmFilesRequest {
  std::filesystem::path out;     // the folder, created if missing ($.out)
  std::string format = "both";   // "dataset-json", "xpt" or "both"
  // The protocol's terms file's text and name ($.sdtm_terms); without one, the built-in
  // protocol's terms when `builtin_protocol`, else terms made from the protocol's own codes.
  std::optional<std::string> terms_text;
  std::string terms_file;
  bool builtin_protocol = true;
  ExportContext context;
};

// What was written: {"study", "subjects", "datasets": [{"name", "label", "records", "files"}]}.
struct SdtmFilesWritten {
  Json summary;
  std::string text;  // the same for people
};

// Writes the datasets of `service`'s record; a warning says when the terms are the
// protocol's own codes. Errors name the request's member ($.out, $.sdtm_terms).
Result<SdtmFilesWritten> write_sdtm_files(const Protocol& protocol, trial::TrialService& service,
                                          const SdtmFilesRequest& request, std::vector<std::string>& warnings);

}  // namespace trialcore::sdtm
