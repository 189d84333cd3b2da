#include "treatment/bsa.h"

#include <cmath>

#include "base/body_limits.h"
#include "base/number_text.h"

namespace trialcore::treatment {

namespace {

struct Named {
  BsaFormula formula;
  std::string_view name;
};

constexpr Named kFormulas[] = {{BsaFormula::kMosteller, "mosteller"},
                               {BsaFormula::kDuBois, "dubois"},
                               {BsaFormula::kHaycock, "haycock"},
                               {BsaFormula::kGehanGeorge, "gehan-george"},
                               {BsaFormula::kBoyd, "boyd"}};

}  // namespace

Result<BsaFormula> parse_bsa_formula(std::string_view name) {
  for (const Named& named : kFormulas) {
    if (named.name == name) return named.formula;
  }
  return Error{"", "'" + std::string(name) + "' is not a BSA formula (mosteller, dubois, haycock, gehan-george, boyd)"};
}

std::string_view bsa_formula_name(BsaFormula formula) {
  for (const Named& named : kFormulas) {
    if (named.formula == formula) return named.name;
  }
  return "mosteller";
}

std::vector<std::string_view> bsa_formula_names() {
  std::vector<std::string_view> names;
  for (const Named& named : kFormulas) names.push_back(named.name);
  return names;
}

Status check_body(double height_cm, double weight_kg, const std::string& height_field,
                  const std::string& weight_field) {
  if (!std::isfinite(height_cm) || height_cm < kMinimumHeightCm || height_cm > kMaximumHeightCm) {
    return Error{height_field, "height " + general_text(height_cm) + " cm is not plausible (" + general_text(kMinimumHeightCm) +
                                   " to " + general_text(kMaximumHeightCm) + " cm)"};
  }
  if (!std::isfinite(weight_kg) || weight_kg < kMinimumWeightKg || weight_kg > kMaximumWeightKg) {
    return Error{weight_field, "weight " + general_text(weight_kg) + " kg is not plausible (" + general_text(kMinimumWeightKg) +
                                   " to " + general_text(kMaximumWeightKg) + " kg)"};
  }
  return Status::Ok();
}

double body_surface_area(double height_cm, double weight_kg, BsaFormula formula) {
  const double h = height_cm;
  const double w = weight_kg;
  switch (formula) {
    case BsaFormula::kMosteller: return std::sqrt(h * w / 3600.0);
    case BsaFormula::kDuBois: return 0.007184 * std::pow(w, 0.425) * std::pow(h, 0.725);
    case BsaFormula::kHaycock: return 0.024265 * std::pow(w, 0.5378) * std::pow(h, 0.3964);
    case BsaFormula::kGehanGeorge: return 0.0235 * std::pow(w, 0.51456) * std::pow(h, 0.42246);
    case BsaFormula::kBoyd: {
      const double grams = w * 1000.0;
      return 0.0003207 * std::pow(h, 0.3) * std::pow(grams, 0.7285 - 0.0188 * std::log10(grams));
    }
  }
  return 0;
}

}  // namespace trialcore::treatment
