#include "base/units.h"

#include <gtest/gtest.h>

namespace trialcore {
namespace {

TEST(UnitsTest, ConvertsWithinADimension) {
  EXPECT_DOUBLE_EQ(*convert_units(70, "in", "cm"), 177.8);
  EXPECT_NEAR(*convert_units(154, "lb", "kg"), 69.85322498, 1e-8);
  EXPECT_DOUBLE_EQ(*convert_units(3200, "/uL", "10*9/L"), 3.2);
  EXPECT_DOUBLE_EQ(*convert_units(2, "h", "min"), 120);
  EXPECT_DOUBLE_EQ(*convert_units(1.7, "m", "cm"), 170);
}

TEST(UnitsTest, RefusesAcrossDimensionsAndUnknownUnits) {
  auto crossed = convert_units(1, "mg/dL", "umol/L");
  ASSERT_FALSE(crossed.ok());
  EXPECT_NE(crossed.error().message.find("cannot convert mg/dL"), std::string::npos);
  auto substance = convert_units(1, "mmol/L", "mg/dL");
  ASSERT_FALSE(substance.ok());
  EXPECT_NE(substance.error().message.find("cannot convert mmol/L"), std::string::npos) << substance.error().message;
  auto unknown = convert_units(1, "mg/dl", "mg/dL");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message, "unknown unit 'mg/dl'");
  EXPECT_DOUBLE_EQ(*convert_units(8, "g/dL", "mg/dL"), 8000);
  EXPECT_DOUBLE_EQ(*convert_units(2, "mmol/L", "umol/L"), 2000);
  EXPECT_FALSE(find_unit("MG/DL").has_value());  // symbols are exact
}

TEST(UnitsTest, ListsChoices) {
  EXPECT_EQ(unit_choices(Dimension::kLength), "cm, m, in");
  EXPECT_EQ(unit_choices(Dimension::kCountConcentration), "10*9/L, /uL");
}

}  // namespace
}  // namespace trialcore
