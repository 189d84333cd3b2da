// The subject domains built from PatientState values made here: what each variable holds
// for an enrolled, treated, assessed, deviating, waived, dead or screen-failed subject.
// (tests/cdisc runs the same on a record made through the command line.)
#include "sdtm/subject_domains.h"

#include <gtest/gtest.h>

#include "sdtm/sdtm_export.h"

namespace trialcore::sdtm {
namespace {

using trial::PatientState;

Date on(const char* text) { return *Date::Parse(text); }

// The value of `name` in the row of `dataset` whose `key` is `value` (the first such row).
Value cell(const Dataset& dataset, size_t row, const std::string& name) { return dataset.rows.at(row).at(dataset.column(name)); }
std::string text(const Dataset& dataset, size_t row, const std::string& name) {
  Value value = cell(dataset, row, name);
  return std::holds_alternative<std::string>(value) ? std::get<std::string>(value) : "";
}
bool missing(const Dataset& dataset, size_t row, const std::string& name) {
  return std::holds_alternative<std::monostate>(cell(dataset, row, name));
}

trial::DoseEntry dose(int64_t sequence, int course, int day, const char* drug, const char* date, double mg, double planned,
                      std::optional<int> start_minute = std::nullopt) {
  trial::DoseEntry entry;
  entry.stamp = {sequence, "nurse", "2026-11-25T09:00:00Z"};
  entry.course = course;
  entry.day = day;
  entry.drug = drug;
  entry.date = on(date);
  entry.dose_mg = mg;
  entry.planned_mg = planned;
  entry.infusion_minutes = 62;
  if (start_minute) {
    entry.start_minute = *start_minute;
    entry.start_time = (*start_minute < 600 ? "0" : "") + std::to_string(*start_minute / 60) + ":" +
                       (*start_minute % 60 < 10 ? "0" : "") + std::to_string(*start_minute % 60);
  }
  return entry;
}

class SubjectDomainsTest : public ::testing::Test {
 protected:
  SubjectDomainsTest() : terms_(*load_sdtm_terms(builtin_sdtm_terms_text(), protocol_)), study_(protocol_, terms_) {}

  // Enrolled in period 1 on 2010-07-05, two courses, a CRi adjudicated CR, a long
  // infusion explained, a bilirubin in umol/L, washout waived, died after going off study.
  Subject treated() {
    Subject subject;
    PatientState& state = subject.state;
    state.id = "P1";
    state.status = trial::PatientStatus::kOffStudy;
    state.record = Json::parse(R"({"birth_date": "1975-03-14", "sex": "female", "observations": [
        {"code": "bilirubin", "value": 13.68, "unit": "umol/L", "date": "2010-07-01"},
        {"code": "ejection_fraction", "value": 60, "unit": "%", "date": "2010-06-20"}]})");
    trial::ObservationEntry alt;
    alt.sequence = 9;
    alt.code = "alt";
    alt.date = on("2010-07-20");
    alt.entry = {{"code", "alt"}, {"value", 95}, {"unit", "U/L"}, {"uln", 41}, {"date", "2010-07-20"}};
    state.observations.push_back(alt);
    state.consent_date = on("2010-07-02");
    state.period = "period-1";
    state.enrolled_on = on("2010-07-05");
    state.screenings.push_back({4, on("2010-07-05"), "yes", protocol_.version});
    state.waivers.push_back({3, "exc-washout", "dr.lee", on("2010-07-03"), "rapidly progressive disease"});
    state.doses.push_back(dose(6, 1, 1, "inotuzumab", "2010-07-05", 2.36, 2.36, 23 * 60 + 30));
    state.doses.back().deviations.push_back({"infusion-too-long", "infused over 80 minutes"});
    state.doses.push_back(dose(8, 2, 1, "inotuzumab", "2010-08-02", 3.6, 3.27));
    state.doses.back().deviations.push_back({"dose-off", "3.60 mg given, 3.27 mg planned"});
    state.explanations.push_back({7, 6, "pump paused", "nurse"});
    state.explanations.push_back({10, 8, "physician's order", "nurse"});
    trial::AssessmentEntry marrow;
    marrow.stamp = {11, "nurse", ""};
    marrow.course = 1;
    marrow.date = on("2010-07-30");
    marrow.assessment = {{"anc", 0.8}, {"platelets", 150}, {"marrow_blasts", 2}, {"extramedullary", "absent"}};
    marrow.category = "CRi";
    state.assessments.push_back(marrow);
    state.adjudications.push_back({12, 1, "CR", "ANC recovered", "dr.lee", on("2010-08-01")});
    state.add_ons["rituximab"] = {3, "no response", "dr.lee", std::nullopt};
    state.off_study = trial::OffStudyEntry{on("2010-08-20"), "progression"};
    state.vital_status = trial::VitalStatusEntry{on("2010-12-01"), false};
    subject.screened_on = on("2010-07-05");
    subject.criteria = {{"inc-age", CriterionResult::kPass, "age 35 >= 16"},
                        {"exc-washout", CriterionResult::kWaived, "waived by dr.lee on 2010-07-03"}};
    return subject;
  }

