// A dose check of two files: a clean check, and each mistake named by its file and path.
#include "treatment/dose_check_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "treatment/test_treatment_spec.h"

namespace trialcore::treatment {
namespace {

class DoseCheckFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    spec_ = testing::builtin_treatment_spec();
    write(plan_, R"({"period": "period-2", "start": "2010-07-05", "courses": 1,
                     "body": [{"date": "2010-07-01", "height": {"value": 170, "unit": "cm"}, "weight": {"value": 70, "unit": "kg"}}]})");
    write(given_, R"({"administrations": [{"course": 1, "day": 1, "drug": "inotuzumab", "date": "2010-07-05",
                      "start_time": "09:00", "dose_mg": 3.27, "infusion_minutes": 65}]})");
  }
  void TearDown() override {
    std::filesystem::remove(plan_);
    std::filesystem::remove(given_);
  }
  static void write(const std::string& file, const std::string& text) { std::ofstream(file) << text; }
  std::string error_of(const std::string& as_of = "") {
    auto check = check_dose_files(spec_, plan_, given_, as_of);
    return check.ok() ? "checked" : check.error().to_string();
  }

  TreatmentSpec spec_;
  std::string directory_ = std::filesystem::temp_directory_path().string() + "/" + std::to_string(::getpid());
  std::string plan_ = directory_ + "-plan.json";
  std::string given_ = directory_ + "-given.json";
};

TEST_F(DoseCheckFilesTest, DosesGivenOnPlanHaveNoDeviation) {
  auto check = check_dose_files(spec_, plan_, given_, "2010-07-10");
  ASSERT_TRUE(check.ok()) << check.error().to_string();
  EXPECT_TRUE(check->deviations.empty());
}

TEST_F(DoseCheckFilesTest, MistakesNameTheirFileAndPath) {
  EXPECT_EQ(error_of("2010-13-01").rfind("$.as_of: ", 0), 0u) << error_of("2010-13-01");
  write(plan_, R"({"period": "period-7", "start": "2010-07-05", "courses": 1,
                   "body": [{"date": "2010-07-01", "height": {"value": 170, "unit": "cm"}, "weight": {"value": 70, "unit": "kg"}}]})");
  EXPECT_EQ(error_of().rfind(plan_ + " $.period: 'period-7' is not a period", 0), 0u) << error_of();
  write(given_, R"({"administrations": [{"course": 1}]})");
  EXPECT_EQ(error_of().rfind(given_ + " $.administrations[0]", 0), 0u) << error_of();
  std::filesystem::remove(plan_);
  EXPECT_EQ(error_of().rfind(plan_ + ": ", 0), 0u) << error_of();
}

}  // namespace
}  // namespace trialcore::treatment
