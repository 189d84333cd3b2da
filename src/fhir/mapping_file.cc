#include "fhir/mapping_file.h"

#include "base/file_text.h"

namespace trialcore::fhir {

Result<FhirMapping> load_protocol_mapping(const std::string& mapping_file, const std::string& protocol_file,
                                          const Protocol& protocol, const std::string& option) {
  std::string file = mapping_file;
  if (file.empty() && protocol_file.empty()) return load_builtin_fhir_mapping(protocol);
  if (file.empty()) {
    std::string stem = protocol_file;
    if (stem.size() > 5 && stem.compare(stem.size() - 5, 5, ".json") == 0) stem.resize(stem.size() - 5);
    file = stem + ".fhir.json";
  }
  auto text = read_file_text(file);
  if (!text.ok()) return Error{option, file + " " + text.error().message};
  auto mapping = load_fhir_mapping(*text, file, protocol);
  if (!mapping.ok()) return Error{mapping.error().path, file + ": " + mapping.error().message};
  return mapping;
}

Result<std::optional<FhirMapping>> load_served_mapping(const std::string& mapping_file, const std::string& protocol_file,
                                                       const Protocol& protocol, const std::string& option,
                                                       std::vector<std::string>& warnings) {
  auto loaded = load_protocol_mapping(mapping_file, protocol_file, protocol, option);
  if (loaded.ok()) return std::optional<FhirMapping>(std::move(*loaded));
  if (!mapping_file.empty()) return loaded.error();
  warnings.push_back("no FHIR mapping for this protocol (" + loaded.error().message + "): the FHIR routes answer 404");
  return std::optional<FhirMapping>();
}

}  // namespace trialcore::fhir
