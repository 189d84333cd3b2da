// Every dose of docs/interpretation.md (Treatment) for a known body, 170 cm and 70 kg (Mosteller
// 1.8181 m2), across 8 courses of each period, with and without rituximab, starting on a
// month end and across a leap day: tests/data/plan/doses-170cm-70kg.json, computed
// independently of this code in Python (its "about" says how). Then the plan's other rules.
#include "treatment/plan.h"

#include <gtest/gtest.h>

#include <vector>

#include "base/test_files.h"
#include "treatment/test_treatment_spec.h"

namespace trialcore::treatment {
namespace {

// Plans each of the table's requests and compares every dose with the table's row.
TEST(PlanTest, EveryDoseOfEachPeriodMatchesTheIndependentTable) {
  TreatmentSpec spec = testing::builtin_treatment_spec();
  Json table = source_tree_json("tests/data/plan/doses-170cm-70kg.json");
  ASSERT_EQ(table.at("columns"), Json({"course", "day", "date", "latest", "drug", "mg_m2", "mg", "order"}));
  ASSERT_EQ(table.at("plans").size(), 8u);
  for (const Json& expected : table.at("plans")) {
    SCOPED_TRACE(expected.at("name").get<std::string>());
    PlanRequest request;
    request.period = expected.at("period");
    request.start = *Date::Parse(expected.at("start").get<std::string>());
    request.courses = table.at("courses");
    request.body = {{request.start, table.at("height_cm"), table.at("weight_kg")}};
    for (const auto& [add_on, from] : expected.at("add_ons").items()) request.add_ons[add_on] = from.get<int>();
    auto plan = plan_treatment(spec, request);
    ASSERT_TRUE(plan.ok()) << plan.error().to_string();
    std::vector<PlannedDose> doses;
    for (const CoursePlan& course : plan->courses) {
      EXPECT_NEAR(course.bsa_m2, 1.8181186858, 1e-9);
      doses.insert(doses.end(), course.doses.begin(), course.doses.end());
    }
    const Json& rows = expected.at("doses");
    ASSERT_EQ(doses.size(), rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      SCOPED_TRACE("dose " + std::to_string(i) + ": " + rows[i].dump());
      EXPECT_EQ(doses[i].course, rows[i][0]);
      EXPECT_EQ(doses[i].day, rows[i][1]);
      EXPECT_EQ(doses[i].date.to_string(), rows[i][2]);
      EXPECT_EQ(doses[i].latest.to_string(), rows[i][3]);
      EXPECT_EQ(doses[i].drug, rows[i][4]);
      EXPECT_DOUBLE_EQ(doses[i].dose_mg_m2, rows[i][5].get<double>());
      EXPECT_NEAR(doses[i].dose_mg, rows[i][6].get<double>(), 1e-9);
      EXPECT_EQ(doses[i].order, rows[i][7]);
    }
  }
}

TEST(PlanTest, ANewMeasurementBeforeACourseRecomputesItsDoses) {
  TreatmentSpec spec = testing::builtin_treatment_spec();
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
  TreatmentSpec spec = testing::builtin_treatment_spec();
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
  TreatmentSpec spec = testing::builtin_treatment_spec();
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
