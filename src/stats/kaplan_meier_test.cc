#include "stats/kaplan_meier.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace trialcore::stats {
namespace {

const double kNA = std::numeric_limits<double>::quiet_NaN();

struct ExpectedStep {
  double time;
  int64_t at_risk;
  int64_t events;
  int64_t censored;
  double survival;
  double standard_error;  // summary(fit, censored = TRUE)$std.err: the SE of S(t)
  double lower;
  double upper;
};

struct ExpectedMedian {
  double median;  // print(fit): median, 0.95LCL, 0.95UCL; NA = not reached
  double lower;
  double upper;
};

std::vector<SurvivalObservation> observations(const std::vector<double>& times,
                                              const std::vector<int>& events) {
  std::vector<SurvivalObservation> result;
  for (size_t i = 0; i < times.size(); ++i) result.push_back({times[i], events[i]});
  return result;
}

void expect_value(std::optional<double> actual, double expected, const std::string& what) {
  if (std::isnan(expected)) {
    EXPECT_FALSE(actual.has_value()) << what << " should be NA, is " << *actual;
  } else {
    ASSERT_TRUE(actual.has_value()) << what << " should be " << expected << ", is NA";
    EXPECT_NEAR(*actual, expected, 1e-12) << what;
  }
}

void expect_step(const SurvivalStep& actual, const ExpectedStep& expected) {
  const std::string at = "at t = " + std::to_string(expected.time);
  EXPECT_EQ(actual.time, expected.time);
  EXPECT_EQ(actual.at_risk, expected.at_risk) << at;
  EXPECT_EQ(actual.events, expected.events) << at;
  EXPECT_EQ(actual.censored, expected.censored) << at;
  EXPECT_NEAR(actual.survival, expected.survival, 1e-12) << at;
  expect_value(actual.standard_error, expected.standard_error, "standard error " + at);
  expect_value(actual.lower, expected.lower, "lower limit " + at);
  expect_value(actual.upper, expected.upper, "upper limit " + at);
}

void expect_median(const KaplanMeierCurve& curve, const ExpectedMedian& median) {
  expect_value(curve.median.median, median.median, "median");
  expect_value(curve.median.lower, median.lower, "median's lower limit");
  expect_value(curve.median.upper, median.upper, "median's upper limit");
}

void expect_curve(const KaplanMeierCurve& curve, const std::vector<ExpectedStep>& steps,
                  const ExpectedMedian& median) {
  ASSERT_EQ(curve.steps.size(), steps.size());
  for (size_t i = 0; i < steps.size(); ++i) expect_step(curve.steps[i], steps[i]);
  expect_median(curve, median);
}

// The reference values below were printed by R 4.2 with survival 3.5-3 (library(survival)):
// each row from fit$time, fit$n.risk, fit$n.event, fit$n.censor, fit$surv,
// summary(fit, censored = TRUE)$std.err, fit$lower, fit$upper (sprintf("%.15g")), and the
// median from summary(fit)$table[c("median", "0.95LCL", "0.95UCL")], for the fit named above
// each table.

// survfit(Surv(time, status) ~ 1, data = aml, conf.type = "log-log")
const std::vector<ExpectedStep> kAmlSteps = {
    {5, 23, 2, 0, 0.91304347826087, 0.0587533847558414, 0.694947537532059, 0.977515669900713},
    {8, 21, 2, 0, 0.826086956521739, 0.0790341964475118, 0.600610411237199, 0.930903558387115},
    {9, 19, 1, 0, 0.782608695652174, 0.0860061487037983, 0.554211506668729, 0.903207489881887},
    {12, 18, 1, 0, 0.739130434782609, 0.0915605371517001, 0.509209438754219, 0.873375781697676},
    {13, 17, 1, 1, 0.695652173913043, 0.0959438755421514, 0.465641749762004, 0.841721291391763},
    {16, 15, 0, 1, 0.695652173913043, 0.0959438755421514, 0.465641749762004, 0.841721291391763},
    {18, 14, 1, 0, 0.645962732919255, 0.101142675175285, 0.413952950717117, 0.805307764482079},
    {23, 13, 2, 0, 0.546583850931677, 0.107250641740122, 0.319250413971187, 0.726449173820634},
    {27, 11, 1, 0, 0.496894409937888, 0.108401780788683, 0.275565628012137, 0.684213788447816},
    {28, 10, 0, 1, 0.496894409937888, 0.108401780788683, 0.275565628012137, 0.684213788447816},
    {30, 9, 1, 0, 0.44168391994479, 0.109518069977657, 0.227381168462542, 0.637092687459888},
    {31, 8, 1, 0, 0.386473429951691, 0.108858801494864, 0.182836618648628, 0.58747691441794},
    {33, 7, 1, 0, 0.331262939958592, 0.106390972887551, 0.141825693481738, 0.535273789989068},
    {34, 6, 1, 0, 0.276052449965493, 0.101983376090492, 0.104441343233593, 0.480284660416562},
    {43, 5, 1, 0, 0.220841959972395, 0.0953674384864344, 0.0709966489828615, 0.422167443380925},
    {45, 4, 1, 1, 0.165631469979296, 0.0860352084085751, 0.0421142812615769, 0.360361360273183},
    {48, 2, 1, 0, 0.082815734989648, 0.0726618005035283, 0.00695596679853646, 0.286760367980918},
    {161, 1, 0, 1, 0.082815734989648, 0.0726618005035283, 0.00695596679853646, 0.286760367980918},
};
const ExpectedMedian kAmlMedian = {27, 13, 34};  // median, 0.95LCL, 0.95UCL

// survfit(Surv(c(3,5,5,8,10,12,15,20,22,30), c(1,0,1,0,0,1,0,0,0,0)) ~ 1, conf.type = "log-log")
const std::vector<ExpectedStep> kNotReachedSteps = {
    {3, 10, 1, 0, 0.9, 0.0948683298050514, 0.473009271362051, 0.985281393367343},
    {5, 9, 1, 1, 0.8, 0.126491106406735, 0.408690781633404, 0.945872645838912},
    {8, 7, 0, 1, 0.8, 0.126491106406735, 0.408690781633404, 0.945872645838912},
    {10, 6, 0, 1, 0.8, 0.126491106406735, 0.408690781633404, 0.945872645838912},
    {12, 5, 1, 0, 0.64, 0.175271218401653, 0.226330142404057, 0.874542817568042},
    {15, 4, 0, 1, 0.64, 0.175271218401653, 0.226330142404057, 0.874542817568042},
    {20, 3, 0, 1, 0.64, 0.175271218401653, 0.226330142404057, 0.874542817568042},
    {22, 2, 0, 1, 0.64, 0.175271218401653, 0.226330142404057, 0.874542817568042},
    {30, 1, 0, 1, 0.64, 0.175271218401653, 0.226330142404057, 0.874542817568042},
};
const ExpectedMedian kNotReachedMedian = {kNA, 3, kNA};  // median, 0.95LCL, 0.95UCL

// survfit(Surv(c(1,2,3,4,5,6), c(1,1,1,1,1,1)) ~ 1, conf.type = "log-log")
const std::vector<ExpectedStep> kHalfPlateauSteps = {
    {1, 6, 1, 0, 0.833333333333333, 0.152145154862546, 0.273122849928356, 0.974712426690894},
    {2, 5, 1, 0, 0.666666666666667, 0.192450089729875, 0.194616636806235, 0.904434164322516},
    {3, 4, 1, 0, 0.5, 0.204124145231932, 0.110948260351438, 0.803709236850057},
    {4, 3, 1, 0, 0.333333333333333, 0.192450089729875, 0.0460822434120451, 0.675564357969301},
    {5, 2, 1, 0, 0.166666666666667, 0.152145154862546, 0.00772310404017214, 0.51680178184491},
    {6, 1, 1, 0, 0, kNA, kNA, kNA},
};
const ExpectedMedian kHalfPlateauMedian = {3.5, 1, kNA};  // median, 0.95LCL, 0.95UCL

// survfit(Surv(c(1,2,3,4), c(1,1,0,0)) ~ 1, conf.type = "log-log")
const std::vector<ExpectedStep> kHalfToTheEndSteps = {
    {1, 4, 1, 0, 0.75, 0.21650635094611, 0.127946917595146, 0.960548642285078},
    {2, 3, 1, 0, 0.5, 0.25, 0.0578470829951446, 0.844861281190374},
    {3, 2, 0, 1, 0.5, 0.25, 0.0578470829951446, 0.844861281190374},
    {4, 1, 0, 1, 0.5, 0.25, 0.0578470829951446, 0.844861281190374},
};
const ExpectedMedian kHalfToTheEndMedian = {2, 1, kNA};  // median, 0.95LCL, 0.95UCL

// The acute myelogenous leukaemia data of survival::aml (both groups, 23 subjects): deaths
// tied at 5, 8 and 23 days, a death and a censoring tied at 13 and at 45 days.
const std::vector<double> kAmlTimes = {9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161, 5,
                                       5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45};
const std::vector<int> kAmlEvents = {1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1,
                                     1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1};

TEST(KaplanMeierTest, MatchesRWithTiedDeathsAndCensorings) {
  auto curve = kaplan_meier(observations(kAmlTimes, kAmlEvents));
  ASSERT_TRUE(curve.ok()) << curve.error().to_string();
  EXPECT_EQ(curve->subjects, 23);
  EXPECT_EQ(curve->events, 18);
  expect_curve(*curve, kAmlSteps, kAmlMedian);
}

TEST(KaplanMeierTest, OrderOfInputDoesNotMatter) {
  std::vector<SurvivalObservation> reversed = observations(kAmlTimes, kAmlEvents);
  std::reverse(reversed.begin(), reversed.end());
  auto curve = kaplan_meier(reversed);
  ASSERT_TRUE(curve.ok());
  expect_curve(*curve, kAmlSteps, kAmlMedian);
}

TEST(KaplanMeierTest, MedianNotReachedIsNA) {
  auto curve = kaplan_meier(observations({3, 5, 5, 8, 10, 12, 15, 20, 22, 30},
                                         {1, 0, 1, 0, 0, 1, 0, 0, 0, 0}));
  ASSERT_TRUE(curve.ok());
  expect_curve(*curve, kNotReachedSteps, kNotReachedMedian);
}

TEST(KaplanMeierTest, SurvivalOfExactlyOneHalfOnAFlatStretchGivesItsMidpoint) {
  auto curve = kaplan_meier(observations({1, 2, 3, 4, 5, 6}, {1, 1, 1, 1, 1, 1}));
  ASSERT_TRUE(curve.ok());
  // S = 1/2 from day 3 until the death on day 4: the median is 3.5. The last subject's
  // death makes S = 0, where the standard error and the interval are undefined.
  expect_curve(*curve, kHalfPlateauSteps, kHalfPlateauMedian);
}

TEST(KaplanMeierTest, SurvivalOfOneHalfToTheEndOfFollowUpGivesItsStart) {
  auto curve = kaplan_meier(observations({1, 2, 3, 4}, {1, 1, 0, 0}));
  ASSERT_TRUE(curve.ok());
  expect_curve(*curve, kHalfToTheEndSteps, kHalfToTheEndMedian);
}

// survival::lung (228 subjects, status - 1 as the event): cat(sprintf("{%d, %d}", lung$time, lung$status - 1), sep = ", ")
const std::vector<SurvivalObservation> kLung = {
    {306, 1}, {455, 1}, {1010, 0}, {210, 1}, {883, 1}, {1022, 0}, {310, 1}, {361, 1}, {218, 1},
    {166, 1}, {170, 1}, {654, 1}, {728, 1}, {71, 1}, {567, 1}, {144, 1}, {613, 1}, {707, 1},
    {61, 1}, {88, 1}, {301, 1}, {81, 1}, {624, 1}, {371, 1}, {394, 1}, {520, 1}, {574, 1},
    {118, 1}, {390, 1}, {12, 1}, {473, 1}, {26, 1}, {533, 1}, {107, 1}, {53, 1}, {122, 1},
    {814, 1}, {965, 0}, {93, 1}, {731, 1}, {460, 1}, {153, 1}, {433, 1}, {145, 1}, {583, 1},
    {95, 1}, {303, 1}, {519, 1}, {643, 1}, {765, 1}, {735, 1}, {189, 1}, {53, 1}, {246, 1},
    {689, 1}, {65, 1}, {5, 1}, {132, 1}, {687, 1}, {345, 1}, {444, 1}, {223, 1}, {175, 1}, {60,
    1}, {163, 1}, {65, 1}, {208, 1}, {821, 0}, {428, 1}, {230, 1}, {840, 0}, {305, 1}, {11, 1},
    {132, 1}, {226, 1}, {426, 1}, {705, 1}, {363, 1}, {11, 1}, {176, 1}, {791, 1}, {95, 1},
    {196, 0}, {167, 1}, {806, 0}, {284, 1}, {641, 1}, {147, 1}, {740, 0}, {163, 1}, {655, 1},
    {239, 1}, {88, 1}, {245, 1}, {588, 0}, {30, 1}, {179, 1}, {310, 1}, {477, 1}, {166, 1},
    {559, 0}, {450, 1}, {364, 1}, {107, 1}, {177, 1}, {156, 1}, {529, 0}, {11, 1}, {429, 1},
    {351, 1}, {15, 1}, {181, 1}, {283, 1}, {201, 1}, {524, 1}, {13, 1}, {212, 1}, {524, 1},
    {288, 1}, {363, 1}, {442, 1}, {199, 1}, {550, 1}, {54, 1}, {558, 1}, {207, 1}, {92, 1},
    {60, 1}, {551, 0}, {543, 0}, {293, 1}, {202, 1}, {353, 1}, {511, 0}, {267, 1}, {511, 0},
    {371, 1}, {387, 1}, {457, 1}, {337, 1}, {201, 1}, {404, 0}, {222, 1}, {62, 1}, {458, 0},
    {356, 0}, {353, 1}, {163, 1}, {31, 1}, {340, 1}, {229, 1}, {444, 0}, {315, 0}, {182, 1},
    {156, 1}, {329, 1}, {364, 0}, {291, 1}, {179, 1}, {376, 0}, {384, 0}, {268, 1}, {292, 0},
    {142, 1}, {413, 0}, {266, 0}, {194, 1}, {320, 1}, {181, 1}, {285, 1}, {301, 0}, {348, 1},
    {197, 1}, {382, 0}, {303, 0}, {296, 0}, {180, 1}, {186, 1}, {145, 1}, {269, 0}, {300, 0},
    {284, 0}, {350, 1}, {272, 0}, {292, 0}, {332, 0}, {285, 1}, {259, 0}, {110, 1}, {286, 1},
    {270, 1}, {81, 1}, {131, 1}, {225, 0}, {269, 1}, {225, 0}, {243, 0}, {279, 0}, {276, 0},
    {135, 1}, {79, 1}, {59, 1}, {240, 0}, {202, 0}, {235, 0}, {105, 1}, {224, 0}, {239, 1},
    {237, 0}, {173, 0}, {252, 0}, {221, 0}, {185, 0}, {92, 0}, {13, 1}, {222, 0}, {192, 0},
    {183, 1}, {211, 0}, {175, 0}, {197, 0}, {203, 0}, {116, 1}, {188, 0}, {191, 0}, {105, 0},
    {174, 0}, {177, 0}
};

TEST(KaplanMeierTest, MatchesROnALargerDataSet) {
  // Rows of the same fit as the table for survival::lung (186 distinct times in all):
  // survfit(Surv(time, status - 1) ~ 1, data = lung, conf.type = "log-log")
  const std::vector<std::pair<size_t, ExpectedStep>> rows = {
      {0, {5, 228, 1, 0, 0.995614035087719, 0.00437633599855315, 0.969277036218889, 0.999381011438739}},
      {1, {11, 227, 3, 0, 0.982456140350877, 0.00869464259269039, 0.953935230206082, 0.993379132789539}},
      {18, {88, 203, 2, 0, 0.881578947368421, 0.0213982196059285, 0.83207134221092, 0.917213604179644}},
      {19, {92, 201, 1, 1, 0.87719298245614, 0.021736606481726, 0.82710797054876, 0.913523939039162}},
      {107, {305, 87, 1, 0, 0.512916737512754, 0.0349590293719281, 0.442404897494716, 0.578931145821869}},
      {108, {306, 86, 1, 0, 0.50695258940214, 0.0350575913045034, 0.436335737394672, 0.573232330852823}},
      {109, {310, 85, 2, 0, 0.495024293180913, 0.0352327462466992, 0.424244072784757, 0.561795979140734}},
      {110, {315, 83, 0, 1, 0.495024293180913, 0.0352327462466992, 0.424244072784757, 0.561795979140734}},
      {111, {320, 82, 1, 0, 0.488987411556756, 0.0353164803194861, 0.418135375312745, 0.555999773073937}},
      {179, {814, 7, 1, 0, 0.067127424094414, 0.0235064178687549, 0.0307283845558338, 0.123059694935264}},
      {180, {821, 6, 0, 1, 0.067127424094414, 0.0235064178687549, 0.0307283845558338, 0.123059694935264}},
      {185, {1022, 1, 0, 1, 0.0503455680708105, 0.0228480489160838, 0.0178661710928527, 0.108662176030919}},
  };
  auto curve = kaplan_meier(kLung);
  ASSERT_TRUE(curve.ok());
  EXPECT_EQ(curve->subjects, 228);
  EXPECT_EQ(curve->events, 165);
  ASSERT_EQ(curve->steps.size(), 186u);
  for (const auto& [index, expected] : rows) expect_step(curve->steps[index], expected);
  expect_median(*curve, {310, 284, 361});  // median, 0.95LCL, 0.95UCL
}

TEST(KaplanMeierTest, CensoringsBeforeTheFirstDeathLeaveSurvivalAtOneWithNoInterval) {
  // survfit(Surv(c(1,2,2,3,5,8,9), c(0,0,1,1,0,1,0)) ~ 1, conf.type = "log-log"):
  // row 1: time 1, n.risk 7, n.event 0, n.censor 1, surv 1, std.err 0, lower NA, upper NA;
  // row 2: time 2, n.risk 6, n.event 1, n.censor 1, surv 0.833333333333333,
  //        summary()$std.err 0.152145154862546, lower 0.273122849928356, upper 0.974712426690894
  // print(fit): median 8, 0.95LCL 2, 0.95UCL NA
  auto curve = kaplan_meier(observations({1, 2, 2, 3, 5, 8, 9}, {0, 0, 1, 1, 0, 1, 0}));
  ASSERT_TRUE(curve.ok());
  expect_step(curve->steps[0], {1, 7, 0, 1, 1, 0, kNA, kNA});
  expect_step(curve->steps[1],
              {2, 6, 1, 1, 0.833333333333333, 0.152145154862546, 0.273122849928356,
               0.974712426690894});
  expect_median(*curve, {8, 2, kNA});
}

TEST(KaplanMeierTest, EventsAtTimeZeroCount) {
  // survfit(Surv(c(0,0,2,3), c(0,1,0,1)) ~ 1, conf.type = "log-log"): surv 0.75 at time 0,
  // lower 0.127946917595146, upper 0.960548642285078; print(): median 3, 0.95LCL 0, 0.95UCL NA
  auto curve = kaplan_meier(observations({0, 0, 2, 3}, {0, 1, 0, 1}));
  ASSERT_TRUE(curve.ok());
  EXPECT_EQ(curve->steps[0].time, 0);
  EXPECT_EQ(curve->steps[0].at_risk, 4);
  EXPECT_EQ(curve->steps[0].events, 1);
  EXPECT_EQ(curve->steps[0].censored, 1);
  expect_value(curve->steps[0].lower, 0.127946917595146, "lower limit at 0");
  expect_value(curve->steps[0].upper, 0.960548642285078, "upper limit at 0");
  expect_median(*curve, {3, 0, kNA});
}

TEST(KaplanMeierTest, OtherConfidenceLevels) {
  // summary(survfit(Surv(time, status) ~ 1, data = aml, conf.type = "log-log",
  //                 conf.int = 0.90))$table: median 27, 0.9LCL 18, 0.9UCL 34; at t = 27:
  // fit$lower 0.310906213281209, fit$upper 0.657914442197017
  auto curve = kaplan_meier(observations(kAmlTimes, kAmlEvents), 0.90);
  ASSERT_TRUE(curve.ok());
  EXPECT_EQ(curve->confidence, 0.90);
  expect_value(curve->steps[8].lower, 0.310906213281209, "lower limit at 27");
  expect_value(curve->steps[8].upper, 0.657914442197017, "upper limit at 27");
  expect_median(*curve, {27, 18, 34});
}

TEST(KaplanMeierTest, OneSubject) {
  auto died = kaplan_meier({{10, 1}});
  ASSERT_TRUE(died.ok());
  EXPECT_EQ(died->steps[0].survival, 0);
  EXPECT_FALSE(died->steps[0].standard_error.has_value());
  expect_value(died->median.median, 10, "median");
  auto censored = kaplan_meier({{10, 0}});
  ASSERT_TRUE(censored.ok());
  EXPECT_EQ(censored->steps[0].survival, 1);
  EXPECT_FALSE(censored->median.median.has_value());
}

TEST(KaplanMeierTest, RejectsInvalidInput) {
  auto empty = kaplan_meier({});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().to_string(), "observations: must hold at least one subject");

  auto negative = kaplan_meier({{3, 1}, {-1, 0}});
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().path, "observations[1].time");

  auto infinite = kaplan_meier({{std::numeric_limits<double>::infinity(), 1}});
  ASSERT_FALSE(infinite.ok());
  EXPECT_EQ(infinite.error().to_string(), "observations[0].time: must be a finite number of days");

  auto not_a_number = kaplan_meier({{kNA, 1}});
  EXPECT_EQ(not_a_number.error().path, "observations[0].time");

  auto bad_event = kaplan_meier({{3, 1}, {4, 0}, {5, 2}});
  ASSERT_FALSE(bad_event.ok());
  EXPECT_EQ(bad_event.error().to_string(),
            "observations[2].event: must be 1 (event) or 0 (censored), not 2");

  EXPECT_EQ(kaplan_meier({{3, 1}}, 1.0).error().path, "confidence");
  EXPECT_EQ(kaplan_meier({{3, 1}}, 0.0).error().path, "confidence");
}

}  // namespace
}  // namespace trialcore::stats
