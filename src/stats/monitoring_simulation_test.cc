#include "stats/monitoring_simulation.h"

#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "stats/futility_monitoring.h"
#include "stats/test_designs.h"

namespace trialcore::stats {
namespace {

// Simulated and exact must agree within 4 Monte Carlo standard errors. For a probability
// the error is taken from the exact value, sqrt(p (1 - p) / trials), so that an event the
// simulation never saw (estimate 0, standard error 0) is still judged fairly.
void expect_agreement(const OperatingCharacteristics& exact,
                      const SimulatedOperatingCharacteristics& simulated) {
  const double trials = static_cast<double>(simulated.trials);
  auto within = [&](double exact_value, double simulated_value, double standard_error,
                    const std::string& what) {
    EXPECT_LE(std::fabs(simulated_value - exact_value), 4 * standard_error + 1e-12)
        << what << " at true rate " << exact.true_rate << ": exact " << exact_value
        << ", simulated " << simulated_value << " (SE " << standard_error << ")";
  };
  auto probability_error = [&](double p) { return std::sqrt(p * (1 - p) / trials); };
  within(exact.early_stop_probability, simulated.early_stop_probability.estimate,
         probability_error(exact.early_stop_probability), "Pr(early stop)");
  within(exact.reach_maximum_probability, simulated.reach_maximum_probability.estimate,
         probability_error(exact.reach_maximum_probability), "Pr(reach maximum)");
  within(exact.expected_patients, simulated.expected_patients.estimate,
         simulated.expected_patients.standard_error, "E(patients)");
  ASSERT_EQ(simulated.stop_probability.size(), exact.stop_probability.size());
  for (size_t k = 0; k < exact.stop_probability.size(); ++k) {
    within(exact.stop_probability[k], simulated.stop_probability[k].estimate,
           probability_error(exact.stop_probability[k]),
           "Pr(stop at look " + std::to_string(k) + ")");
  }
}

TEST(MonitoringSimulationTest, AgreesWithTheExactComputation) {
  const MonitoringDesign design;
  auto boundaries = stopping_boundaries(design);
  ASSERT_TRUE(boundaries.ok());
  uint64_t seed = 20240611;
  for (double true_rate : {0.15, 0.30, 0.45, 0.60}) {
    auto exact = exact_operating_characteristics(design, *boundaries, true_rate);
    auto simulated =
        simulate_operating_characteristics(design, *boundaries, true_rate, 40000, seed++);
    ASSERT_TRUE(exact.ok());
    ASSERT_TRUE(simulated.ok()) << simulated.error().to_string();
    EXPECT_EQ(simulated->look_patients, exact->look_patients);
    expect_agreement(*exact, *simulated);
  }
}

TEST(MonitoringSimulationTest, AgreesOnADesignWithLooksThatNeverStop) {
  const MonitoringDesign design = looks_that_never_stop();
  auto boundaries = stopping_boundaries(design);
  for (double true_rate : {0.1, 0.3}) {
    auto exact = exact_operating_characteristics(design, *boundaries, true_rate);
    auto simulated = simulate_operating_characteristics(design, *boundaries, true_rate, 40000, 7);
    expect_agreement(*exact, *simulated);
    EXPECT_EQ(simulated->stop_probability[0].estimate, 0.0);  // the first look never stops
  }
}

TEST(MonitoringSimulationTest, TheSameSeedGivesTheSameNumbers) {
  const MonitoringDesign design;
  auto boundaries = stopping_boundaries(design);
  auto first = simulate_operating_characteristics(design, *boundaries, 0.3, 5000, 42);
  auto again = simulate_operating_characteristics(design, *boundaries, 0.3, 5000, 42);
  auto other = simulate_operating_characteristics(design, *boundaries, 0.3, 5000, 43);
  EXPECT_EQ(first->early_stop_probability.estimate, again->early_stop_probability.estimate);
  EXPECT_EQ(first->expected_patients.estimate, again->expected_patients.estimate);
  EXPECT_EQ(first->seed, 42u);
  EXPECT_EQ(first->trials, 5000);
  EXPECT_NE(first->expected_patients.estimate, other->expected_patients.estimate);
}

TEST(MonitoringSimulationTest, StandardErrorsFollowTheCounts) {
  const MonitoringDesign design;
  auto boundaries = stopping_boundaries(design);
  auto simulated = simulate_operating_characteristics(design, *boundaries, 0.3, 10000, 1);
  const double p = simulated->early_stop_probability.estimate;
  EXPECT_DOUBLE_EQ(simulated->early_stop_probability.standard_error,
                   std::sqrt(p * (1 - p) / 10000));
  EXPECT_DOUBLE_EQ(simulated->reach_maximum_probability.estimate, 1 - p);
  EXPECT_GT(simulated->expected_patients.standard_error, 0);
  // Every trial ends with 90 patients when all respond: no spread at all.
  auto certain = simulate_operating_characteristics(design, *boundaries, 1.0, 100, 1);
  EXPECT_EQ(certain->expected_patients.estimate, 90);
  EXPECT_EQ(certain->expected_patients.standard_error, 0);
}

TEST(MonitoringSimulationTest, RejectsInvalidArguments) {
  const MonitoringDesign design;
  auto boundaries = stopping_boundaries(design);
  EXPECT_EQ(simulate_operating_characteristics(design, *boundaries, 0.3, 0, 1).error().path,
            "trials");
  EXPECT_EQ(simulate_operating_characteristics(design, *boundaries, 1.2, 10, 1).error().path,
            "true_rate");
  EXPECT_EQ(simulate_operating_characteristics(design, {}, 0.3, 10, 1).error().path,
            "boundaries");
}

}  // namespace
}  // namespace trialcore::stats
