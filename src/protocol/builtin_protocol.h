// The protocol built into the program (protocols/ at build time), used when no
// --protocol file is given.
#pragma once

#include <string_view>

namespace trialcore {

// The built-in protocol file's bytes, exactly as in the source tree.
std::string_view builtin_protocol_text();

}  // namespace trialcore
