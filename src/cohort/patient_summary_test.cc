#include "cohort/patient_summary.h"
#include "protocol/test_builtin_protocol.h"

#include <gtest/gtest.h>

namespace trialcore {
namespace {

PatientSummary patient(const std::string& id, const char* birth, int courses, int salvage = 1) {
  PatientSummary summary;
  summary.record.id = id;
  const Protocol& protocol = testing::builtin_protocol();
  std::string text = R"({"id": ")" + id + R"(", "salvage": )" + std::to_string(salvage) +
                     (birth ? std::string(R"(, "birth_date": ")") + birth + "\"" : "") + "}";
  summary.record = patient::parse_patient_record(text, protocol.record_format)->record;
  summary.period = "period-1";
  summary.enrolled_on = Date(2010, 7, 5);
  summary.courses_given = courses;
  return summary;
}

TEST(PatientSummaryTest, AdultsTreatedCountsAgeAtEnrollmentAndACourseGiven) {
  auto protocol = load_builtin_protocol();
  ASSERT_TRUE(protocol.ok());
  std::vector<PatientSummary> patients = {
      patient("A", "1994-07-05", 1),  // 16 on the day of enrollment
      patient("B", "1994-07-06", 1),  // 15 at enrollment
      patient("C", "1970-01-01", 0),  // no course yet
      patient("D", nullptr, 2),       // age unknown: undecided, not counted
      patient("E", "1960-01-01", 8),
  };
  const DerivedTrialFact& adults = protocol->rules.derived_facts.at(0);
  EXPECT_EQ(adults.name, "adults_treated");
  Count count = count_patients(*protocol, patients, adults.counts, Date(2011, 1, 1));
  EXPECT_EQ(count.count, 2);
  EXPECT_EQ(count.undecided, std::vector<std::string>{"D"});
  TrialFactValues facts = derived_trial_facts(*protocol, patients, Date(2011, 1, 1));
  EXPECT_EQ(facts.at("adults_treated").number(), 2);
}

TEST(PatientSummaryTest, SalvageTargetCountsTreatedPatientsInSalvageOneOrTwo) {
  auto protocol = load_builtin_protocol();
  ASSERT_TRUE(protocol.ok());
  const Target& target = protocol->rules.targets.at(0);
  EXPECT_EQ(target.minimum, 10);
  std::vector<PatientSummary> patients = {patient("A", "1970-01-01", 1, 1), patient("B", "1970-01-01", 1, 2),
                                          patient("C", "1970-01-01", 1, 3), patient("D", "1970-01-01", 0, 1)};
  EXPECT_EQ(count_patients(*protocol, patients, target.counts, Date(2011, 1, 1)).count, 2);
}

}  // namespace
}  // namespace trialcore
