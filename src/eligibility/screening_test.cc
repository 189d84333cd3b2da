// Every criterion of NCT01134575 (docs/interpretation.md) at its boundaries: equal to the
// limit, just over, in the other unit, with and without "due to tumor", stale and missing
// data, waived and not waivable. The base record is the example patient
// (patient/test_example_patient.h), eligible on 2010-07-02; each test changes what it needs.
#include "eligibility/screening.h"

#include <gtest/gtest.h>

#include "patient/patient_record.h"
#include "patient/test_example_patient.h"
#include "protocol/test_builtin_protocol.h"

namespace trialcore {
namespace {

class ScreeningTest : public ::testing::Test {
 protected:
  ScreeningTest() : record_(testing::example_patient()) {}

  // Sets (or adds) the observation `code` of the record.
  void observe(const std::string& code, Json value, const std::string& unit, const std::string& date,
               std::optional<double> uln = std::nullopt) {
    forget(code);
    Json entry = {{"code", code}, {"value", value}, {"date", date}};
    if (!unit.empty()) entry["unit"] = unit;
    if (uln) entry["uln"] = *uln;
    record_["observations"].push_back(entry);
  }
  void forget(const std::string& code) {
    Json& observations = record_["observations"];
    for (auto it = observations.begin(); it != observations.end();) {
      it = (*it)["code"] == code ? observations.erase(it) : it + 1;
    }
  }

  Result<Screening> run(const char* date = "2010-07-02", std::optional<double> adults_treated = 0) {
    auto parsed = patient::read_patient_record(record_, protocol_->record_format, "$");
    if (!parsed.ok()) return parsed.error();
    TrialFactValues facts;
    if (adults_treated) facts["adults_treated"] = expr::Value::Number(*adults_treated);
    return screen(*protocol_, parsed->record, *Date::Parse(date), facts);
  }

  const CriterionScreening& criterion(const Screening& screening, const std::string& id) {
    for (const CriterionScreening& entry : screening.criteria) {
      if (entry.id == id) return entry;
    }
    static CriterionScreening none;
    ADD_FAILURE() << "no criterion " << id;
    return none;
  }

  // "pass", "fail", ... of one criterion, with the reason on failure of the expectation.
  std::string result(const std::string& id, const char* date = "2010-07-02", std::optional<double> adults = 0) {
    auto screening = run(date, adults);
    if (!screening.ok()) return "error: " + screening.error().to_string();
    const CriterionScreening& entry = criterion(*screening, id);
    last_reason_ = entry.reason;
    last_missing_ = entry.missing;
    return result_name(entry.result);
  }

  // Each value of `code` in turn, measured on 2010-07-01, and the result of `criterion_id`
  // with it.
  struct Reading {
    double value;
    const char* unit;
    const char* result;
  };
  void expect_readings(const char* criterion_id, const char* code, std::initializer_list<Reading> readings) {
    for (const Reading& reading : readings) {
      observe(code, reading.value, reading.unit, "2010-07-01");
      EXPECT_EQ(result(criterion_id), reading.result) << code << " " << reading.value << " " << reading.unit;
    }
  }

