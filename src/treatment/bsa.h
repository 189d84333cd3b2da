// Body surface area from height and weight, by the formula a protocol chooses. Full
// precision is kept: rounding is for display only (doses are computed from the full value).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace trialcore::treatment {

enum class BsaFormula { kMosteller, kDuBois, kHaycock, kGehanGeorge, kBoyd };

// "mosteller", "dubois", "haycock", "gehan-george", "boyd".
Result<BsaFormula> parse_bsa_formula(std::string_view name);
std::string_view bsa_formula_name(BsaFormula formula);
std::vector<std::string_view> bsa_formula_names();

// Checks that height and weight are within the limits of base/body_limits.h; the Error names `height_field` or
// `weight_field` and the range.
Status check_body(double height_cm, double weight_kg, const std::string& height_field,
                  const std::string& weight_field);

// m2, at full precision. Height in cm and weight in kg, checked with check_body first.
double body_surface_area(double height_cm, double weight_kg, BsaFormula formula);

}  // namespace trialcore::treatment
