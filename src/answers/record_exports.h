// The trial's record written for others: a FHIR R4 Bundle (fhir/bundle_export.h), SDTM
// datasets (sdtm/sdtm_files.h), a backup copy (store/backup.h); and a hospital's FHIR
// Bundle of one patient read into a patient record (fhir/bundle_import.h). An Error names
// the input member by its JSON path ("$.patient", "$.out", "$.sdtm_terms", "$.mapping").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "trial/open_trial.h"

namespace trialcore::answers {

struct FhirImportInput {
  std::string bundle_file;  // "-": stdin
  std::string date;         // leave out resources dated after it; empty: none left out
  std::string protocol_file;
  std::string mapping_file;  // empty: beside the protocol file, or the built-in protocol's
  bool json = false;         // {"record", "unmapped"}; else the record, and what is unmapped as warnings
};

// The patient record of the Bundle, read by `protocol` (the input's protocol file, loaded).
Result<std::string> fhir_import_answer(const FhirImportInput& input, const Protocol& protocol, std::optional<Date> as_of,
                                       std::vector<std::string>& warnings);

struct FhirExportInput {
  std::string patient;       // only this patient; empty: every one
  std::string mapping_file;  // empty: beside the protocol file, or the built-in protocol's
};

// The Bundle; what the mapping cannot write is a warning each.
Result<std::string> fhir_export_answer(trial::OpenTrial& trial, const FhirExportInput& input, const std::string& protocol_file,
                                       std::vector<std::string>& warnings);

struct SdtmExportInput {
  std::string out;  // the folder
  std::string format = "both";
  std::string terms_file;  // empty: the built-in protocol's, or terms of the protocol's codes
};

// Refuses a folder that is a file, before the record is opened.
Status sdtm_folder_checked(const SdtmExportInput& input);

// Writes the datasets; the answer is their summary. `from_builtin`: the trial runs the
// protocol built into the program, whose terms are built in too.
Result<std::string> sdtm_export_answer(trial::OpenTrial& trial, const SdtmExportInput& input, bool from_builtin,
                                       const std::string& version, bool json, std::vector<std::string>& warnings);

// Copies the record to the new file `to`; the answer names the copy and its head.
Result<std::string> backup_answer(trial::OpenTrial& trial, const std::string& to, bool json);

}  // namespace trialcore::answers
