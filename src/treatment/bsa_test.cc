// Each formula against its source and an independent computation. Formulas: Mosteller RD,
// N Engl J Med 1987;317:1098; Du Bois D, Du Bois EF, Arch Intern Med 1916;17:863;
// Haycock GB et al., J Pediatr 1978;93:62; Gehan EA, George SL, Cancer Chemother Rep
// 1970;54:225; Boyd E, The Growth of the Surface Area of the Human Body, 1935.
// Reference values computed in R, independently of this code:
//   Rscript -e 'h<-170;w<-70;cat(sprintf("%.10f %.10f %.10f %.10f %.10f\n", sqrt(h*w/3600),
//     0.007184*w^0.425*h^0.725, 0.024265*w^0.5378*h^0.3964, 0.0235*w^0.51456*h^0.42246,
//     0.0003207*h^0.3*(w*1000)^(0.7285-0.0188*log10(w*1000))))'
//   -> 1.8181186858 1.8097078018 1.8256771248 1.8312893134 1.8346702898
// Published calculators give, for 170 cm and 70 kg, 1.82, 1.81, 1.83, 1.83 and 1.83 m2.
#include "treatment/bsa.h"

#include <gtest/gtest.h>

#include <cmath>

namespace trialcore::treatment {
namespace {

TEST(BsaTest, AgreesWithIndependentComputation) {
  EXPECT_NEAR(body_surface_area(170, 70, BsaFormula::kMosteller), 1.8181186858, 1e-9);
  EXPECT_NEAR(body_surface_area(170, 70, BsaFormula::kDuBois), 1.8097078018, 1e-9);
  EXPECT_NEAR(body_surface_area(170, 70, BsaFormula::kHaycock), 1.8256771248, 1e-9);
  EXPECT_NEAR(body_surface_area(170, 70, BsaFormula::kGehanGeorge), 1.8312893134, 1e-9);
  EXPECT_NEAR(body_surface_area(170, 70, BsaFormula::kBoyd), 1.8346702898, 1e-9);
}

TEST(BsaTest, MatchesPublishedTwoDecimalValues) {
  auto shown = [](BsaFormula formula) { return std::round(body_surface_area(170, 70, formula) * 100) / 100; };
  EXPECT_DOUBLE_EQ(shown(BsaFormula::kMosteller), 1.82);
  EXPECT_DOUBLE_EQ(shown(BsaFormula::kDuBois), 1.81);
  EXPECT_DOUBLE_EQ(shown(BsaFormula::kHaycock), 1.83);
  EXPECT_DOUBLE_EQ(shown(BsaFormula::kGehanGeorge), 1.83);
  EXPECT_DOUBLE_EQ(shown(BsaFormula::kBoyd), 1.83);
}

TEST(BsaTest, ChildSized) {
  // python3 -c "import math; print(math.sqrt(100*15/3600), 0.024265*15**0.5378*100**0.3964)"
  // -> 0.6454972243679028 0.6460738671865223
  EXPECT_NEAR(body_surface_area(100, 15, BsaFormula::kMosteller), 0.6454972243679028, 1e-12);
  EXPECT_NEAR(body_surface_area(100, 15, BsaFormula::kHaycock), 0.6460738671865223, 1e-12);
}

TEST(BsaTest, FormulaNames) {
  EXPECT_EQ(*parse_bsa_formula("gehan-george"), BsaFormula::kGehanGeorge);
  auto capitalised = parse_bsa_formula("Mosteller");
  ASSERT_FALSE(capitalised.ok());
  EXPECT_EQ(capitalised.error().message,
            "'Mosteller' is not a BSA formula (mosteller, dubois, haycock, gehan-george, boyd)");
  EXPECT_EQ(bsa_formula_name(BsaFormula::kDuBois), "dubois");
}

TEST(BsaTest, ImplausibleBodiesAreRefused) {
  EXPECT_TRUE(check_body(170, 70, "--height", "--weight").ok());
  Status metres = check_body(1.7, 70, "--height", "--weight");
  ASSERT_FALSE(metres.ok());
  EXPECT_EQ(metres.error().to_string(), "--height: height 1.7 cm is not plausible (30 to 272 cm)");
  Status negative = check_body(170, -70, "--height", "--weight");
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().path, "--weight");
  Status heavy = check_body(170, 7000, "h", "w");
  ASSERT_FALSE(heavy.ok());
  EXPECT_EQ(heavy.error().to_string(), "w: weight 7000 kg is not plausible (1 to 400 kg)");
  Status zero = check_body(0, 70, "h", "w");
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().to_string(), "h: height 0 cm is not plausible (30 to 272 cm)");
}

}  // namespace
}  // namespace trialcore::treatment
