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

}  // namespace trialcore::fhir