  Subject screen_failure() {
    Subject subject;
    subject.state.id = "P2";
    subject.state.status = trial::PatientStatus::kScreened;
    subject.state.record = Json::parse(R"({"sex": "male"})");
    subject.state.consent_date = on("2010-07-02");
    subject.state.screenings.push_back({3, on("2010-07-03"), "no", protocol_.version});
    subject.screened_on = on("2010-07-03");
    subject.criteria = {{"inc-age", CriterionResult::kPass, ""},
                        {"exc-hepatitis-b", CriterionResult::kFail, "hepatitis_b is true"},
                        {"exc-pregnancy", CriterionResult::kUnknown, "pregnant not recorded"}};
    return subject;
  }

  Protocol protocol_ = *load_builtin_protocol();
  SdtmTerms terms_;
  Study study_;
};

TEST_F(SubjectDomainsTest, DemographicsArmReferenceDatesAndDeath) {
  std::vector<Dataset> dm = demographics(study_, {treated(), screen_failure()});
  const Dataset& dataset = dm[0];
  ASSERT_TRUE(check_dataset(dataset).ok());
  EXPECT_EQ(text(dataset, 0, "USUBJID"), "NCT01134575-P1");
  EXPECT_EQ(text(dataset, 0, "RFSTDTC"), "2010-07-05");
  EXPECT_EQ(text(dataset, 0, "RFENDTC"), "2010-08-02");
  EXPECT_EQ(text(dataset, 0, "RFICDTC"), "2010-07-02");
  EXPECT_EQ(text(dataset, 0, "RFPENDTC"), "2010-12-01");  // death ends participation
  EXPECT_EQ(text(dataset, 0, "DTHFL"), "Y");
  EXPECT_EQ(std::get<int64_t>(cell(dataset, 0, "AGE")), 35);
  EXPECT_EQ(text(dataset, 0, "ARMCD"), "PERIOD_1");
  EXPECT_EQ(text(dataset, 0, "ACTARMCD"), "PERIOD_1");
  EXPECT_TRUE(missing(dataset, 0, "ARMNRS"));
  EXPECT_TRUE(missing(dataset, 0, "SITEID"));  // trialcore records no site
  EXPECT_EQ(text(dataset, 1, "SEX"), "M");
  EXPECT_TRUE(missing(dataset, 1, "ARMCD"));
  EXPECT_EQ(text(dataset, 1, "ARMNRS"), "SCREEN FAILURE");
  EXPECT_TRUE(missing(dataset, 1, "AGE"));  // no birth date recorded
  ASSERT_EQ(dm[1].rows.size(), 1u);
  EXPECT_EQ(text(dm[1], 0, "QNAM"), "ADDON1");
  EXPECT_EQ(text(dm[1], 0, "QVAL"), "rituximab from course 3: no response");
}

TEST_F(SubjectDomainsTest, ExposureDaysEpochsAndTheEndOfAnInfusionPastMidnight) {
  std::vector<Dataset> ex = exposure(study_, {treated()});
  const Dataset& dataset = ex[0];
  ASSERT_TRUE(check_dataset(dataset).ok());
  ASSERT_EQ(dataset.rows.size(), 2u);
  EXPECT_EQ(text(dataset, 0, "EXSTDTC"), "2010-07-05T23:30");
  EXPECT_EQ(text(dataset, 0, "EXENDTC"), "2010-07-06T00:32");
  EXPECT_EQ(std::get<int64_t>(cell(dataset, 0, "EXENDY")), 2);
  EXPECT_EQ(text(dataset, 0, "EXDUR"), "PT62M");
  EXPECT_EQ(text(dataset, 0, "EPOCH"), "COURSE 1");
  EXPECT_EQ(text(dataset, 0, "VISIT"), "COURSE 1 DAY 1");
  EXPECT_TRUE(missing(dataset, 0, "EXADJ"));  // the amount was as planned
  EXPECT_EQ(text(dataset, 1, "EXSTDTC"), "2010-08-02");
  EXPECT_TRUE(missing(dataset, 1, "EXENDTC"));  // no start time
  EXPECT_EQ(std::get<int64_t>(cell(dataset, 1, "EXSTDY")), 29);
  EXPECT_EQ(text(dataset, 1, "EXADJ"), "physician's order");
  EXPECT_EQ(text(dataset, 1, "EPOCH"), "COURSE 2");
  EXPECT_EQ(text(ex[1], 1, "QVAL"), "3.27");  // the planned dose
}

