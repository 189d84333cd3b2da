// A plan request put together from its parts: each part's mistake named by its path.
#include "treatment/plan_parts.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace trialcore::treatment {
namespace {

PlanParts parts() {
  return {.period = "period-1", .start = "2010-07-05", .courses = 2, .height = 170, .weight = 70,
          .add_ons = {}, .add_on_pairs = {}, .body_file = ""};
}

std::string error_of(const PlanParts& given) {
  auto request = plan_request_of(given);
  return request.ok() ? "ok" : request.error().path + ": " + request.error().message;
}

TEST(PlanParts, HeightAndWeightAreMeasuredOnTheStartDate) {
  auto request = plan_request_of(parts());
  ASSERT_TRUE(request.ok()) << request.error().to_string();
  EXPECT_EQ(request->period, "period-1");
  EXPECT_EQ(request->start, Date(2010, 7, 5));
  EXPECT_EQ(request->courses, 2);
  ASSERT_EQ(request->body.size(), 1u);
  EXPECT_EQ(request->body[0].date, Date(2010, 7, 5));
  EXPECT_EQ(request->body[0].height_cm, 170);
  EXPECT_EQ(request->body[0].weight_kg, 70);
}

TEST(PlanParts, PairsAddToTheAddOnsFromACourse) {
  PlanParts given = parts();
  given.add_ons = {{"first", 1}};
  given.add_on_pairs = {"second=3", "first=2"};
  auto request = plan_request_of(given);
  ASSERT_TRUE(request.ok()) << request.error().to_string();
  EXPECT_EQ(request->add_ons, (AddOnsFrom{{"first", 2}, {"second", 3}}));
}

TEST(PlanParts, APairNeedsACourseFromOne) {
  for (const char* pair : {"second", "second=0", "second=x", "second="}) {
    PlanParts given = parts();
    given.add_on_pairs = {pair};
    EXPECT_EQ(error_of(given), std::string("$.add_on: '") + pair + "' is not ADD-ON=COURSE");
  }
}

TEST(PlanParts, TheStartIsADate) {
  PlanParts given = parts();
  given.start = "2010-02-30";
  EXPECT_EQ(error_of(given).rfind("$.start: ", 0), 0u) << error_of(given);
}

TEST(PlanParts, HeightAndWeightComeTogetherAndSomeMeasurementIsNeeded) {
  PlanParts given = parts();
  given.weight.reset();
  EXPECT_EQ(error_of(given), "$.weight: is required with $.height");
  given = parts();
  given.height.reset();
  EXPECT_EQ(error_of(given), "$.height: is required with $.weight");
  given.weight.reset();
  EXPECT_EQ(error_of(given), "$.height: give $.height and $.weight, or a $.body file");
}

TEST(PlanParts, AFileAddsDatedMeasurementsAndItsErrorsNameIt) {
  std::filesystem::path file = std::filesystem::temp_directory_path() / ("plan-parts-" + std::to_string(::getpid()) + ".json");
  std::ofstream(file) << R"([{"date": "2010-06-01", "height": {"value": 68, "unit": "in"}, "weight": {"value": 150, "unit": "lb"}}])";
  PlanParts given = parts();
  given.body_file = file.string();
  auto request = plan_request_of(given);
  ASSERT_TRUE(request.ok()) << request.error().to_string();
  ASSERT_EQ(request->body.size(), 2u);
  EXPECT_EQ(request->body[1].date, Date(2010, 6, 1));
  EXPECT_NEAR(request->body[1].height_cm, 172.72, 1e-9);

  std::ofstream(file) << R"([{"date": "2010-06-01", "height": 3}])";
  EXPECT_EQ(error_of(given), file.string() + " $[0].height: must be {\"value\": ..., \"unit\": \"cm\"}, not a number");
  std::filesystem::remove(file);
  EXPECT_EQ(error_of(given).rfind(file.string() + ": ", 0), 0u) << error_of(given);
}

}  // namespace
}  // namespace trialcore::treatment
