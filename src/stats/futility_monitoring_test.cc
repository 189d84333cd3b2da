#include "stats/futility_monitoring.h"

#include <optional>
#include <vector>

#include <gtest/gtest.h>

#include "stats/test_designs.h"

namespace trialcore::stats {
namespace {

// Reference values come from an independent computation in R 4.2 (stats::integrate over
// dbeta and pbeta, and a recursion over dbinom written separately in R):
//
// pr <- function(x, n, aS, bS, aE, bE, d)
//   integrate(function(s) dbeta(s, aS, bS) *
//                           pbeta(s + d, aE + x, bE + n - x, lower.tail = FALSE),
//             0, 1 - d, rel.tol = 1e-13, abs.tol = 0, subdivisions = 2000L)$value
// stop_at_most <- function(n, ...) {
//   ps <- sapply(0:n, function(x) pr(x, n, ...))
//   w <- which(ps < threshold); if (length(w)) max(w) - 1 else -1
// }
// oc <- function(p) {  # looks, bnd = stop_at_most at each look, N = maximum patients
//   dist <- 1; cur <- 0; stop <- c()
//   for (k in seq_along(looks)) {
//     m <- looks[k] - cur; nd <- rep(0, looks[k] + 1)
//     for (x in 0:cur) nd[x + 0:m + 1] <- nd[x + 0:m + 1] + dist[x + 1] * dbinom(0:m, m, p)
//     dist <- nd; cur <- looks[k]; r <- bnd[k]
//     if (r >= 0) { stop <- c(stop, sum(dist[1:(r + 1)])); dist[1:(r + 1)] <- 0 }
//     else stop <- c(stop, 0)
//   }
//   list(stop = stop, early = sum(stop), EN = sum(stop * looks) + N * (1 - sum(stop)))
// }

constexpr double kProbabilityTolerance = 1e-12;

struct ExpectedLook {
  int patients;
  int stop_at_most;  // -1: never stops at this look
  double probability_at_stop;
  double probability_at_continue;
};

void expect_boundaries(const std::vector<StoppingBoundary>& actual,
                       const std::vector<ExpectedLook>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t k = 0; k < expected.size(); ++k) {
    SCOPED_TRACE("look after " + std::to_string(expected[k].patients) + " patients");
    const StoppingBoundary& boundary = actual[k];
    EXPECT_EQ(boundary.patients, expected[k].patients);
    if (expected[k].stop_at_most < 0) {
      EXPECT_TRUE(boundary.never_stops());
      EXPECT_EQ(boundary.continue_at_least, 0);
      EXPECT_FALSE(boundary.probability_at_stop.has_value());
    } else {
      ASSERT_TRUE(boundary.stop_at_most.has_value());
      EXPECT_EQ(*boundary.stop_at_most, expected[k].stop_at_most);
      EXPECT_EQ(boundary.continue_at_least, expected[k].stop_at_most + 1);
      ASSERT_TRUE(boundary.probability_at_stop.has_value());
      EXPECT_NEAR(*boundary.probability_at_stop, expected[k].probability_at_stop,
                  kProbabilityTolerance);
    }
    EXPECT_FALSE(boundary.always_stops());
    ASSERT_TRUE(boundary.probability_at_continue.has_value());
    EXPECT_NEAR(*boundary.probability_at_continue, expected[k].probability_at_continue,
                kProbabilityTolerance);
  }
}

void expect_operating_characteristics(const OperatingCharacteristics& actual,
                                      double early_stop, double expected_patients,
                                      const std::vector<double>& stop_at_look) {
  SCOPED_TRACE("true rate " + std::to_string(actual.true_rate));
  EXPECT_NEAR(actual.early_stop_probability, early_stop, 1e-13);
  EXPECT_NEAR(actual.reach_maximum_probability, 1 - early_stop, 1e-13);
  EXPECT_NEAR(actual.expected_patients, expected_patients, 1e-11);
  ASSERT_EQ(actual.stop_probability.size(), stop_at_look.size());
  for (size_t k = 0; k < stop_at_look.size(); ++k) {
    EXPECT_NEAR(actual.stop_probability[k], stop_at_look[k], 1e-13) << "look " << k;
  }
}

TEST(FutilityMonitoringTest, PosteriorProbabilityMatchesRIntegrate) {
  const MonitoringDesign design;  // Beta(30, 70), Beta(0.6, 1.4), delta 0.15
  // pr(1, 10, 30, 70, 0.6, 1.4, 0.15) and so on
  EXPECT_NEAR(*probability_of_improvement(design, 1, 10), 0.0081559033054416953, 1e-14);
  EXPECT_NEAR(*probability_of_improvement(design, 2, 10), 0.044077590056626093, 1e-14);
  EXPECT_NEAR(*probability_of_improvement(design, 25, 80), 0.02237090989662012, 1e-14);
  EXPECT_NEAR(*probability_of_improvement(design, 26, 80), 0.034272397126543196, 1e-14);
  // With no data, the probability is the priors' alone.
  MonitoringDesign symmetric;
  symmetric.standard = {0.5, 0.5};
  symmetric.experimental = {0.5, 0.5};
  symmetric.delta = 0;
  // pr(0, 1, 0.5, 0.5, 0.5, 0.5, 0) = 0.29735763271532395, and the same by the other order:
  // integrate(function(e) dbeta(e, 0.5, 1.5) * pbeta(e, 0.5, 0.5), 0, 1, rel.tol = 1e-13)
  //   = 0.2973576327153245
  EXPECT_NEAR(*probability_of_improvement(symmetric, 0, 1), 0.29735763271532395, 1e-13);
  // Identical priors and delta 0 give one half by symmetry.
  EXPECT_NEAR(*probability_of_improvement(symmetric, 0, 0), 0.5, 1e-14);
}

MonitoringDesign with_priors(BetaPrior standard, BetaPrior experimental, double delta) {
  MonitoringDesign design;
  design.standard = standard;
  design.experimental = experimental;
  design.delta = delta;
  return design;
}

TEST(FutilityMonitoringTest, PosteriorProbabilityWithStandardPriorsUnboundedAtAnEnd) {
  // Where a_S or b_S < 1, checked by the other order of integration, over e = p_E against the
  // standard prior's distribution function, which stays bounded:
  // pe <- function(x, n, aS, bS, aE, bE, d)
  //   integrate(function(e) dbeta(e, aE + x, bE + n - x) * pbeta(e - d, aS, bS), d, 1,
  //             rel.tol = 1e-13, abs.tol = 0, subdivisions = 5000L)$value
  // pe(0, 10, 0.01, 0.01, 0.6, 1.4, 0.15) = 0.035692092504247978
  EXPECT_NEAR(*probability_of_improvement(with_priors({0.01, 0.01}, {0.6, 1.4}, 0.15), 0, 10),
              0.035692092504247978, 1e-13);
  // pe(1, 20, 0.01, 0.01, 0.6, 1.4, 0.15) = 0.045002698253253738
  EXPECT_NEAR(*probability_of_improvement(with_priors({0.01, 0.01}, {0.6, 1.4}, 0.15), 1, 20),
              0.045002698253253738, 1e-13);
  // pe(3, 10, 0.2, 0.05, 2, 3, 0.1) = 0.15383732990866467
  EXPECT_NEAR(*probability_of_improvement(with_priors({0.2, 0.05}, {2, 3}, 0.1), 3, 10),
              0.15383732990866467, 1e-13);
  // delta 0, so the pole of f_S at 1 is inside the range: pe(2, 5, 0.3, 0.05, 1, 1, 0)
  EXPECT_NEAR(*probability_of_improvement(with_priors({0.3, 0.05}, {1, 1}, 0), 2, 5),
              0.12737899220377011, 1e-13);
}

TEST(FutilityMonitoringTest, AProbabilityEqualToTheThresholdContinues) {
  // p_S uniform, delta 0: Pr(p_E > p_S | x of n) = E(p_E | data) = (x + 1) / (n + 2), so 5
  // of 10 give exactly 1/2 and 4 of 10 give 5/12.
  MonitoringDesign design = with_priors({1, 1}, {1, 1}, 0);
  EXPECT_NEAR(*probability_of_improvement(design, 5, 10), 0.5, 1e-14);
  EXPECT_NEAR(*probability_of_improvement(design, 4, 10), 5.0 / 12, 1e-14);
  design.threshold = 0.5;
  auto boundaries = stopping_boundaries(design);
  ASSERT_TRUE(boundaries.ok());
  EXPECT_EQ(boundaries->front().patients, 10);
  EXPECT_EQ(boundaries->front().stop_at_most, 4);
  EXPECT_FALSE(below_threshold(0.5 - 1e-15, 0.5));
  EXPECT_TRUE(below_threshold(0.5 - 1e-9, 0.5));
}

TEST(FutilityMonitoringTest, PosteriorProbabilityIncreasesWithResponders) {
  const MonitoringDesign design;
  double previous = -1;
  for (int responders = 0; responders <= 30; ++responders) {
    const double probability = *probability_of_improvement(design, responders, 30);
    EXPECT_GT(probability, previous) << responders;
    previous = probability;
  }
}

TEST(FutilityMonitoringTest, DefaultBoundariesMatchR) {
  // Looks 10, 20, ..., 80 of at most 90 patients, threshold 0.025.
  auto boundaries = stopping_boundaries(MonitoringDesign{});
  ASSERT_TRUE(boundaries.ok()) << boundaries.error().to_string();
  expect_boundaries(*boundaries, {{10, 1, 0.0081559033054416953, 0.044077590056626093},
                                  {20, 4, 0.01198601946369955, 0.035553748575685003},
                                  {30, 7, 0.011132091707395497, 0.026771578978161334},
                                  {40, 11, 0.020412333882656536, 0.039807775485699262},
                                  {50, 14, 0.015917386366740078, 0.029313646966033564},
                                  {60, 18, 0.022356973296949509, 0.037356573638508382},
                                  {70, 21, 0.017542034852419983, 0.028520866055126496},
                                  {80, 25, 0.02237090989662012, 0.034272397126543196}});
}

TEST(FutilityMonitoringTest, DefaultOperatingCharacteristicsMatchR) {
  const MonitoringDesign design;
  auto boundaries = stopping_boundaries(design);
  ASSERT_TRUE(boundaries.ok());
  // oc(0.2), oc(0.3), oc(0.45) with looks <- seq(10, 80, 10), N <- 90,
  // bnd <- c(1, 4, 7, 11, 14, 18, 21, 25)
  auto at_20 = exact_operating_characteristics(design, *boundaries, 0.20);
  ASSERT_TRUE(at_20.ok());
  expect_operating_characteristics(
      *at_20, 0.9965783756935267, 22.866131422696377,
      {0.37580963840000003, 0.28980663602129142, 0.14416984415523279, 0.11956786871517491,
       0.030784666357869903, 0.02468597075990767, 0.0064545608787980012,
       0.0052991904052519427});
  EXPECT_EQ(at_20->look_patients, (std::vector<int>{10, 20, 30, 40, 50, 60, 70, 80}));
  auto at_30 = exact_operating_characteristics(design, *boundaries, 0.30);
  expect_operating_characteristics(
      *at_30, 0.75041624395602913, 50.068028378168336,
      {0.14930834589999989, 0.13486255554449775, 0.089184341819372473, 0.1402192824059989,
       0.05706455857404575, 0.087192807284316387, 0.036069034648524199, 0.05651531777927378});
  auto at_45 = exact_operating_characteristics(design, *boundaries, 0.45);
  expect_operating_characteristics(
      *at_45, 0.057836616203866861, 86.327429788742066,
      {0.023257101249121091, 0.012072229123457545, 0.0049933124032424626,
       0.0083281995102105454, 0.0023654306630785846, 0.0038497737450215409,
       0.001112121900999808, 0.0018584476087352827});
}

TEST(FutilityMonitoringTest, FirstLookOffTheCohortGridMatchesR) {
  // Looks 3, 8, ..., 28 of at most 30: stop_at_most 0 1 2 3 5 6.
  const MonitoringDesign design{.standard = {10, 40},
                                .experimental = {0.2, 0.8},
                                .delta = 0.2,
                                .threshold = 0.05,
                                .cohort_size = 5,
                                .maximum_patients = 30,
                                .first_look = 3};
  auto boundaries = stopping_boundaries(design);
  ASSERT_TRUE(boundaries.ok());
  // pr(r, n, 10, 40, 0.2, 0.8, 0.2) and pr(r + 1, n, ...)
  expect_boundaries(*boundaries, {{3, 0, 0.019463489081637572, 0.30034803738510474},
                                  {8, 1, 0.032196754494908358, 0.15123553353449043},
                                  {13, 2, 0.025111951349451267, 0.090228072988353003},
                                  {18, 3, 0.018631917168258679, 0.058263799219607379},
                                  {23, 5, 0.03960827639875749, 0.091213346249448768},
                                  {28, 6, 0.027964728139567834, 0.062704567645894632}});
  // oc(0.2), oc(0.4) with looks <- seq(3, 28, 5), N <- 30
  expect_operating_characteristics(
      *exact_operating_characteristics(design, *boundaries, 0.2), 0.84797635397942728,
      11.240276967908805,
      {0.51200000000000012, 0.12582912000000004, 0.061847529062400014, 0.038280596832649227,
       0.087333803973968671, 0.022685304110409202});
  expect_operating_characteristics(
      *exact_operating_characteristics(design, *boundaries, 0.4), 0.27947588261788719,
      23.107785202320034,
      {0.21599999999999997, 0.033592319999999995, 0.010448555212800007,
       0.0040924901057495071, 0.012752680638939678, 0.0025898366603980126});
}

TEST(FutilityMonitoringTest, LooksThatNeverStopAreMarked) {
  const MonitoringDesign design = looks_that_never_stop();
  auto boundaries = stopping_boundaries(design);
  ASSERT_TRUE(boundaries.ok());
  // pr(0, n, 0.5, 0.5, 0.5, 0.5, 0) for n = 1..9, and pr(1, n, ...) for n = 6..9
  expect_boundaries(*boundaries, {{1, -1, 0, 0.29735763271532395},
                                  {2, -1, 0, 0.22981017695376538},
                                  {3, -1, 0, 0.19378486721426766},
                                  {4, -1, 0, 0.1706257395245907},
                                  {5, -1, 0, 0.15415702650082},
                                  {6, 0, 0.14168072875553878, 0.2913963016989069},
                                  {7, 0, 0.13180937229773529, 0.27000836270699902},
                                  {8, 0, 0.12374776452386131, 0.25273348890584024},
                                  {9, 0, 0.11700341292218958, 0.23840174175228682}});
  // oc(0.3): only the look after 6 patients ever stops (0.7^6); later looks see at least
  // one response among trials still running.
  expect_operating_characteristics(*exact_operating_characteristics(design, *boundaries, 0.3),
                                   0.11764899999999995, 9.5294039999999995,
                                   {0, 0, 0, 0, 0, 0.11764899999999995, 0, 0, 0});
}

// The boundaries are searched for within the range the previous look allows; a scan of
// every count at every look must find the same ones.
TEST(FutilityMonitoringTest, BoundariesEqualAFullScanOfEveryCount) {
  MonitoringDesign design;
  design.cohort_size = 1;
  design.first_look = 1;
  design.maximum_patients = 30;
  for (double threshold : {0.025, 0.2}) {
    design.threshold = threshold;
    auto boundaries = stopping_boundaries(design);
    ASSERT_TRUE(boundaries.ok());
    for (const StoppingBoundary& boundary : *boundaries) {
      int stop_at_most = -1;
      for (int responders = 0; responders <= boundary.patients; ++responders) {
        if (*probability_of_improvement(design, responders, boundary.patients) < threshold) {
          stop_at_most = responders;
        }
      }
      EXPECT_EQ(boundary.stop_at_most.value_or(-1), stop_at_most)
          << "threshold " << threshold << ", look after " << boundary.patients;
    }
  }
}

TEST(FutilityMonitoringTest, ALookCanAlwaysStop) {
  // Threshold 0.9: even one response out of one is not convincing enough.
  MonitoringDesign design;
  design.threshold = 0.9;
  design.first_look = 1;
  auto boundaries = stopping_boundaries(design);
  ASSERT_TRUE(boundaries.ok());
  const StoppingBoundary& first = boundaries->front();
  EXPECT_EQ(first.patients, 1);
  EXPECT_EQ(first.stop_at_most, 1);
  EXPECT_EQ(first.continue_at_least, 2);
  EXPECT_TRUE(first.always_stops());
  EXPECT_FALSE(first.probability_at_continue.has_value());
  auto characteristics = exact_operating_characteristics(design, *boundaries, 0.99);
  EXPECT_DOUBLE_EQ(characteristics->early_stop_probability, 1.0);
  EXPECT_DOUBLE_EQ(characteristics->expected_patients, 1.0);
  EXPECT_DOUBLE_EQ(characteristics->reach_maximum_probability, 0.0);
}

TEST(FutilityMonitoringTest, CertainOutcomes) {
  const MonitoringDesign design;
  auto boundaries = stopping_boundaries(design);
  // No patient ever responds: the first look stops every trial.
  auto never = exact_operating_characteristics(design, *boundaries, 0.0);
  EXPECT_DOUBLE_EQ(never->stop_probability[0], 1.0);
  EXPECT_DOUBLE_EQ(never->expected_patients, 10.0);
  // Every patient responds: no trial stops.
  auto always = exact_operating_characteristics(design, *boundaries, 1.0);
  EXPECT_DOUBLE_EQ(always->early_stop_probability, 0.0);
  EXPECT_DOUBLE_EQ(always->expected_patients, 90.0);
}

TEST(FutilityMonitoringTest, RejectsInvalidArguments) {
  const MonitoringDesign design;
  EXPECT_EQ(probability_of_improvement(design, 11, 10).error().path, "responders");
  EXPECT_EQ(probability_of_improvement(design, -1, 10).error().path, "responders");
  EXPECT_EQ(probability_of_improvement(design, 0, -1).error().path, "patients");
  MonitoringDesign bad = design;
  bad.threshold = 0;
  EXPECT_EQ(probability_of_improvement(bad, 1, 10).error().path, "threshold");
  EXPECT_EQ(stopping_boundaries(bad).error().path, "threshold");

  auto boundaries = stopping_boundaries(design);
  EXPECT_EQ(exact_operating_characteristics(design, *boundaries, 1.5).error().path, "true_rate");
  EXPECT_EQ(exact_operating_characteristics(design, *boundaries, -0.1).error().path,
            "true_rate");
  MonitoringDesign other = design;
  other.cohort_size = 5;
  auto mismatch = exact_operating_characteristics(other, *boundaries, 0.3);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().to_string(), "boundaries: has 8 looks where the design has 16");
}

}  // namespace
}  // namespace trialcore::stats