TEST_F(SubjectDomainsTest, LaboratoryValuesInOriginalAndStandardUnits) {
  const Dataset dataset = laboratory(study_, {treated()})[0];
  ASSERT_TRUE(check_dataset(dataset).ok());
  // Bilirubin and ALT, then the assessment's ANC, platelets and marrow blasts; no ejection fraction.
  ASSERT_EQ(dataset.rows.size(), 5u);
  EXPECT_EQ(text(dataset, 0, "LBTESTCD"), "BILI");
  EXPECT_EQ(text(dataset, 0, "LBORRES"), "13.68");
  EXPECT_EQ(text(dataset, 0, "LBORRESU"), "umol/L");
  EXPECT_DOUBLE_EQ(std::get<double>(cell(dataset, 0, "LBSTRESN")), 0.8);  // 13.68 / 17.1
  EXPECT_EQ(text(dataset, 0, "LBSTRESU"), "mg/dL");
  EXPECT_EQ(std::get<int64_t>(cell(dataset, 0, "LBDY")), -4);  // four days before the first dose: no day 0
  EXPECT_EQ(text(dataset, 1, "LBORNRHI"), "41");
  EXPECT_DOUBLE_EQ(std::get<double>(cell(dataset, 1, "LBSTNRHI")), 41);
  EXPECT_EQ(text(dataset, 1, "EPOCH"), "COURSE 1");
  std::map<std::string, size_t> marrow;  // the assessment's values, by test code
  for (size_t r = 2; r < dataset.rows.size(); ++r) marrow[text(dataset, r, "LBTESTCD")] = r;
  ASSERT_EQ(marrow.size(), 3u);
  EXPECT_EQ(text(dataset, marrow.at("NEUT"), "LBSTRESU"), "10^9/L");
  EXPECT_EQ(text(dataset, marrow.at("PLAT"), "LBSPEC"), "BLOOD");
  EXPECT_EQ(text(dataset, marrow.at("BLAST"), "LBSPEC"), "BONE MARROW");
  EXPECT_EQ(text(dataset, marrow.at("BLAST"), "LBSTRESU"), "%");
}

TEST_F(SubjectDomainsTest, ResponsesTheEnginesTheInvestigatorsAndTheBest) {
  std::vector<Dataset> rs = responses(study_, {treated()});
  const Dataset& dataset = rs[0];
  ASSERT_TRUE(check_dataset(dataset).ok());
  ASSERT_EQ(dataset.rows.size(), 3u);
  EXPECT_EQ(text(dataset, 0, "RSORRES"), "CRi");
  EXPECT_EQ(text(dataset, 0, "RSDRVFL"), "Y");
  EXPECT_EQ(text(dataset, 0, "RSACPTFL"), "N");
  EXPECT_EQ(text(dataset, 1, "RSORRES"), "CR");
  EXPECT_EQ(text(dataset, 1, "RSEVAL"), "INVESTIGATOR");
  EXPECT_EQ(text(dataset, 1, "RSACPTFL"), "Y");
  EXPECT_EQ(text(dataset, 1, "RSDTC"), "2010-07-30");  // the assessment's date, not the adjudication's
  EXPECT_EQ(text(dataset, 2, "RSTESTCD"), "BESTRESP");
  EXPECT_EQ(text(dataset, 2, "RSORRES"), "CR");
}

TEST_F(SubjectDomainsTest, ExceptionsAreWaivedCriteriaForTheEnrolledAndFailedOnesForScreenFailures) {
  std::vector<Dataset> ie = eligibility_exceptions(study_, {treated(), screen_failure()});
  const Dataset& dataset = ie[0];
  ASSERT_TRUE(check_dataset(dataset).ok());
  ASSERT_EQ(dataset.rows.size(), 2u);  // unknown is not "not met"
  EXPECT_EQ(text(dataset, 0, "IETESTCD"), "EXCWASHO");
  EXPECT_EQ(text(dataset, 0, "IEORRES"), "Y");
  EXPECT_EQ(text(dataset, 1, "USUBJID"), "NCT01134575-P2");
  EXPECT_EQ(text(dataset, 1, "IETESTCD"), "EXCHEPAT");
  ASSERT_EQ(ie[1].rows.size(), 1u);
  EXPECT_EQ(text(ie[1], 0, "QVAL"), "waived by dr.lee on 2010-07-03: rapidly progressive disease");
}

