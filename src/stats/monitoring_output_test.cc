#include "stats/monitoring_output.h"

#include <gtest/gtest.h>

#include <cmath>

namespace trialcore::stats {
namespace {

TEST(MonitoringOutputTest, TheTableShowsTheBoundariesAsDocumented) {
  auto report = monitoring_report(MonitoringDesign{}, {0.2, 0.3, 0.45}, 0, 1);
  ASSERT_TRUE(report.ok()) << report.error().to_string();
  std::string text = monitoring_report_text(*report);
  // The rows docs/statistics.md reads for the default design.
  EXPECT_NE(text.find("        10                      1                           2      0.0082          0.0441\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("        20                      4                           5      0.0120          0.0356\n"),
            std::string::npos);
  EXPECT_NE(text.find("  Pr(reach 90)                          0.0034              0.2496              0.9422\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("Monte Carlo"), std::string::npos);  // no simulation asked for
}

TEST(MonitoringOutputTest, TheJsonHoldsEachBoundaryAndTheSimulationWhenAsked) {
  MonitoringDesign design;
  design.maximum_patients = 40;
  auto boundaries = stopping_boundaries(design);
  ASSERT_TRUE(boundaries.ok());
  auto report = monitoring_report(design, {0.2, 0.3}, 4000, 7);
  ASSERT_TRUE(report.ok()) << report.error().to_string();
  OrderedJson json = monitoring_report_json(*report);
  ASSERT_EQ(json["looks"].size(), boundaries->size());
  for (size_t i = 0; i < boundaries->size(); ++i) {
    const OrderedJson& look = json["looks"][i];
    const StoppingBoundary& boundary = (*boundaries)[i];
    EXPECT_EQ(look["patients"], boundary.patients);
    if (boundary.stop_at_most) {
      EXPECT_EQ(look["stop_if_responders_at_most"], *boundary.stop_at_most);
    } else {
      EXPECT_TRUE(look["stop_if_responders_at_most"].is_null());
    }
    EXPECT_EQ(look["continue_if_responders_at_least"], boundary.continue_at_least);
  }
  EXPECT_EQ(json["design"]["maximum_patients"], 40);
  ASSERT_EQ(json["operating_characteristics"].size(), 2u);
  for (const OrderedJson& rate : json["operating_characteristics"]) {
    EXPECT_EQ(rate["simulation"]["trials"], 4000);
    EXPECT_EQ(rate["simulation"]["seed"], 7);
    // The simulation agrees with the exact figure within four standard errors.
    double exact = rate["stop_early_probability"];
    double estimate = rate["simulation"]["stop_early_probability"]["estimate"];
    double error = rate["simulation"]["stop_early_probability"]["standard_error"];
    EXPECT_LT(std::fabs(estimate - exact), 4 * error) << rate.dump();
  }
  EXPECT_NE(monitoring_report_text(*report).find("Monte Carlo check (4000 trials a rate, seed 7)"), std::string::npos);
}

TEST(MonitoringOutputTest, AnInvalidDesignIsAnError) {
  MonitoringDesign design;
  design.cohort_size = 0;
  auto report = monitoring_report(design, {0.3}, 0, 1);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().path, "cohort_size");
}

}  // namespace
}  // namespace trialcore::stats
