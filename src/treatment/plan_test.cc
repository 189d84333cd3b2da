// Every dose of docs/interpretation.md (Treatment) for a known body, 170 cm and 70 kg (Mosteller
// 1.8181 m2), across 8 courses of each period, with and without rituximab, starting on a
// month end and across a leap day. The expected tables were computed independently of this
// code, in Python (datetime for the dates, round(level * sqrt(170 * 70 / 3600), 2) for mg):
// the generator's rules are docs/interpretation.md's, written out, not this planner's.
#include "treatment/plan.h"

#include <gtest/gtest.h>

#include <span>
#include <vector>

#include "base/test_files.h"

namespace trialcore::treatment {
namespace {

struct ExpectedDose {
  int course;
  int day;
  const char* date;
  const char* latest;
  const char* drug;
  double mg_m2;
  double mg;
  int order;
};

const ExpectedDose kPeriod1[] = {
    {1, 1, "2010-07-05", "2010-07-05", "inotuzumab", 1.3, 2.36, 1},
    {2, 1, "2010-08-02", "2010-08-02", "inotuzumab", 1.8, 3.27, 1},
    {3, 1, "2010-08-30", "2010-08-30", "inotuzumab", 1.8, 3.27, 1},
    {4, 1, "2010-09-27", "2010-09-27", "inotuzumab", 1.8, 3.27, 1},
    {5, 1, "2010-10-25", "2010-10-25", "inotuzumab", 1.8, 3.27, 1},
    {6, 1, "2010-11-22", "2010-11-22", "inotuzumab", 1.8, 3.27, 1},
    {7, 1, "2010-12-20", "2010-12-20", "inotuzumab", 1.8, 3.27, 1},
    {8, 1, "2011-01-17", "2011-01-17", "inotuzumab", 1.8, 3.27, 1},
};
const ExpectedDose kPeriod1RituximabFrom3[] = {
    {1, 1, "2010-07-05", "2010-07-05", "inotuzumab", 1.3, 2.36, 1},
    {2, 1, "2010-08-02", "2010-08-02", "inotuzumab", 1.8, 3.27, 1},
    {3, 1, "2010-08-30", "2010-08-30", "rituximab", 375, 681.79, 1},
    {3, 1, "2010-08-30", "2010-08-30", "inotuzumab", 1.8, 3.27, 2},
    {4, 1, "2010-09-27", "2010-09-27", "rituximab", 375, 681.79, 1},
    {4, 1, "2010-09-27", "2010-09-27", "inotuzumab", 1.8, 3.27, 2},
    {5, 1, "2010-10-25", "2010-10-25", "rituximab", 375, 681.79, 1},
    {5, 1, "2010-10-25", "2010-10-25", "inotuzumab", 1.8, 3.27, 2},
    {6, 1, "2010-11-22", "2010-11-22", "rituximab", 375, 681.79, 1},
    {6, 1, "2010-11-22", "2010-11-22", "inotuzumab", 1.8, 3.27, 2},
    {7, 1, "2010-12-20", "2010-12-20", "rituximab", 375, 681.79, 1},
    {7, 1, "2010-12-20", "2010-12-20", "inotuzumab", 1.8, 3.27, 2},
    {8, 1, "2011-01-17", "2011-01-17", "rituximab", 375, 681.79, 1},
    {8, 1, "2011-01-17", "2011-01-17", "inotuzumab", 1.8, 3.27, 2},
};
const ExpectedDose kPeriod2MonthEnd[] = {
    {1, 1, "2010-01-31", "2010-01-31", "inotuzumab", 1.8, 3.27, 1},
    {2, 1, "2010-02-28", "2010-02-28", "inotuzumab", 1.8, 3.27, 1},
    {3, 1, "2010-03-28", "2010-03-28", "inotuzumab", 1.8, 3.27, 1},
    {4, 1, "2010-04-25", "2010-04-25", "inotuzumab", 1.8, 3.27, 1},
    {5, 1, "2010-05-23", "2010-05-23", "inotuzumab", 1.8, 3.27, 1},
    {6, 1, "2010-06-20", "2010-06-20", "inotuzumab", 1.8, 3.27, 1},
    {7, 1, "2010-07-18", "2010-07-18", "inotuzumab", 1.8, 3.27, 1},
    {8, 1, "2010-08-15", "2010-08-15", "inotuzumab", 1.8, 3.27, 1},
};
const ExpectedDose kPeriod2RituximabFrom3[] = {
    {1, 1, "2010-01-31", "2010-01-31", "inotuzumab", 1.8, 3.27, 1},
    {2, 1, "2010-02-28", "2010-02-28", "inotuzumab", 1.8, 3.27, 1},
    {3, 1, "2010-03-28", "2010-03-28", "rituximab", 375, 681.79, 1},
    {3, 1, "2010-03-28", "2010-03-28", "inotuzumab", 1.8, 3.27, 2},
    {4, 1, "2010-04-25", "2010-04-25", "rituximab", 375, 681.79, 1},
    {4, 1, "2010-04-25", "2010-04-25", "inotuzumab", 1.8, 3.27, 2},
    {5, 1, "2010-05-23", "2010-05-23", "rituximab", 375, 681.79, 1},
    {5, 1, "2010-05-23", "2010-05-23", "inotuzumab", 1.8, 3.27, 2},
    {6, 1, "2010-06-20", "2010-06-20", "rituximab", 375, 681.79, 1},
    {6, 1, "2010-06-20", "2010-06-20", "inotuzumab", 1.8, 3.27, 2},
    {7, 1, "2010-07-18", "2010-07-18", "rituximab", 375, 681.79, 1},
    {7, 1, "2010-07-18", "2010-07-18", "inotuzumab", 1.8, 3.27, 2},
    {8, 1, "2010-08-15", "2010-08-15", "rituximab", 375, 681.79, 1},
    {8, 1, "2010-08-15", "2010-08-15", "inotuzumab", 1.8, 3.27, 2},
};
const ExpectedDose kPeriod3LeapDay[] = {
    {1, 1, "2012-02-20", "2012-02-20", "inotuzumab", 0.8, 1.45, 1},
    {1, 8, "2012-02-27", "2012-02-28", "inotuzumab", 0.5, 0.91, 1},
    {1, 15, "2012-03-05", "2012-03-06", "inotuzumab", 0.5, 0.91, 1},
    {2, 1, "2012-03-12", "2012-03-12", "inotuzumab", 0.8, 1.45, 1},
    {2, 8, "2012-03-19", "2012-03-20", "inotuzumab", 0.5, 0.91, 1},
    {2, 15, "2012-03-26", "2012-03-27", "inotuzumab", 0.5, 0.91, 1},
    {3, 1, "2012-04-02", "2012-04-02", "inotuzumab", 0.8, 1.45, 1},
    {3, 8, "2012-04-09", "2012-04-10", "inotuzumab", 0.5, 0.91, 1},
    {3, 15, "2012-04-16", "2012-04-17", "inotuzumab", 0.5, 0.91, 1},
    {4, 1, "2012-04-23", "2012-04-23", "inotuzumab", 0.8, 1.45, 1},
    {4, 8, "2012-04-30", "2012-05-01", "inotuzumab", 0.5, 0.91, 1},
    {4, 15, "2012-05-07", "2012-05-08", "inotuzumab", 0.5, 0.91, 1},
    {5, 1, "2012-05-14", "2012-05-14", "inotuzumab", 0.8, 1.45, 1},
    {5, 8, "2012-05-21", "2012-05-22", "inotuzumab", 0.5, 0.91, 1},
    {5, 15, "2012-05-28", "2012-05-29", "inotuzumab", 0.5, 0.91, 1},
    {6, 1, "2012-06-04", "2012-06-04", "inotuzumab", 0.8, 1.45, 1},
    {6, 8, "2012-06-11", "2012-06-12", "inotuzumab", 0.5, 0.91, 1},
    {6, 15, "2012-06-18", "2012-06-19", "inotuzumab", 0.5, 0.91, 1},
    {7, 1, "2012-06-25", "2012-06-25", "inotuzumab", 0.8, 1.45, 1},
    {7, 8, "2012-07-02", "2012-07-03", "inotuzumab", 0.5, 0.91, 1},
    {7, 15, "2012-07-09", "2012-07-10", "inotuzumab", 0.5, 0.91, 1},
    {8, 1, "2012-07-16", "2012-07-16", "inotuzumab", 0.8, 1.45, 1},
    {8, 8, "2012-07-23", "2012-07-24", "inotuzumab", 0.5, 0.91, 1},
    {8, 15, "2012-07-30", "2012-07-31", "inotuzumab", 0.5, 0.91, 1},
};
const ExpectedDose kPeriod3RituximabFrom1[] = {
    {1, 1, "2012-02-20", "2012-02-20", "rituximab", 375, 681.79, 1},
    {1, 2, "2012-02-21", "2012-02-21", "inotuzumab", 0.8, 1.45, 1},
    {1, 8, "2012-02-27", "2012-02-28", "rituximab", 375, 681.79, 1},
    {1, 8, "2012-02-27", "2012-02-28", "inotuzumab", 0.5, 0.91, 2},
    {1, 15, "2012-03-05", "2012-03-06", "rituximab", 375, 681.79, 1},
    {1, 15, "2012-03-05", "2012-03-06", "inotuzumab", 0.5, 0.91, 2},
    {2, 1, "2012-03-12", "2012-03-12", "rituximab", 375, 681.79, 1},
    {2, 1, "2012-03-12", "2012-03-12", "inotuzumab", 0.8, 1.45, 2},
    {2, 8, "2012-03-19", "2012-03-20", "rituximab", 375, 681.79, 1},
    {2, 8, "2012-03-19", "2012-03-20", "inotuzumab", 0.5, 0.91, 2},
    {2, 15, "2012-03-26", "2012-03-27", "rituximab", 375, 681.79, 1},
    {2, 15, "2012-03-26", "2012-03-27", "inotuzumab", 0.5, 0.91, 2},
    {3, 1, "2012-04-02", "2012-04-02", "rituximab", 375, 681.79, 1},
    {3, 1, "2012-04-02", "2012-04-02", "inotuzumab", 0.8, 1.45, 2},
    {3, 8, "2012-04-09", "2012-04-10", "rituximab", 375, 681.79, 1},
    {3, 8, "2012-04-09", "2012-04-10", "inotuzumab", 0.5, 0.91, 2},
    {3, 15, "2012-04-16", "2012-04-17", "rituximab", 375, 681.79, 1},
    {3, 15, "2012-04-16", "2012-04-17", "inotuzumab", 0.5, 0.91, 2},
    {4, 1, "2012-04-23", "2012-04-23", "rituximab", 375, 681.79, 1},
    {4, 1, "2012-04-23", "2012-04-23", "inotuzumab", 0.8, 1.45, 2},
    {4, 8, "2012-04-30", "2012-05-01", "rituximab", 375, 681.79, 1},
    {4, 8, "2012-04-30", "2012-05-01", "inotuzumab", 0.5, 0.91, 2},
    {4, 15, "2012-05-07", "2012-05-08", "rituximab", 375, 681.79, 1},
    {4, 15, "2012-05-07", "2012-05-08", "inotuzumab", 0.5, 0.91, 2},
    {5, 1, "2012-05-14", "2012-05-14", "rituximab", 375, 681.79, 1},
    {5, 1, "2012-05-14", "2012-05-14", "inotuzumab", 0.8, 1.45, 2},
    {5, 8, "2012-05-21", "2012-05-22", "rituximab", 375, 681.79, 1},
    {5, 8, "2012-05-21", "2012-05-22", "inotuzumab", 0.5, 0.91, 2},
    {5, 15, "2012-05-28", "2012-05-29", "rituximab", 375, 681.79, 1},
    {5, 15, "2012-05-28", "2012-05-29", "inotuzumab", 0.5, 0.91, 2},
    {6, 1, "2012-06-04", "2012-06-04", "rituximab", 375, 681.79, 1},
    {6, 1, "2012-06-04", "2012-06-04", "inotuzumab", 0.8, 1.45, 2},
    {6, 8, "2012-06-11", "2012-06-12", "rituximab", 375, 681.79, 1},
    {6, 8, "2012-06-11", "2012-06-12", "inotuzumab", 0.5, 0.91, 2},
    {6, 15, "2012-06-18", "2012-06-19", "rituximab", 375, 681.79, 1},
    {6, 15, "2012-06-18", "2012-06-19", "inotuzumab", 0.5, 0.91, 2},
    {7, 1, "2012-06-25", "2012-06-25", "rituximab", 375, 681.79, 1},
    {7, 1, "2012-06-25", "2012-06-25", "inotuzumab", 0.8, 1.45, 2},
    {7, 8, "2012-07-02", "2012-07-03", "rituximab", 375, 681.79, 1},
    {7, 8, "2012-07-02", "2012-07-03", "inotuzumab", 0.5, 0.91, 2},
    {7, 15, "2012-07-09", "2012-07-10", "rituximab", 375, 681.79, 1},
    {7, 15, "2012-07-09", "2012-07-10", "inotuzumab", 0.5, 0.91, 2},
    {8, 1, "2012-07-16", "2012-07-16", "rituximab", 375, 681.79, 1},
    {8, 1, "2012-07-16", "2012-07-16", "inotuzumab", 0.8, 1.45, 2},
    {8, 8, "2012-07-23", "2012-07-24", "rituximab", 375, 681.79, 1},
    {8, 8, "2012-07-23", "2012-07-24", "inotuzumab", 0.5, 0.91, 2},
    {8, 15, "2012-07-30", "2012-07-31", "rituximab", 375, 681.79, 1},
    {8, 15, "2012-07-30", "2012-07-31", "inotuzumab", 0.5, 0.91, 2},
};
// With rituximab from course 4: courses 1-3 are dosed as without it (kPeriod3LeapDay), courses
// 4-8 as with it from course 1 (rituximab first, inotuzumab second).
std::vector<ExpectedDose> period3_rituximab_from_4() {
  std::vector<ExpectedDose> doses;
  for (const ExpectedDose& dose : kPeriod3LeapDay) {
    if (dose.course < 4) doses.push_back(dose);
  }
  for (const ExpectedDose& dose : kPeriod3RituximabFrom1) {
    if (dose.course >= 4) doses.push_back(dose);
  }
  return doses;
}
const ExpectedDose kPeriod2LeapDay[] = {
    {1, 1, "2012-02-01", "2012-02-01", "inotuzumab", 1.8, 3.27, 1},
    {2, 1, "2012-02-29", "2012-02-29", "inotuzumab", 1.8, 3.27, 1},
    {3, 1, "2012-03-28", "2012-03-28", "inotuzumab", 1.8, 3.27, 1},
    {4, 1, "2012-04-25", "2012-04-25", "inotuzumab", 1.8, 3.27, 1},
    {5, 1, "2012-05-23", "2012-05-23", "inotuzumab", 1.8, 3.27, 1},
    {6, 1, "2012-06-20", "2012-06-20", "inotuzumab", 1.8, 3.27, 1},
    {7, 1, "2012-07-18", "2012-07-18", "inotuzumab", 1.8, 3.27, 1},
    {8, 1, "2012-08-15", "2012-08-15", "inotuzumab", 1.8, 3.27, 1},
};

TreatmentSpec builtin_spec() {
  auto spec = parse_treatment_spec(source_tree_json("protocols/nct01134575.json")["treatment"], "$.treatment",
                                   {"period-1", "period-2", "period-3"});
  EXPECT_TRUE(spec.ok()) << spec.error().to_string();
  return std::move(*spec);
}

void expect_plan(const char* period, const char* start, AddOnsFrom add_ons, std::span<const ExpectedDose> expected) {
  TreatmentSpec spec = builtin_spec();
  PlanRequest request;
  request.period = period;
  request.start = *Date::Parse(start);
  request.courses = 8;
  request.body = {{request.start, 170, 70}};
  request.add_ons = std::move(add_ons);
  auto plan = plan_treatment(spec, request);
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  std::vector<PlannedDose> doses;
  for (const CoursePlan& course : plan->courses) {
    EXPECT_NEAR(course.bsa_m2, 1.8181186858, 1e-9);
    doses.insert(doses.end(), course.doses.begin(), course.doses.end());
  }
  ASSERT_EQ(doses.size(), expected.size()) << period;
  for (size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(std::string(period) + " dose " + std::to_string(i));
    EXPECT_EQ(doses[i].course, expected[i].course);
    EXPECT_EQ(doses[i].day, expected[i].day);
    EXPECT_EQ(doses[i].date.to_string(), expected[i].date);
    EXPECT_EQ(doses[i].latest.to_string(), expected[i].latest);
    EXPECT_EQ(doses[i].drug, expected[i].drug);
    EXPECT_DOUBLE_EQ(doses[i].dose_mg_m2, expected[i].mg_m2);
    EXPECT_NEAR(doses[i].dose_mg, expected[i].mg, 1e-9);
    EXPECT_EQ(doses[i].order, expected[i].order);
  }
}

TEST(PlanTest, Period1) { expect_plan("period-1", "2010-07-05", {}, kPeriod1); }
TEST(PlanTest, Period1WithRituximabFromCourse3) {
  expect_plan("period-1", "2010-07-05", {{"rituximab", 3}}, kPeriod1RituximabFrom3);
}
TEST(PlanTest, Period2StartingOnAMonthEnd) { expect_plan("period-2", "2010-01-31", {}, kPeriod2MonthEnd); }
TEST(PlanTest, Period2WithRituximabFromCourse3) {
  expect_plan("period-2", "2010-01-31", {{"rituximab", 3}}, kPeriod2RituximabFrom3);
}
TEST(PlanTest, Period2ThroughALeapDay) { expect_plan("period-2", "2012-02-01", {}, kPeriod2LeapDay); }
TEST(PlanTest, Period3AcrossALeapDay) { expect_plan("period-3", "2012-02-20", {}, kPeriod3LeapDay); }
TEST(PlanTest, Period3WithRituximabFromCourse1) {
  expect_plan("period-3", "2012-02-20", {{"rituximab", 1}}, kPeriod3RituximabFrom1);
}
TEST(PlanTest, Period3WithRituximabFromALaterCourse) {
  expect_plan("period-3", "2012-02-20", {{"rituximab", 4}}, period3_rituximab_from_4());
}

TEST(PlanTest, ANewMeasurementBeforeACourseRecomputesItsDoses) {
  TreatmentSpec spec = builtin_spec();
  PlanRequest request{"period-2", Date(2010, 7, 5), 3, {{Date(2010, 7, 1), 170, 70}, {Date(2010, 8, 2), 170, 60}}, {}};
  auto plan = plan_treatment(spec, request);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->courses[0].body.date, Date(2010, 7, 1));
  EXPECT_NEAR(plan->courses[0].doses[0].dose_mg, 3.27, 1e-9);
  // python3 -c "import math; print(round(1.8*math.sqrt(170*60/3600), 2))" -> 3.03
  EXPECT_EQ(plan->courses[1].body.date, Date(2010, 8, 2));  // measured on course 2 day 1: it counts
  EXPECT_NEAR(plan->courses[1].doses[0].dose_mg, 3.03, 1e-9);
  EXPECT_EQ(plan->courses[2].body.date, Date(2010, 8, 2));
}

TEST(PlanTest, BadRequestsNameTheOption) {
  TreatmentSpec spec = builtin_spec();
  auto error_of = [&](PlanRequest request) {
    auto plan = plan_treatment(spec, request);
    EXPECT_FALSE(plan.ok());
    return plan.ok() ? "" : plan.error().to_string();
  };
  std::vector<BodyMeasurement> body = {{Date(2010, 7, 5), 170, 70}};
  EXPECT_EQ(error_of({"period-9", Date(2010, 7, 5), 2, body, {}}),
            "$.period: 'period-9' is not a period of the protocol (period-1, period-2, period-3)");
  EXPECT_EQ(error_of({"period-1", Date(2010, 7, 5), 0, body, {}}), "$.courses: must be 1 to 8, not 0");
  EXPECT_EQ(error_of({"period-1", Date(2010, 7, 5), 9, body, {}}), "$.courses: must be 1 to 8, not 9");
  EXPECT_EQ(error_of({"period-1", Date(2010, 7, 5), 2, body, {{"rituximab", 3}}}),
            "$.add_ons.rituximab: must be 1 to 2 (the courses planned), not 3");
  EXPECT_EQ(error_of({"period-1", Date(2010, 7, 5), 2, body, {{"aspirin", 1}}}),
            "$.add_ons.aspirin: period-1 has no add-on 'aspirin'");
  EXPECT_EQ(error_of({"period-1", Date(2010, 7, 5), 2, {{Date(2010, 7, 5), 170, -70}}, {}}),
            "$.weight: weight -70 kg is not plausible (1 to 400 kg)");
  EXPECT_NE(error_of({"period-1", Date(2010, 7, 5), 2, {{Date(2010, 7, 6), 170, 70}}, {}}).find("no height and weight measured on or before course 1"),
            std::string::npos);
}

TEST(PlanTest, BsaAboveTheWarningLimitWarns) {
  TreatmentSpec spec = builtin_spec();
  auto plan = plan_treatment(spec, {"period-2", Date(2010, 7, 5), 1, {{Date(2010, 7, 5), 200, 110}}, {}});
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->warnings.size(), 1u);
  EXPECT_NE(plan->warnings[0].find("BSA 2.47 m2 is above 2.20 m2"), std::string::npos) << plan->warnings[0];
  spec.bsa_cap_m2 = 2.0;
  auto capped = plan_treatment(spec, {"period-2", Date(2010, 7, 5), 1, {{Date(2010, 7, 5), 200, 110}}, {}});
  ASSERT_TRUE(capped.ok());
  EXPECT_NEAR(capped->courses[0].doses[0].dose_mg, 3.6, 1e-9);
}

TEST(PlanTest, RoundsHalvesAwayFromZero) {
  EXPECT_DOUBLE_EQ(round_to(3.275, 0.01), 3.28);
  EXPECT_DOUBLE_EQ(round_to(3.2749, 0.01), 3.27);
  EXPECT_DOUBLE_EQ(round_to(681.794, 0.01), 681.79);
  EXPECT_DOUBLE_EQ(round_to(2.5, 1), 3);
}

}  // namespace
}  // namespace trialcore::treatment
