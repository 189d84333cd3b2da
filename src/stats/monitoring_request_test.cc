// A monitoring request completed: what is given stays, the rest comes from the protocol's
// design or the general defaults, and each mistake names what it is about.
#include "stats/monitoring_request.h"

#include <gtest/gtest.h>

namespace trialcore::stats {
namespace {

TEST(MonitoringRequest, WhatIsNotGivenComesFromTheProtocolsDesign) {
  MonitoringDesign protocol;
  protocol.delta = 0.2;
  protocol.cohort_size = 5;
  protocol.first_look = 15;
  MonitoringRequest request;
  request.design.delta = 0.1;
  request.given = {"delta"};
  auto run = complete_monitoring_request(request, protocol);
  ASSERT_TRUE(run.ok()) << run.error().to_string();
  EXPECT_DOUBLE_EQ(run->design.delta, 0.1);
  EXPECT_EQ(run->design.cohort_size, 5);
  EXPECT_EQ(run->design.first_look, 15) << "the protocol's first look, not its cohort size";
  EXPECT_EQ(run->simulated_trials, 0);
  EXPECT_EQ(run->seed, 1u);
}

TEST(MonitoringRequest, WithoutAProtocolDesignTheFirstLookFollowsTheCohortSize) {
  MonitoringRequest request;
  request.design.cohort_size = 7;
  request.given = {"cohort_size"};
  auto run = complete_monitoring_request(request, std::nullopt);
  ASSERT_TRUE(run.ok()) << run.error().to_string();
  EXPECT_EQ(run->design.first_look, 7);
  // The default rates: the standard prior's mean (0.3), and that plus delta (0.15).
  ASSERT_EQ(run->true_rates.size(), 2u);
  EXPECT_DOUBLE_EQ(run->true_rates[0], 0.3);
  EXPECT_DOUBLE_EQ(run->true_rates[1], 0.45);
}

TEST(MonitoringRequest, EachMistakeNamesWhatItIsAbout) {
  MonitoringRequest bad_threshold;
  bad_threshold.design.threshold = 1.5;
  auto threshold = complete_monitoring_request(bad_threshold, std::nullopt);
  ASSERT_FALSE(threshold.ok());
  EXPECT_EQ(threshold.error().path, "threshold");

  MonitoringRequest bad_rate;
  bad_rate.true_rates = {0.5, 1};
  auto rate = complete_monitoring_request(bad_rate, std::nullopt);
  ASSERT_FALSE(rate.ok());
  EXPECT_EQ(rate.error().path, "$.true_rate");
  EXPECT_EQ(rate.error().message, "must be between 0 and 1 (exclusive), not 1");

  MonitoringRequest bad_seed;
  bad_seed.seed = "-1";
  auto seed = complete_monitoring_request(bad_seed, std::nullopt);
  ASSERT_FALSE(seed.ok());
  EXPECT_EQ(seed.error().path, "$.seed");

  MonitoringRequest bad_simulation;
  bad_simulation.simulated_trials = 0;
  auto simulation = complete_monitoring_request(bad_simulation, std::nullopt);
  ASSERT_FALSE(simulation.ok());
  EXPECT_EQ(simulation.error().path, "$.simulate");
}

}  // namespace
}  // namespace trialcore::stats
