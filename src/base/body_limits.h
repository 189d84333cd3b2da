// Heights and weights a person can have: one set of limits for every place a body is read
// (the patient record, a plan, a measurement recorded). Outside them a measurement is
// refused (a height typed in metres, a weight in grams) rather than turned into a dose.
// These are limits of the impossible, not of the plausible adult (docs/interpretation.md).
#pragma once

namespace trialcore {

inline constexpr double kMinimumHeightCm = 30;
inline constexpr double kMaximumHeightCm = 272;
inline constexpr double kMinimumWeightKg = 1;
inline constexpr double kMaximumWeightKg = 400;

}  // namespace trialcore
