#include "answers/record_exports.h"

#include <filesystem>

#include "base/clock.h"
#include "base/file_text.h"
#include "fhir/bundle_export.h"
#include "fhir/bundle_import.h"
#include "fhir/mapping_file.h"
#include "sdtm/sdtm_files.h"
#include "store/backup.h"

namespace trialcore::answers {

Result<std::string> fhir_import_answer(const FhirImportInput& input, const Protocol& protocol, std::optional<Date> as_of,
                                       std::vector<std::string>& warnings) {
  auto mapping = fhir::load_protocol_mapping(input.mapping_file, input.protocol_file, protocol, "$.mapping");
  if (!mapping.ok()) return mapping.error();
  auto text = read_file_text(input.bundle_file);
  if (!text.ok()) return text.error();
  auto imported = fhir::import_bundle_text(*text, protocol, *mapping, as_of);
  if (!imported.ok()) return imported.error();
  warnings.insert(warnings.end(), imported->warnings.begin(), imported->warnings.end());
  if (input.json) return Json{{"record", imported->record}, {"unmapped", fhir::unmapped_json(imported->unmapped)}}.dump() + "\n";
  for (const fhir::Unmapped& one : imported->unmapped) warnings.push_back(fhir::unmapped_text(one));
  return imported->record.dump(2) + "\n";
}

Result<std::string> fhir_export_answer(trial::OpenTrial& trial, const FhirExportInput& input, const std::string& protocol_file,
                                       std::vector<std::string>& warnings) {
  auto mapping = fhir::load_protocol_mapping(input.mapping_file, protocol_file, trial.protocol, "$.mapping");
  if (!mapping.ok()) return mapping.error();
  auto states = trial.service->patient_states();
  if (!states.ok()) return states.error();
  auto bundle = fhir::export_record_bundle(trial.protocol, *mapping, std::move(*states), input.patient, utc_now());
  if (!bundle.ok()) {
    const Error& error = bundle.error();
    return error.path == "patient" ? Error{"$.patient", error.message, error.kind} : error;
  }
  for (const std::string& missing : bundle->not_exported) warnings.push_back("not exported: " + missing);
  return bundle->bundle.dump(1) + "\n";
}

Status sdtm_folder_checked(const SdtmExportInput& input) {
  if (std::filesystem::exists(input.out) && !std::filesystem::is_directory(input.out)) {
    return Error{"$.out", input.out + " is not a directory"};
  }
  return Status::Ok();
}

Result<std::string> sdtm_export_answer(trial::OpenTrial& trial, const SdtmExportInput& input, bool from_builtin,
                                       const std::string& version, bool json, std::vector<std::string>& warnings) {
  sdtm::SdtmFilesRequest request{input.out, input.format, std::nullopt, input.terms_file, from_builtin,
                                 {utc_now(), trial.protocol.id, trial.protocol.version, version}};
  if (!input.terms_file.empty()) {
    auto text = read_file_text(input.terms_file);
    if (!text.ok()) return Error{"$.sdtm_terms", text.error().to_string()};
    request.terms_text = *text;
  }
  auto written = sdtm::write_sdtm_files(trial.protocol, *trial.service, request, warnings);
  if (!written.ok()) return written.error();
  return json ? written->summary.dump(1) + "\n" : written->text;
}

Result<std::string> backup_answer(trial::OpenTrial& trial, const std::string& to, bool json) {
  auto head = store::back_up(*trial.store, trial.projector, to);
  if (!head.ok()) return head.error();
  return json ? OrderedJson{{"backup", to}, {"head", head->to_string()}}.dump() + "\n"
              : "backed up " + trial.store->location() + " to " + to + "\nhead: " + head->to_string() + "\n";
}

}  // namespace trialcore::answers
