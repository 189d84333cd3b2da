#include "base/result.h"

namespace trialcore {

std::string Error::to_string() const {
  if (path.empty()) return message;
  return path + ": " + message;
}

}  // namespace trialcore
