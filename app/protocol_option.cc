#include "protocol_option.h"

#include "answers/input_values.h"
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
  auto protocol = answers::protocol_of_file(file);
  if (!protocol.ok()) return on_flags(protocol.error(), {"protocol"});
  return protocol;
}

}  // namespace trialcore::app
