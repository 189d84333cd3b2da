#include "stats/monitoring_design.h"

#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace trialcore::stats {
namespace {

using Json = nlohmann::json;

const char* kSection = R"({
  "note": "futility rule of the protocol's statistical section",
  "standard_prior": {"a": 30, "b": 70, "note": "100 historical patients"},
  "experimental_prior": {"mean": 0.3, "concentration": 2},
  "delta": 0.15,
  "threshold": 0.025,
  "cohort_size": 10,
  "maximum_patients": 90,
  "first_look": 10
})";

Error parse_error(const std::string& text) {
  auto design = parse_monitoring_design(Json::parse(text), "$.monitoring");
  EXPECT_FALSE(design.ok()) << text;
  return design.ok() ? Error{} : design.error();
}

// The section with one member replaced (or removed, with a null value).
std::string with(const std::string& key, const Json& value) {
  Json section = Json::parse(kSection);
  if (value.is_null()) {
    section.erase(key);
  } else {
    section[key] = value;
  }
  return section.dump();
}

TEST(MonitoringDesignTest, DefaultsAreValid) {
  const MonitoringDesign design;
  EXPECT_TRUE(check_monitoring_design(design).ok());
  EXPECT_DOUBLE_EQ(design.standard.mean(), 0.3);
  EXPECT_DOUBLE_EQ(design.standard.concentration(), 100);
  EXPECT_DOUBLE_EQ(design.experimental.mean(), 0.3);
  EXPECT_DOUBLE_EQ(design.experimental.concentration(), 2);
  EXPECT_EQ(monitoring_looks(design), (std::vector<int>{10, 20, 30, 40, 50, 60, 70, 80}));
}

TEST(MonitoringDesignTest, LooksStopBeforeTheMaximum) {
  MonitoringDesign design;
  design.first_look = 5;
  design.cohort_size = 7;
  design.maximum_patients = 26;
  EXPECT_EQ(monitoring_looks(design), (std::vector<int>{5, 12, 19}));
  design.maximum_patients = 27;
  EXPECT_EQ(monitoring_looks(design), (std::vector<int>{5, 12, 19, 26}));
}

TEST(MonitoringDesignTest, ReadsASection) {
  auto design = parse_monitoring_design(Json::parse(kSection), "$.monitoring");
  ASSERT_TRUE(design.ok()) << design.error().to_string();
  EXPECT_EQ(design->standard.a, 30);
  EXPECT_EQ(design->standard.b, 70);
  EXPECT_DOUBLE_EQ(design->experimental.a, 0.6);
  EXPECT_DOUBLE_EQ(design->experimental.b, 1.4);
  EXPECT_EQ(design->delta, 0.15);
  EXPECT_EQ(design->threshold, 0.025);
  EXPECT_EQ(design->cohort_size, 10);
  EXPECT_EQ(design->maximum_patients, 90);
  EXPECT_EQ(design->first_look, 10);
}

TEST(MonitoringDesignTest, FirstLookDefaultsToTheCohortSize) {
  Json section = Json::parse(with("first_look", nullptr));
  section["cohort_size"] = 6;
  auto design = parse_monitoring_design(section, "$.monitoring");
  ASSERT_TRUE(design.ok()) << design.error().to_string();
  EXPECT_EQ(design->first_look, 6);
}

TEST(MonitoringDesignTest, EveryOtherMemberIsRequired) {
  for (const char* key : {"standard_prior", "experimental_prior", "delta", "threshold",
                          "cohort_size", "maximum_patients"}) {
    Error error = parse_error(with(key, nullptr));
    EXPECT_EQ(error.path, std::string("$.monitoring.") + key);
    EXPECT_EQ(error.message, "is required");
  }
}

TEST(MonitoringDesignTest, UnknownMembersAreErrors) {
  Error error = parse_error(with("alpha", 0.1));
  EXPECT_EQ(error.path, "$.monitoring.alpha");
  EXPECT_EQ(error.message,
            "is not a member here (expected standard_prior, experimental_prior, "
            "delta, threshold, cohort_size, maximum_patients, first_look)");
  Error inner = parse_error(with("standard_prior", {{"a", 30}, {"b", 70}, {"weight", 1}}));
  EXPECT_EQ(inner.path, "$.monitoring.standard_prior.weight");
}

