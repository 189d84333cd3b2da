#include "protocol_option.h"

#include "output.h"

namespace trialcore::app {

Flag protocol_flag(std::string& file) {
  return {"--protocol", &file, "Protocol file to run (default: the protocol built into the program; `trialcore protocol` prints it)",
          "FILE"};
}

Flag mapping_flag(std::string& file) {
  return {"--mapping", &file,
          "The protocol's FHIR mapping (default: FILE.fhir.json beside --protocol FILE.json, or the "
          "built-in protocol's; docs/fhir.md)",
          "FILE"};
}

Result<Protocol> load_protocol_option(const std::string& file) {
  if (file.empty()) {
    auto builtin = load_builtin_protocol();
    if (!builtin.ok()) return Error{"", "the built-in protocol: " + builtin.error().to_string()};
    return builtin;
  }
  auto text = read_file_text(file);
  if (!text.ok()) return Error{"--protocol", text.error().to_string()};
  auto loaded = load_protocol(*text, file);
  if (!loaded.ok()) return Error{"", "protocol file " + file + ": " + loaded.error().to_string()};
  return loaded;
}

}  // namespace trialcore::app
