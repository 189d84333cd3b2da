// When two numbers count as equal. Values converted between units, or computed from a
// body surface area, carry rounding errors of floating point: 25.65 umol/L converted to
// mg/dL must equal 1.5 mg/dL at a limit, and a dose exactly 5% off must be within a 5%
// tolerance. Numbers closer than one part in a billion of their size (at least 1) are
// equal. An assumption of the engine, in no protocol (docs/interpretation.md, "Assumptions").
#pragma once

#include <algorithm>
#include <cmath>

namespace trialcore {

inline constexpr double kRelativeTolerance = 1e-9;

// -1, 0 or 1 as `a` is below, equal to (within the tolerance) or above `b`.
inline int compare_with_tolerance(double a, double b) {
  double scale = std::max({1.0, std::fabs(a), std::fabs(b)});
  if (std::fabs(a - b) <= kRelativeTolerance * scale) return 0;
  return a < b ? -1 : 1;
}

}  // namespace trialcore
