#include "answers/protocol_answer.h"

#include "answers/input_values.h"
#include "base/file_text.h"
#include "protocol/builtin_protocol.h"
#include "protocol/protocol_text.h"
#include "usdm/usdm_study.h"

namespace trialcore::answers {

Result<std::string> protocol_answer(const ProtocolInput& input, std::vector<std::string>&) {
  auto protocol = protocol_of_file(input.protocol_file);
  if (!protocol.ok()) return protocol.error();
  if (input.usdm) {
    auto study = usdm::usdm_study(*protocol, input.version);
    if (!study.ok()) return study.error();
    return study->dump(1) + "\n";
  }
  if (input.criteria) return criteria_text(*protocol);
  if (input.check) return protocol_summary(*protocol);
  if (input.protocol_file.empty()) return std::string(builtin_protocol_text());
  return read_file_text(input.protocol_file);
}

}  // namespace trialcore::answers