TEST(MonitoringDesignTest, NotesMustBeText) {
  EXPECT_EQ(parse_error(with("note", 3)).to_string(), "$.monitoring.note: must be a text");
  // As everywhere in a protocol file, a note is text: null is not.
  Json null_note = Json::parse(kSection);
  null_note["note"] = nullptr;
  EXPECT_EQ(parse_error(null_note.dump()).to_string(), "$.monitoring.note: must be a text");
  EXPECT_EQ(parse_error(with("experimental_prior", {{"a", 1}, {"b", 1}, {"note", true}})).path,
            "$.monitoring.experimental_prior.note");
}

TEST(MonitoringDesignTest, PriorsAreEitherShapesOrMeanAndConcentration) {
  EXPECT_EQ(parse_error(with("standard_prior", {{"a", 30}, {"mean", 0.3}})).to_string(),
            "$.monitoring.standard_prior: give either a and b, or mean and concentration, not "
            "both");
  EXPECT_EQ(parse_error(with("standard_prior", {{"a", 30}})).to_string(),
            "$.monitoring.standard_prior.b: is required");
  EXPECT_EQ(parse_error(with("standard_prior", {{"mean", 0.3}})).to_string(),
            "$.monitoring.standard_prior.concentration: is required");
  EXPECT_EQ(parse_error(with("standard_prior", Json::object())).path,
            "$.monitoring.standard_prior");
  EXPECT_EQ(parse_error(with("standard_prior", 0.3)).message,
            "must be an object ({\"a\": .., \"b\": ..} or {\"mean\": .., \"concentration\": ..}), "
            "not a number");
  EXPECT_EQ(parse_error(with("standard_prior", {{"mean", 1.0}, {"concentration", 10}})).path,
            "$.monitoring.standard_prior.mean");
  EXPECT_EQ(parse_error(with("standard_prior", {{"mean", 0.3}, {"concentration", 0}})).path,
            "$.monitoring.standard_prior.concentration");
  EXPECT_EQ(parse_error(with("standard_prior", {{"mean", 0.5}, {"concentration", 1e7}})).path,
            "$.monitoring.standard_prior.concentration");
  EXPECT_EQ(parse_error(with("standard_prior", {{"a", 0}, {"b", 70}})).to_string(),
            "$.monitoring.standard_prior.a: must be greater than 0 and at most 1000000, not 0");
  EXPECT_EQ(parse_error(with("experimental_prior", {{"a", 1}, {"b", "1"}})).to_string(),
            "$.monitoring.experimental_prior.b: must be a number, not a string");
}

TEST(MonitoringDesignTest, RejectsValuesOutOfRange) {
  EXPECT_EQ(parse_error(with("delta", -0.1)).to_string(),
            "$.monitoring.delta: must be at least 0 and less than 1, not -0.1");
  EXPECT_EQ(parse_error(with("delta", 1)).path, "$.monitoring.delta");
  EXPECT_EQ(parse_error(with("threshold", 0)).to_string(),
            "$.monitoring.threshold: must be between 0 and 1 (exclusive), not 0");
  EXPECT_EQ(parse_error(with("threshold", 1)).path, "$.monitoring.threshold");
  EXPECT_EQ(parse_error(with("threshold", "0.05")).path, "$.monitoring.threshold");
  EXPECT_EQ(parse_error(with("cohort_size", 0)).to_string(),
            "$.monitoring.cohort_size: must be a whole number from 1 to 1000, not 0");
  EXPECT_EQ(parse_error(with("cohort_size", 2.5)).to_string(),
            "$.monitoring.cohort_size: must be a whole number, not 2.5");
  EXPECT_EQ(parse_error(with("maximum_patients", 1001)).path, "$.monitoring.maximum_patients");
  EXPECT_EQ(parse_error(with("maximum_patients", 1)).to_string(),
            "$.monitoring.maximum_patients: must be from 2 to 1000, not 1");
  EXPECT_EQ(parse_error(with("first_look", 90)).to_string(),
            "$.monitoring.first_look: must be from 1 to 89 (fewer than the maximum patients), "
            "not 90");
  EXPECT_EQ(parse_error("[]").to_string(), "$.monitoring: must be an object, not an array");
}

TEST(MonitoringDesignTest, CheckNamesTheMember) {
  MonitoringDesign design;
  design.experimental.b = -1;
  EXPECT_EQ(check_monitoring_design(design).error().path, "experimental_prior.b");
  design = MonitoringDesign{};
  design.threshold = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(check_monitoring_design(design).error().to_string(),
            "threshold: must be between 0 and 1 (exclusive), not NaN");
  design = MonitoringDesign{};
  design.cohort_size = 0;
  EXPECT_EQ(check_monitoring_design(design).error().path, "cohort_size");
  EXPECT_TRUE(monitoring_looks(design).empty());
}

}  // namespace
}  // namespace trialcore::stats
