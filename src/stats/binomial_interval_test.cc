#include "stats/binomial_interval.h"

#include <cmath>

#include <gtest/gtest.h>

namespace trialcore::stats {
namespace {

struct Reference {
  int64_t responders;
  int64_t patients;
  double confidence;
  double lower;
  double upper;
};

// Each line: options(digits = 17); binom.test(x, n, conf.level = c)$conf.int  (R 4.2)
const Reference kReferences[] = {
    {0, 10, 0.95, 0, 0.30849710781876083},                      // binom.test(0, 10)
    {10, 10, 0.95, 0.69150289218123917, 1},                     // binom.test(10, 10)
    {1, 1, 0.95, 0.025000000000000022, 1},                      // binom.test(1, 1)
    {0, 1, 0.95, 0, 0.97499999999999998},                       // binom.test(0, 1)
    {27, 90, 0.95, 0.20788189968635654, 0.40572121504291614},   // binom.test(27, 90)
    {50, 90, 0.95, 0.44699601446489673, 0.66035584368395428},   // binom.test(50, 90)
    {3, 17, 0.95, 0.037985068070625981, 0.43431787284428391},   // binom.test(3, 17)
    {0, 90, 0.95, 0, 0.040158919615774669},                     // binom.test(0, 90)
    {90, 90, 0.95, 0.95984108038422533, 1},                     // binom.test(90, 90)
    // binom.test(27, 90, conf.level = 0.90) and binom.test(27, 90, conf.level = 0.99)
    {27, 90, 0.90, 0.22094298100233489, 0.38924405733109257},
    {27, 90, 0.99, 0.1835588486372923, 0.43825166550181682},
};

TEST(ClopperPearsonTest, MatchesRBinomTest) {
  for (const Reference& reference : kReferences) {
    auto interval =
        clopper_pearson_interval(reference.responders, reference.patients, reference.confidence);
    ASSERT_TRUE(interval.ok()) << interval.error().to_string();
    SCOPED_TRACE(std::to_string(reference.responders) + "/" + std::to_string(reference.patients));
    EXPECT_NEAR(interval->lower, reference.lower, 1e-12);
    EXPECT_NEAR(interval->upper, reference.upper, 1e-12);
    EXPECT_DOUBLE_EQ(interval->proportion,
                     static_cast<double>(reference.responders) / reference.patients);
    EXPECT_EQ(interval->confidence, reference.confidence);
  }
}

TEST(ClopperPearsonTest, NoRespondersHasLowerLimitZeroAndAllHaveUpperLimitOne) {
  EXPECT_EQ(clopper_pearson_interval(0, 25)->lower, 0.0);
  EXPECT_EQ(clopper_pearson_interval(25, 25)->upper, 1.0);
  EXPECT_LT(clopper_pearson_interval(24, 25)->upper, 1.0);
  EXPECT_GT(clopper_pearson_interval(1, 25)->lower, 0.0);
}

TEST(ClopperPearsonTest, AHigherConfidenceGivesAWiderInterval) {
  auto narrow = clopper_pearson_interval(27, 90, 0.80);
  auto wide = clopper_pearson_interval(27, 90, 0.999);
  EXPECT_LT(wide->lower, narrow->lower);
  EXPECT_GT(wide->upper, narrow->upper);
}

TEST(ClopperPearsonTest, NoPatientsIsAnErrorNotACrash) {
  auto interval = clopper_pearson_interval(0, 0);
  ASSERT_FALSE(interval.ok());
  EXPECT_EQ(interval.error().path, "patients");
  EXPECT_EQ(interval.error().message,
            "must be at least 1 to estimate a proportion, not 0");
}

TEST(ClopperPearsonTest, RejectsImpossibleCounts) {
  EXPECT_EQ(clopper_pearson_interval(-1, 10).error().path, "responders");
  auto too_many = clopper_pearson_interval(11, 10);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().to_string(),
            "responders: must be between 0 and 10 (the patients), not 11");
  EXPECT_EQ(clopper_pearson_interval(3, -5).error().path, "patients");
}

TEST(ClopperPearsonTest, RejectsConfidenceOutsideZeroToOne) {
  EXPECT_EQ(clopper_pearson_interval(3, 10, 0.0).error().path, "confidence");
  EXPECT_EQ(clopper_pearson_interval(3, 10, 1.0).error().path, "confidence");
  EXPECT_EQ(clopper_pearson_interval(3, 10, 95).error().path, "confidence");
  EXPECT_EQ(clopper_pearson_interval(3, 10, std::nan("")).error().path, "confidence");
}

}  // namespace
}  // namespace trialcore::stats
