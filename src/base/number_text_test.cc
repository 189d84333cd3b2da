#include "base/number_text.h"

#include <gtest/gtest.h>

namespace trialcore {
namespace {

TEST(NumberTextTest, FixedTextRoundsToTheDecimalsAsked) {
  EXPECT_EQ(fixed_text(2.3636, 2), "2.36");
  EXPECT_EQ(fixed_text(0.5, 3), "0.500");
  EXPECT_EQ(fixed_text(1.3, 0), "1");
  EXPECT_EQ(fixed_text(-0.125, 1), "-0.1");
}

TEST(NumberTextTest, GeneralTextDropsTrailingZerosAndKeepsSixDigits) {
  EXPECT_EQ(general_text(30), "30");
  EXPECT_EQ(general_text(0.6), "0.6");
  EXPECT_EQ(general_text(0.025), "0.025");
  EXPECT_EQ(general_text(123.4567), "123.457");
  EXPECT_EQ(general_text(1e-7), "1e-07");
}

}  // namespace
}  // namespace trialcore
