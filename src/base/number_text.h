// Numbers as answers and reports print them, with printf's formats: one place, so every
// module writes "2.36" and "0.025" alike.
#pragma once

#include <string>

namespace trialcore {

// `decimals` digits after the point, rounded: fixed_text(2.3636, 2) is "2.36" ("%.*f").
std::string fixed_text(double value, int decimals);

// Six significant digits, no trailing zeros: "30", "0.6", "0.025" ("%g").
std::string general_text(double value);

}  // namespace trialcore
