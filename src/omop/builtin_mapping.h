// The OMOP mapping and synthetic profile of the built-in protocol (protocols/ at build
// time), used when no --mapping or --profile file is given.
#pragma once

#include <string_view>

namespace trialcore {

std::string_view builtin_omop_mapping_text();
std::string_view builtin_synthetic_profile_text();

}  // namespace trialcore
