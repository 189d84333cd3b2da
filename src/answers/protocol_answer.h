// What `protocol` prints about the protocol the engine runs: its file, a summary once it
// loads, its criteria as the engine reads them, or the protocol as a CDISC USDM study.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"

namespace trialcore::answers {

struct ProtocolInput {
  std::string protocol_file;  // empty: the built-in protocol
  bool check = false;         // a summary, once it loads
  bool criteria = false;
  bool usdm = false;
  std::string version;  // the program's, written into the USDM study
};

Result<std::string> protocol_answer(const ProtocolInput& input, std::vector<std::string>& warnings);

}  // namespace trialcore::answers