  const Protocol* protocol_ = &testing::builtin_protocol();
  Json record_;
  std::string last_reason_;
  std::vector<std::string> last_missing_;
};

TEST_F(ScreeningTest, ContractExampleIsEligibleWithEveryCriterionInOrder) {
  auto screening = run();
  ASSERT_TRUE(screening.ok()) << screening.error().to_string();
  EXPECT_EQ(screening->eligible, Eligibility::kYes);
  std::vector<std::string> ids;
  for (const auto& entry : screening->criteria) {
    ids.push_back(entry.id);
    EXPECT_EQ(entry.result, CriterionResult::kPass) << entry.id << ": " << entry.reason;
  }
  EXPECT_EQ(ids, (std::vector<std::string>{
                     "inc-diagnosis", "inc-relapsed-refractory", "inc-age", "inc-performance", "inc-bilirubin",
                     "inc-transaminases", "inc-creatinine", "inc-contraception", "inc-pregnancy-test",
                     "exc-heart-disease", "exc-ejection-fraction", "exc-other-chemotherapy", "exc-washout",
                     "exc-unrecovered-toxicity", "exc-recent-allo-sct", "exc-peripheral-blasts", "exc-pregnancy",
                     "exc-hepatitis-b"}));
}

TEST_F(ScreeningTest, Diagnosis) {
  for (const char* code : {"ALL", "B-ALL", "T-ALL", "burkitt", "lymphoblastic-lymphoma"}) {
    record_["diagnosis"] = code;
    EXPECT_EQ(result("inc-diagnosis"), "pass") << code;
  }
  record_["diagnosis"] = "AML";
  EXPECT_EQ(result("inc-diagnosis"), "fail");
  EXPECT_NE(last_reason_.find("AML is not one of"), std::string::npos) << last_reason_;
  record_.erase("diagnosis");
  EXPECT_EQ(result("inc-diagnosis"), "unknown");
  EXPECT_EQ(last_missing_, std::vector<std::string>{"diagnosis"});
}

TEST_F(ScreeningTest, RelapsedOrRefractoryAfterAPriorLine) {
  record_["disease_status"] = "refractory";
  EXPECT_EQ(result("inc-relapsed-refractory"), "pass");
  record_["prior_lines"] = 0;
  EXPECT_EQ(result("inc-relapsed-refractory"), "fail");
  record_["prior_lines"] = 1;
  EXPECT_EQ(result("inc-relapsed-refractory"), "pass");
  record_["disease_status"] = "remission";
  EXPECT_EQ(result("inc-relapsed-refractory"), "fail");
  record_["disease_status"] = "relapsed";
  record_.erase("prior_lines");
  EXPECT_EQ(result("inc-relapsed-refractory"), "unknown");
  EXPECT_EQ(last_missing_, std::vector<std::string>{"prior_lines"});
}

TEST_F(ScreeningTest, AgeSixteenOnTheBirthday) {
  record_["birth_date"] = "1994-07-02";  // 16 on 2010-07-02
  EXPECT_EQ(result("inc-age"), "pass");
  EXPECT_EQ(last_reason_, "age 16 >= 16");
  record_["birth_date"] = "1994-07-03";  // 16 tomorrow
  EXPECT_EQ(result("inc-age", "2010-07-02", 9), "fail");
  EXPECT_EQ(last_reason_, "age 15 < 16; adults_treated 9 < 10");
}

TEST_F(ScreeningTest, PediatricGateOpensAtTenAdultsTreated) {
  record_["birth_date"] = "1998-01-01";
  EXPECT_EQ(result("inc-age", "2010-07-02", 0), "fail");
  EXPECT_EQ(result("inc-age", "2010-07-02", 10), "pass");
  EXPECT_EQ(last_reason_, "adults_treated 10 >= 10");
  EXPECT_EQ(result("inc-age", "2010-07-02", std::nullopt), "unknown");
  EXPECT_EQ(last_missing_, std::vector<std::string>{"adults_treated"});
  record_.erase("birth_date");
  EXPECT_EQ(result("inc-age", "2010-07-02", 3), "unknown");
  EXPECT_EQ(last_missing_, std::vector<std::string>{"birth_date"});
}

TEST_F(ScreeningTest, BirthDateAfterTheEvaluationDateIsNotUsed) {
  record_["birth_date"] = "2011-01-01";
  EXPECT_EQ(result("inc-age"), "unknown");
  EXPECT_EQ(last_missing_, std::vector<std::string>{"birth_date"});
}

TEST_F(ScreeningTest, Performance) {
  record_["zubrod"] = 3;
  EXPECT_EQ(result("inc-performance"), "pass");
  record_["zubrod"] = 4;
  EXPECT_EQ(result("inc-performance"), "fail");
  record_["zubrod"] = 0;
  EXPECT_EQ(result("inc-performance"), "pass");
}

TEST_F(ScreeningTest, BilirubinLimits) {
  expect_readings("inc-bilirubin", "bilirubin",
                  {{1.5, "mg/dL", "pass"},
                   {1.51, "mg/dL", "fail"},
                   {25.65, "umol/L", "pass"},  // 1.5 mg/dL exactly
                   {25.66, "umol/L", "fail"}});
  record_["organ_dysfunction_due_to_tumor"] = true;
  expect_readings("inc-bilirubin", "bilirubin",
                  {{2.0, "mg/dL", "pass"},
                   {34.2, "umol/L", "pass"},  // 2.0 mg/dL
                   {2.01, "mg/dL", "fail"}});
}

TEST_F(ScreeningTest, BilirubinWithDueToTumorUnknown) {
  record_.erase("organ_dysfunction_due_to_tumor");
  expect_readings("inc-bilirubin", "bilirubin",
                  {{1.2, "mg/dL", "pass"},       // within both limits
                   {1.8, "mg/dL", "unknown"}});  // between them: the flag decides
  EXPECT_EQ(last_missing_, std::vector<std::string>{"organ_dysfunction_due_to_tumor"});
  expect_readings("inc-bilirubin", "bilirubin", {{2.5, "mg/dL", "fail"}});  // above both
}

TEST_F(ScreeningTest, LabWindowIsFourteenDaysIncludingItsFirstDay) {
  observe("bilirubin", 0.8, "mg/dL", "2010-06-18");
  EXPECT_EQ(result("inc-bilirubin"), "pass");
  observe("bilirubin", 0.8, "mg/dL", "2010-06-17");
  EXPECT_EQ(result("inc-bilirubin"), "unknown");
  EXPECT_EQ(last_missing_, std::vector<std::string>{"bilirubin"});
  EXPECT_NE(last_reason_.find("older than 14 days"), std::string::npos) << last_reason_;
  forget("bilirubin");
  EXPECT_EQ(result("inc-bilirubin"), "unknown");
  EXPECT_EQ(last_reason_.rfind("no bilirubin recorded", 0), 0u) << last_reason_;
}

TEST_F(ScreeningTest, TransaminasesEveryMeasuredValue) {
  observe("alt", 123, "U/L", "2010-07-01", 41);  // exactly 3 x ULN
  EXPECT_EQ(result("inc-transaminases"), "pass");
  observe("alt", 123.1, "U/L", "2010-07-01", 41);
  EXPECT_EQ(result("inc-transaminases"), "fail");
  record_["organ_dysfunction_due_to_tumor"] = true;  // passes by rule
  EXPECT_EQ(result("inc-transaminases"), "pass");
  record_["organ_dysfunction_due_to_tumor"] = false;
  observe("alt", 40, "U/L", "2010-07-01", 41);
  observe("ast", 121, "U/L", "2010-07-01", 40);  // AST over, ALT fine: every value counts
  EXPECT_EQ(result("inc-transaminases"), "fail");
}

TEST_F(ScreeningTest, AStaleTransaminaseIsUnknown) {
  observe("alt", 40, "U/L", "2010-06-01", 41);  // stale; the AST is fresh and within its limit
  EXPECT_EQ(result("inc-transaminases"), "unknown");
  EXPECT_EQ(last_missing_, std::vector<std::string>{"alt"});
  observe("ast", 500, "U/L", "2010-07-01", 40);  // a fresh value over the limit decides
  EXPECT_EQ(result("inc-transaminases"), "fail");
}

TEST_F(ScreeningTest, TransaminasesOneMeasuredIsEnough) {
  forget("ast");
  EXPECT_EQ(result("inc-transaminases"), "pass");
  forget("alt");
  EXPECT_EQ(result("inc-transaminases"), "unknown");
  EXPECT_EQ(last_missing_, (std::vector<std::string>{"alt", "ast"}));
  observe("alt", 40, "U/L", "2010-07-01");  // measured but without its ULN: cannot be judged
  EXPECT_EQ(result("inc-transaminases"), "unknown");
  EXPECT_EQ(last_missing_, std::vector<std::string>{"alt.uln"});
  observe("alt", 500, "U/L", "2010-07-01", 41);
  record_.erase("organ_dysfunction_due_to_tumor");  // over the limit: only "due to tumor" could save it
  EXPECT_EQ(result("inc-transaminases"), "unknown");
  EXPECT_EQ(last_missing_, std::vector<std::string>{"organ_dysfunction_due_to_tumor"});
}

TEST_F(ScreeningTest, CreatinineLimits) {
  expect_readings("inc-creatinine", "creatinine",
                  {{2.0, "mg/dL", "pass"},
                   {176.8, "umol/L", "pass"},  // 2.0 mg/dL
                   {2.01, "mg/dL", "fail"}});
  record_["organ_dysfunction_due_to_tumor"] = true;
  EXPECT_EQ(result("inc-creatinine"), "pass");
  expect_readings("inc-creatinine", "creatinine",
                  {{265.2, "umol/L", "pass"},  // 3.0 mg/dL
                   {3.01, "mg/dL", "fail"}});
}

TEST_F(ScreeningTest, ContraceptionByChildbearingPotential) {
  record_["contraception_agreed"] = false;
  EXPECT_EQ(result("inc-contraception"), "fail");
  record_["sex"] = "male";  // any sex
  EXPECT_EQ(result("inc-contraception"), "fail");
  record_["childbearing_potential"] = false;
  EXPECT_EQ(result("inc-contraception"), "not-applicable");
  record_.erase("childbearing_potential");
  EXPECT_EQ(result("inc-contraception"), "unknown");
  record_["surgically_sterile"] = true;
  EXPECT_EQ(result("inc-contraception"), "not-applicable");
}

TEST_F(ScreeningTest, MenopauseOneYearBeforeMakesNonChildbearing) {
  record_.erase("childbearing_potential");
  record_["surgically_sterile"] = false;
  record_["menopause_date"] = "2009-07-02";  // exactly one year before
  EXPECT_EQ(result("inc-pregnancy-test"), "not-applicable");
  record_["menopause_date"] = "2009-07-03";  // less than a year: still of childbearing potential
  EXPECT_EQ(result("inc-pregnancy-test"), "pass");
}

TEST_F(ScreeningTest, ContradictoryChildbearingStatementsAreUnknown) {
  record_["childbearing_potential"] = true;
  record_["surgically_sterile"] = true;
  EXPECT_EQ(result("inc-pregnancy-test"), "unknown");
  EXPECT_NE(last_reason_.find("correct the record"), std::string::npos) << last_reason_;
}

TEST_F(ScreeningTest, PregnancyTestWithinFourteenDays) {
  observe("pregnancy_test", "negative", "", "2010-06-18");
  EXPECT_EQ(result("inc-pregnancy-test"), "pass");
  observe("pregnancy_test", "negative", "", "2010-06-17");
  EXPECT_EQ(result("inc-pregnancy-test"), "unknown");
  EXPECT_EQ(last_missing_, std::vector<std::string>{"pregnancy_test"});
  observe("pregnancy_test", "positive", "", "2010-07-01");
  EXPECT_EQ(result("inc-pregnancy-test"), "fail");
  record_["sex"] = "male";
  EXPECT_EQ(result("inc-pregnancy-test"), "not-applicable");
  record_["sex"] = "female";
  record_["childbearing_potential"] = false;
  EXPECT_EQ(result("inc-pregnancy-test"), "not-applicable");
}

TEST_F(ScreeningTest, HeartDiseaseAndEjectionFraction) {
  record_["nyha_class"] = 2;
  EXPECT_EQ(result("exc-heart-disease"), "pass");
  record_["nyha_class"] = 3;
  EXPECT_EQ(result("exc-heart-disease"), "fail");
  observe("ejection_fraction", 45, "%", "2009-01-01");  // no window: an old one still counts
  EXPECT_EQ(result("exc-ejection-fraction"), "pass");
  observe("ejection_fraction", 44.9, "%", "2010-06-20");
  EXPECT_EQ(result("exc-ejection-fraction"), "fail");
  forget("ejection_fraction");
  EXPECT_EQ(result("exc-ejection-fraction"), "unknown");
  EXPECT_EQ(last_missing_, std::vector<std::string>{"ejection_fraction"});
}

TEST_F(ScreeningTest, OtherChemotherapyGoingOn) {
  record_["therapies"][0]["end"] = nullptr;
  EXPECT_EQ(result("exc-other-chemotherapy"), "fail");
  record_["therapies"][0]["end"] = "2010-07-03";  // ends after the evaluation date: still going on
  EXPECT_EQ(result("exc-other-chemotherapy"), "fail");
  record_["therapies"][0]["end"] = "2010-07-02";
  EXPECT_EQ(result("exc-other-chemotherapy"), "pass");
  record_["therapies"][0]["end"] = nullptr;
  record_["therapies"][0]["cns_directed"] = true;  // CNS prophylaxis is permitted
  EXPECT_EQ(result("exc-other-chemotherapy"), "pass");
  record_["therapies"][0].erase("cns_directed");
  EXPECT_EQ(result("exc-other-chemotherapy"), "unknown");
  EXPECT_EQ(last_missing_, std::vector<std::string>{"therapies[0].cns_directed"});
  record_.erase("therapies");
  EXPECT_EQ(result("exc-other-chemotherapy"), "unknown");
  EXPECT_EQ(last_missing_, std::vector<std::string>{"therapies"});
}

TEST_F(ScreeningTest, WashoutOfFourteenDays) {
  record_["therapies"][0]["end"] = "2010-06-18";  // 14 days before
  EXPECT_EQ(result("exc-washout"), "pass");
  record_["therapies"][0]["end"] = "2010-06-19";  // 13 days before
  EXPECT_EQ(result("exc-washout"), "fail");
  EXPECT_NE(last_reason_.find("hyper-CVAD"), std::string::npos) << last_reason_;
  record_["therapies"][0]["end"] = nullptr;  // still going on: exc-other-chemotherapy's, not the washout's
  EXPECT_EQ(result("exc-washout"), "pass");
  EXPECT_EQ(result("exc-other-chemotherapy"), "fail");
  record_["therapies"][0]["start"] = "2010-07-05";  // a therapy that starts later is not used
  record_["therapies"][0]["end"] = "2010-07-20";
  EXPECT_EQ(result("exc-washout"), "pass");
}

TEST_F(ScreeningTest, WashoutWaivedByThePrincipalInvestigator) {
  record_["therapies"][0]["end"] = "2010-06-25";
  record_["waivers"] = Json::array({{{"criterion", "exc-washout"}, {"by", "Dr PI"}, {"date", "2010-07-01"},
                                     {"reason", "rapidly progressive disease"}}});
  auto screening = run();
  ASSERT_TRUE(screening.ok());
  const CriterionScreening& washout = criterion(*screening, "exc-washout");
  EXPECT_EQ(washout.result, CriterionResult::kWaived);
  EXPECT_NE(washout.reason.find("waived by Dr PI on 2010-07-01: rapidly progressive disease"), std::string::npos);
  EXPECT_NE(washout.reason.find("without the waiver: fail"), std::string::npos);
  EXPECT_EQ(screening->eligible, Eligibility::kYes);  // waived counts as pass
  // A waiver dated after the evaluation date is not used.
  EXPECT_EQ(result("exc-washout", "2010-06-30"), "fail");
}

TEST_F(ScreeningTest, WaiversOnlyWhereWaivable) {
  record_["waivers"] = Json::array({{{"criterion", "inc-age"}, {"by", "Dr PI"}, {"date", "2010-07-01"},
                                     {"reason", "compassionate"}}});
  auto screening = run();
  ASSERT_FALSE(screening.ok());
  EXPECT_EQ(screening.error().path, "$.waivers[0].criterion");
  EXPECT_NE(screening.error().message.find("cannot be waived (waivable: exc-washout)"), std::string::npos);
  record_["waivers"][0]["criterion"] = "exc-nonsense";
  screening = run();
  ASSERT_FALSE(screening.ok());
  EXPECT_NE(screening.error().message.find("is not a criterion of NCT01134575"), std::string::npos);
}

TEST_F(ScreeningTest, UnrecoveredToxicity) {
  record_["toxicities"][0]["grade"] = 2;
  EXPECT_EQ(result("exc-unrecovered-toxicity"), "fail");
  record_["toxicities"][0]["resolved"] = true;
  EXPECT_EQ(result("exc-unrecovered-toxicity"), "pass");
  record_["toxicities"][0].erase("resolved");
  EXPECT_EQ(result("exc-unrecovered-toxicity"), "unknown");
  record_["toxicities"][0]["grade"] = 1;
  EXPECT_EQ(result("exc-unrecovered-toxicity"), "pass");
  record_["toxicities"] = Json::array();
  EXPECT_EQ(result("exc-unrecovered-toxicity"), "pass");
}

TEST_F(ScreeningTest, RecentAllogeneicTransplantInCalendarMonths) {
  record_["transplants"][0]["date"] = "2010-03-02";  // exactly 4 months before 2010-07-02
  EXPECT_EQ(result("exc-recent-allo-sct"), "pass");
  record_["transplants"][0]["date"] = "2010-03-03";
  EXPECT_EQ(result("exc-recent-allo-sct"), "fail");
  record_["transplants"][0]["type"] = "autologous";
  EXPECT_EQ(result("exc-recent-allo-sct"), "pass");
  // 2010-06-30 minus 4 months is 2010-02-28: there is no 30 February.
  record_["transplants"][0] = {{"type", "allogeneic"}, {"date", "2010-02-28"}};
  EXPECT_EQ(result("exc-recent-allo-sct", "2010-06-30"), "pass");
  record_["transplants"][0]["date"] = "2010-03-01";
  EXPECT_EQ(result("exc-recent-allo-sct", "2010-06-30"), "fail");
  // A leap year: 2012-06-29 minus 4 months is 2012-02-29.
  record_["transplants"][0]["date"] = "2012-02-29";
  EXPECT_EQ(result("exc-recent-allo-sct", "2012-06-29"), "pass");
  record_["transplants"][0]["date"] = "2012-03-01";
  EXPECT_EQ(result("exc-recent-allo-sct", "2012-06-29"), "fail");
  record_["transplants"][0].erase("date");
  EXPECT_EQ(result("exc-recent-allo-sct"), "unknown");
}

TEST_F(ScreeningTest, PeripheralBlasts) {
  expect_readings("exc-peripheral-blasts", "peripheral_blasts",
                  {{50, "10*9/L", "pass"}, {50000, "/uL", "pass"}, {50001, "/uL", "fail"}});
  observe("peripheral_blasts", 50.1, "10*9/L", "2010-06-10");  // stale
  EXPECT_EQ(result("exc-peripheral-blasts"), "unknown");
}

TEST_F(ScreeningTest, PregnancyAndBreastfeeding) {
  record_["pregnant"] = true;
  EXPECT_EQ(result("exc-pregnancy"), "fail");
  record_["pregnant"] = false;
  record_["breastfeeding"] = true;
  EXPECT_EQ(result("exc-pregnancy"), "fail");
  record_.erase("breastfeeding");
  EXPECT_EQ(result("exc-pregnancy"), "unknown");
  EXPECT_EQ(last_missing_, std::vector<std::string>{"breastfeeding"});
  record_["sex"] = "male";  // whatever the sex: a fact not recorded is unknown, never pass
  record_["breastfeeding"] = false;
  record_.erase("pregnant");
  EXPECT_EQ(result("exc-pregnancy"), "unknown");
  record_["pregnant"] = false;
  EXPECT_EQ(result("exc-pregnancy"), "pass");
}

TEST_F(ScreeningTest, HepatitisB) {
  record_["hepatitis_b"] = true;
  EXPECT_EQ(result("exc-hepatitis-b"), "fail");
  record_.erase("hepatitis_b");
  EXPECT_EQ(result("exc-hepatitis-b"), "unknown");
}

TEST_F(ScreeningTest, VerdictIsNoOverUnknownOverYes) {
  forget("ejection_fraction");
  auto unknown = run();
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->eligible, Eligibility::kUnknown);
  record_["hepatitis_b"] = true;
  auto no = run();
  ASSERT_TRUE(no.ok());
  EXPECT_EQ(no->eligible, Eligibility::kNo);
}

TEST_F(ScreeningTest, AnEmptyRecordIsUnknownNeverPass) {
  record_ = Json::parse(R"({"id": "X"})");
  auto screening = run();
  ASSERT_TRUE(screening.ok());
  EXPECT_EQ(screening->eligible, Eligibility::kUnknown);
  for (const auto& entry : screening->criteria) {
    EXPECT_EQ(entry.result, CriterionResult::kUnknown) << entry.id << ": " << entry.reason;
    EXPECT_FALSE(entry.missing.empty()) << entry.id;
  }
}

}  // namespace
}  // namespace trialcore
