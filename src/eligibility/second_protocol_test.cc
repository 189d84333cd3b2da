// A made-up trial (tests/data/protocols/made-up-myeloma.json) with criteria of its own, a
// protocol-declared record fact, an observation in g/dL and a trial fact: it loads and
// screens without any code of its own.
#include <gtest/gtest.h>

#include "base/test_files.h"
#include "eligibility/screening.h"
#include "patient/patient_record.h"

namespace trialcore {
namespace {

Protocol load_made_up() {
  auto protocol = load_protocol(source_tree_text("tests/data/protocols/made-up-myeloma.json"), "made-up-myeloma.json");
  EXPECT_TRUE(protocol.ok()) << protocol.error().to_string();
  return std::move(*protocol);
}

TEST(SecondProtocolTest, LoadsAndScreens) {
  Protocol protocol = load_made_up();
  EXPECT_EQ(protocol.id, "DEMO-0002");
  auto parsed = patient::parse_patient_record(R"({
    "id": "DEMO-1", "birth_date": "1950-05-01", "measurable_disease": true, "prior_regimens": 3,
    "frailty": "frail",
    "observations": [{"code": "hemoglobin", "value": 4.97, "unit": "mmol/L", "date": "2020-03-01"},
                     {"code": "platelets", "value": 75000, "unit": "/uL", "date": "2020-03-02"}],
    "transplants": [{"type": "autologous", "date": "2019-11-24"}]})",
                                              protocol.record_format);
  ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
  auto screening = screen(protocol, parsed->record, *Date::Parse("2020-03-03"),
                          {{"cohort_open", expr::Value::Boolean(false)}});
  ASSERT_TRUE(screening.ok()) << screening.error().to_string();
  std::map<std::string, std::string> results;
  for (const auto& criterion : screening->criteria) results[criterion.id] = result_name(criterion.result);
  EXPECT_EQ(results["adult"], "pass");
  EXPECT_EQ(results["measurable"], "pass");
  EXPECT_EQ(results["two-prior-regimens"], "pass");
  EXPECT_EQ(results["hemoglobin"], "pass");          // 4.97 mmol/L = 8.008 g/dL
  EXPECT_EQ(results["platelets"], "pass");           // exactly 75 x 10^9/L
  EXPECT_EQ(results["not-frail"], "fail");
  EXPECT_EQ(results["recent-autologous"], "pass");   // 100 days before 2020-03-03 is 2019-11-24
  EXPECT_EQ(screening->eligible, Eligibility::kNo);

  auto open = screen(protocol, parsed->record, *Date::Parse("2020-03-03"), {{"cohort_open", expr::Value::Boolean(true)}});
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(open->eligible, Eligibility::kYes);
}

TEST(SecondProtocolTest, ItsOwnFactsAreValidated) {
  Protocol protocol = load_made_up();
  auto parsed = patient::parse_patient_record(R"({"id": "DEMO-2", "frailty": "very"})", protocol.record_format);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().to_string(), "$.frailty: 'very' is not one of fit, intermediate, frail");
}

}  // namespace
}  // namespace trialcore