TEST_F(SubjectDomainsTest, DispositionAndDeviationsInDateOrder) {
  Dataset ds = disposition(study_, {treated(), screen_failure()})[0];
  ASSERT_TRUE(check_dataset(ds).ok());
  std::vector<std::string> terms;
  for (size_t r = 0; r < ds.rows.size(); ++r) terms.push_back(text(ds, r, "DSTERM") + "/" + text(ds, r, "EPOCH"));
  EXPECT_EQ(terms, (std::vector<std::string>{"INFORMED CONSENT OBTAINED/SCREENING", "ENROLLED/SCREENING", "progression/COURSE 2",
                                             "DEATH/FOLLOW-UP", "INFORMED CONSENT OBTAINED/SCREENING",
                                             "SCREEN FAILURE/SCREENING"}));
  EXPECT_TRUE(missing(ds, 2, "DSDECOD"));  // a reason in words is for a data manager to code
  EXPECT_EQ(std::get<int64_t>(cell(ds, 5, "DSSEQ")), 2);  // counted for each subject

  std::vector<Dataset> dv = deviations(study_, {treated()});
  ASSERT_TRUE(check_dataset(dv[0]).ok());
  ASSERT_EQ(dv[0].rows.size(), 3u);
  EXPECT_EQ(text(dv[0], 0, "DVDECOD"), "INFUSION TOO LONG");
  EXPECT_EQ(text(dv[0], 0, "DVSPID"), "EVENT 6");
  EXPECT_EQ(text(dv[0], 1, "DVDECOD"), "ELIGIBILITY CRITERION WAIVED");
  EXPECT_EQ(text(dv[0], 2, "DVDECOD"), "DOSE OFF");
  ASSERT_EQ(dv[1].rows.size(), 2u);
  EXPECT_EQ(text(dv[1], 0, "IDVARVAL"), "1");
  EXPECT_EQ(text(dv[1], 0, "QVAL"), "pump paused");
  EXPECT_EQ(text(dv[1], 1, "IDVARVAL"), "3");
}

TEST_F(SubjectDomainsTest, AllDatasetsLeaveOutTheEmptyOnes) {
  auto datasets = sdtm_datasets(protocol_, terms_, {screen_failure()});
  ASSERT_TRUE(datasets.ok()) << datasets.error().to_string();
  std::vector<std::string> names;
  for (const Dataset& dataset : *datasets) names.push_back(dataset.name);
  EXPECT_EQ(names, (std::vector<std::string>{"TA", "TE", "TV", "TI", "TS", "DM", "DS", "IE"}));
}

TEST(SdtmTermsTest, TheTermsFileMustCoverTheProtocolAndUseSdtmsShapes) {
  Protocol protocol = *load_builtin_protocol();
  Json terms = Json::parse(builtin_sdtm_terms_text());
  ASSERT_TRUE(load_sdtm_terms(terms.dump(), protocol).ok());
  Json missing_test = terms;
  missing_test["tests"].erase("creatinine");
  auto refused = load_sdtm_terms(missing_test.dump(), protocol);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().path, "$.tests");
  EXPECT_NE(refused.error().message.find("'creatinine'"), std::string::npos);
  Json long_code = terms;
  long_code["tests"]["alt"]["testcd"] = "ALANINEAMINO";
  EXPECT_EQ(load_sdtm_terms(long_code.dump(), protocol).error().path, "$.tests.alt.testcd");
  Json unknown = terms;
  unknown["tests"]["sodium"] = terms["tests"]["alt"];
  EXPECT_EQ(load_sdtm_terms(unknown.dump(), protocol).error().path, "$.tests.sodium");
  Json misspelt = terms;
  misspelt["unit"] = Json::object();
  EXPECT_EQ(load_sdtm_terms(misspelt.dump(), protocol).error().path, "$.unit");
}

TEST(RecordedScreeningTest, ReadsEachCriterionsResultAndNamesWhatDoesNotRead) {
  auto criteria = recorded_criteria(Json::parse(R"({"criteria": [{"id": "inc-age", "result": "waived", "reason": "r"}]})"));
  ASSERT_TRUE(criteria.ok());
  EXPECT_EQ((*criteria)[0].result, CriterionResult::kWaived);
  auto wrong = recorded_criteria(Json::parse(R"({"criteria": [{"id": "inc-age", "result": "maybe"}]})"));
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().path, "$.screening.criteria[0].result");
}

}  // namespace
}  // namespace trialcore::sdtm
