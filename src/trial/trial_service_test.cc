// The workflow on both backends: every kind of event, every refusal, corrections, and the
// projections rebuilt from the log equal to the live ones.
#include "trial/trial_service.h"

#include "store/verify.h"
#include "trial/test_trial.h"

namespace trialcore::trial {
namespace {

using testing::eligible_record;
using testing::kCoordinator;
using testing::kInvestigator;
using testing::refusal;
using testing::TrialTest;

std::string joined(const std::vector<std::string>& reasons) {
  std::string text;
  for (const std::string& reason : reasons) text += reason + "\n";
  return text;
}

// The reasons a refusal gives, one a line; "accepted" when there was none.
template <class Answer>
std::string refused_reasons(const Answer& answer) {
  return answer.ok() ? "accepted" : joined(answer.error().reasons);
}

TEST_P(TrialTest, EnrollsAnEligiblePatientInTheOpenPeriod) {
  ASSERT_TRUE(service_->register_patient(kCoordinator, eligible_record("P1")).ok());
  auto screened = service_->screen(kCoordinator, "P1", Date(2010, 7, 2));
  ASSERT_TRUE(screened.ok()) << screened.error().to_string();
  EXPECT_EQ(screened->screening.eligible, Eligibility::kYes);
  EXPECT_EQ(screened->event.payload["protocol_version"], protocol_->version);
  ASSERT_TRUE(service_->sign_consent(kCoordinator, "P1", Date(2010, 7, 2)).ok());
  auto enrolled = service_->enroll(kCoordinator, "P1", Date(2010, 7, 5));
  ASSERT_TRUE(enrolled.ok()) << enrolled.error().to_string() << joined(enrolled.error().reasons);
  EXPECT_EQ(enrolled->period, "period-1");
  auto patient = service_->patient("P1");
  ASSERT_TRUE(patient.ok());
  EXPECT_EQ((*patient)["status"], "enrolled");
  EXPECT_EQ((*patient)["enrolled_on"], "2010-07-05");
  ASSERT_EQ((*patient)["body"].size(), 1u);  // the record's height and weight, measured at enrollment
  EXPECT_EQ((*patient)["body"][0]["height_cm"], 170.0);
  EXPECT_EQ((*patient)["screenings"].size(), 2u);
}

TEST_P(TrialTest, EnrollmentRefusesAndSaysWhyWritingNothing) {
  Json record = eligible_record("P2");
  record["hepatitis_b"] = true;
  record["observations"].erase(5);  // no ejection fraction
  ASSERT_TRUE(service_->register_patient(kCoordinator, record).ok());
  int64_t before = event_count();
  auto refused = service_->enroll(kCoordinator, "P2", Date(2010, 7, 5));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kRefused);
  std::string reasons = joined(refused.error().reasons);
  EXPECT_NE(reasons.find("consent: no consent signed on or before 2010-07-05"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("exc-hepatitis-b: fail"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("exc-ejection-fraction: unknown, no ejection_fraction recorded (obtain: ejection_fraction)"),
            std::string::npos)
      << reasons;
  EXPECT_EQ(event_count(), before);
  // No period is open before the study starts.
  ASSERT_NO_FATAL_FAILURE(consented(eligible_record("P3"), Date(2010, 5, 1)));
  std::string early = refused_reasons(service_->enroll(kCoordinator, "P3", Date(2010, 5, 2)));
  EXPECT_NE(early.find("period: no period of the protocol is open on 2010-05-02"), std::string::npos) << early;
}

TEST_P(TrialTest, AWaivedWashoutAllowsEnrollment) {
  Json record = eligible_record("P4");
  record["therapies"][0]["end"] = "2010-06-28";
  ASSERT_NO_FATAL_FAILURE(consented(record, Date(2010, 7, 2)));
  std::string refused = refused_reasons(service_->enroll(kCoordinator, "P4", Date(2010, 7, 5)));
  EXPECT_NE(refused.find("exc-washout: fail"), std::string::npos) << refused;
  auto not_waivable = service_->grant_waiver(kInvestigator, "P4", "inc-age", Date(2010, 7, 3), "why not");
  ASSERT_FALSE(not_waivable.ok());
  EXPECT_EQ(not_waivable.error().kind, ErrorKind::kBadInput);
  ASSERT_TRUE(service_->grant_waiver(kInvestigator, "P4", "exc-washout", Date(2010, 7, 3), "rapidly progressive disease").ok());
  auto enrolled = service_->enroll(kCoordinator, "P4", Date(2010, 7, 5));
  ASSERT_TRUE(enrolled.ok()) << joined(enrolled.error().reasons);
  for (const CriterionScreening& criterion : enrolled->screening.criteria) {
    if (criterion.id == "exc-washout") {
      EXPECT_EQ(criterion.result, CriterionResult::kWaived);
    }
  }
}

TEST_P(TrialTest, ThePediatricGateReadsTheTrialsRecord) {
  Json child = eligible_record("CHILD");
  child["birth_date"] = "1996-01-01";
  ASSERT_NO_FATAL_FAILURE(consented(child, Date(2010, 7, 2)));
  for (int i = 0; i < 10; ++i) {
    std::string id = "ADULT-" + std::to_string(i);
    ASSERT_NO_FATAL_FAILURE(enroll(id, eligible_record(id)));
    if (i < 9) {
      ASSERT_TRUE(service_->record_dose(kCoordinator, id, dose(1, 1, "inotuzumab", "2010-07-05", 2.36)).ok());
    }
  }
  std::string closed = refused_reasons(service_->enroll(kCoordinator, "CHILD", Date(2010, 7, 6)));
  EXPECT_NE(closed.find("inc-age: fail, age 14 < 16; adults_treated 9 < 10"), std::string::npos) << closed;
  ASSERT_TRUE(service_->record_dose(kCoordinator, "ADULT-9", dose(1, 1, "inotuzumab", "2010-07-05", 2.36)).ok());
  auto open = service_->enroll(kCoordinator, "CHILD", Date(2010, 7, 6));
  ASSERT_TRUE(open.ok()) << joined(open.error().reasons);
  auto facts = service_->trial_facts(Date(2010, 7, 6));
  EXPECT_EQ(facts->at("adults_treated").number(), 10);
}

// The contract's example with every date moved a year later, eligible in July 2011.
Json record_a_year_later(const std::string& id) {
  std::string text = eligible_record(id).dump();
  for (size_t at = text.find("\"2010-"); at != std::string::npos; at = text.find("\"2010-", at)) text.replace(at, 6, "\"2011-");
  return Json::parse(text);
}

// A screening as of a past date sees the trial as it stood that day: adults treated later
// do not open the gate.
TEST_P(TrialTest, ThePediatricGateCountsOnlyAdultsTreatedByTheScreeningDate) {
  for (int i = 0; i < 10; ++i) {
    std::string id = "ADULT-" + std::to_string(i);
    ASSERT_NO_FATAL_FAILURE(consented(record_a_year_later(id), Date(2011, 7, 2)));
    auto enrolled = service_->enroll(kCoordinator, id, Date(2011, 7, 5));
    ASSERT_TRUE(enrolled.ok()) << enrolled.error().to_string() << joined(enrolled.error().reasons);
    auto given = service_->record_dose(kCoordinator, id, dose(1, 1, "inotuzumab", "2011-07-05", 2.36));
    ASSERT_TRUE(given.ok()) << given.error().to_string();
  }
  Json child = eligible_record("CHILD");
  child["birth_date"] = "1998-01-01";  // 12 in July 2010
  ASSERT_TRUE(service_->register_patient(kCoordinator, child).ok());
  auto then = service_->screen(kCoordinator, "CHILD", Date(2010, 7, 6));
  ASSERT_TRUE(then.ok()) << then.error().to_string();
  for (const CriterionScreening& criterion : then->screening.criteria) {
    if (criterion.id != "inc-age") continue;
    EXPECT_EQ(criterion.result, CriterionResult::kFail);
    EXPECT_NE(criterion.reason.find("adults_treated 0 < 10"), std::string::npos) << criterion.reason;
  }
  EXPECT_EQ(service_->trial_facts(Date(2010, 7, 6))->at("adults_treated").number(), 0);
  EXPECT_EQ(service_->trial_facts(Date(2011, 7, 4))->at("adults_treated").number(), 0);
  EXPECT_EQ(service_->trial_facts(Date(2011, 7, 5))->at("adults_treated").number(), 10);
}

// The report as of a past date equals the report printed that day: enrollments, doses,
// assessments and deaths after it are left out.
TEST_P(TrialTest, AReportAsOfAPastDateLeavesOutWhatHappenedAfterIt) {
  enroll("EARLY", eligible_record("EARLY"));
  ASSERT_TRUE(service_->record_dose(kCoordinator, "EARLY", dose(1, 1, "inotuzumab", "2010-07-05", 2.36)).ok());
  Json complete = {{"anc", 1.5}, {"platelets", 150}, {"marrow_blasts", 2}, {"baseline_marrow_blasts", 60},
                   {"extramedullary", "absent"}};
  auto marrow = service_->record_marrow(kCoordinator, "EARLY", 1, Date(2010, 8, 1), complete);
  ASSERT_TRUE(marrow.ok()) << marrow.error().to_string();
  ASSERT_EQ(marrow->response.category, "CR");
  ASSERT_TRUE(service_->record_vital_status(kCoordinator, "EARLY", Date(2010, 9, 20), false).ok());
  ASSERT_NO_FATAL_FAILURE(consented(eligible_record("LATER"), Date(2010, 7, 2)));
  ASSERT_TRUE(service_->enroll(kCoordinator, "LATER", Date(2010, 7, 12)).ok());
  ASSERT_TRUE(service_->record_dose(kCoordinator, "LATER", dose(1, 1, "inotuzumab", "2010-07-12", 2.36)).ok());

  auto before = service_->report(Date(2010, 7, 8));
  ASSERT_TRUE(before.ok()) << before.error().to_string();
  EXPECT_EQ(before->enrolled, 1);
  EXPECT_EQ(before->overall.treated, 1);
  EXPECT_EQ(before->overall.responders, 0);
  EXPECT_EQ(before->overall.best.at("NE"), 1);  // treated, not assessed yet
  ASSERT_FALSE(before->survival.empty());
  EXPECT_EQ(before->survival.back().curve.events, 0);

  auto after = service_->report(Date(2010, 10, 1));
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->enrolled, 2);
  EXPECT_EQ(after->overall.treated, 2);
  EXPECT_EQ(after->overall.responders, 1);
  EXPECT_EQ(after->survival.back().curve.events, 1);
}

// Rituximab started in periods 1-2 before the signal that proposes it: the investigator
// may, and the record shows it as an override with the reason, in the history and the calendar.
TEST_P(TrialTest, AnAddOnStartedBeforeItsSignalIsAnOverride) {
  enroll("P1", eligible_record("P1"));
  ASSERT_TRUE(service_->record_dose(kCoordinator, "P1", dose(1, 1, "inotuzumab", "2010-07-05", 2.36)).ok());
  auto started = service_->start_add_on(kInvestigator, "P1", "rituximab", 2, "CD20 strongly positive");
  ASSERT_TRUE(started.ok()) << started.error().to_string();
  EXPECT_EQ(started->event.payload["override"]["signal"], "consider-rituximab");
  EXPECT_EQ(started->event.reason, "CD20 strongly positive");
  auto history = service_->history("P1");
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->back().payload["override"]["signal"], "consider-rituximab");
  auto calendar = service_->calendar("P1", Date(2010, 7, 20));
  ASSERT_TRUE(calendar.ok());
  ASSERT_EQ((*calendar)["add_ons"].size(), 1u);
  EXPECT_EQ((*calendar)["add_ons"][0]["add_on"], "rituximab");
  EXPECT_EQ((*calendar)["add_ons"][0]["override_of"], "consider-rituximab");
  EXPECT_EQ((*calendar)["add_ons"][0]["reason"], "CD20 strongly positive");
}

TEST_P(TrialTest, TheAccrualTargetHolds) {
  Json document = Json::parse(protocol_->document.dump());
  document["rules"]["accrual_target"] = 2;
  store_.reset();
  auto amended = load_protocol(document.dump(), "test");
  ASSERT_TRUE(amended.ok()) << amended.error().to_string();
  ASSERT_NO_FATAL_FAILURE(open(std::move(*amended)));
  ASSERT_NO_FATAL_FAILURE(enroll("A", eligible_record("A")));
  ASSERT_NO_FATAL_FAILURE(enroll("B", eligible_record("B")));
  ASSERT_NO_FATAL_FAILURE(consented(eligible_record("C"), Date(2010, 7, 2)));
  std::string third = refused_reasons(service_->enroll(kCoordinator, "C", Date(2010, 7, 5)));
  EXPECT_NE(third.find("accrual: the target of 2 patients is reached"), std::string::npos) << third;
}

TEST_P(TrialTest, PeriodsOpenInOrderAndAssignEnrollments) {
  ASSERT_TRUE(service_->open_period(kInvestigator, "period-2", Date(2010, 9, 1)).ok());
  EXPECT_EQ(**service_->open_period_on(Date(2010, 8, 31)), "period-1");
  EXPECT_EQ(**service_->open_period_on(Date(2010, 9, 1)), "period-2");
  EXPECT_EQ(refusal(service_->open_period(kInvestigator, "period-2", Date(2010, 9, 2))),
            "period-2 was opened already");
  ASSERT_TRUE(service_->open_period(kInvestigator, "period-3", Date(2011, 1, 1)).ok());
  auto back = service_->open_period(kInvestigator, "period-1", Date(2011, 2, 1));
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().kind, ErrorKind::kRefused);
  ASSERT_TRUE(service_->register_patient(kCoordinator, eligible_record("LATE")).ok());
  // Screened again on enrollment: labs of 2010-07 are stale by 2011, so update them.
  for (const char* code : {"bilirubin", "alt", "ast", "creatinine", "peripheral_blasts"}) {
    Json observation = {{"code", code}, {"value", 1}, {"date", "2011-01-10"}};
    observation["unit"] = std::string(code) == "peripheral_blasts" ? "10*9/L" : (std::string(code) == "alt" || std::string(code) == "ast") ? "U/L" : "mg/dL";
    if (std::string(code) == "alt" || std::string(code) == "ast") observation["uln"] = 40;
    ASSERT_TRUE(service_->record_observation(kCoordinator, "LATE", observation).ok());
  }
  ASSERT_TRUE(service_->record_observation(kCoordinator, "LATE", {{"code", "pregnancy_test"}, {"value", "negative"}, {"date", "2011-01-10"}}).ok());
  ASSERT_TRUE(service_->sign_consent(kCoordinator, "LATE", Date(2011, 1, 10)).ok());
  auto enrolled = service_->enroll(kCoordinator, "LATE", Date(2011, 1, 12));
  ASSERT_TRUE(enrolled.ok()) << joined(enrolled.error().reasons);
  EXPECT_EQ(enrolled->period, "period-3");
}

TEST_P(TrialTest, DosesOnAndOffThePlan) {
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  auto on_plan = service_->record_dose(kCoordinator, "P1", dose(1, 1, "inotuzumab", "2010-07-05", 2.36));
  ASSERT_TRUE(on_plan.ok()) << on_plan.error().to_string();
  EXPECT_TRUE(on_plan->deviations.empty());
  EXPECT_DOUBLE_EQ(on_plan->planned_mg, 2.36);
  // Course 2 twenty days later, with a wrong dose and a short infusion: the dose beyond the
  // tolerance asks for a confirmation first, writing nothing; confirmed, it is recorded, and open.
  DoseInput wrong = dose(2, 1, "inotuzumab", "2010-07-25", 3.6, 50);
  int64_t unconfirmed_before = event_count();
  auto unconfirmed = service_->record_dose(kCoordinator, "P1", wrong);
  ASSERT_FALSE(unconfirmed.ok());
  EXPECT_EQ(unconfirmed.error().kind, ErrorKind::kRefused);
  EXPECT_EQ(unconfirmed.error().path, "$.dose_mg");
  ASSERT_EQ(unconfirmed.error().to_confirm.size(), 1u);
  EXPECT_EQ(unconfirmed.error().to_confirm[0].check, "dose-tolerance");
  EXPECT_EQ(event_count(), unconfirmed_before);
  wrong.confirm = {"dose-tolerance"};
  auto off_plan = service_->record_dose(kCoordinator, "P1", wrong);
  ASSERT_TRUE(off_plan.ok()) << off_plan.error().to_string();
  auto history = service_->history("P1");
  EXPECT_EQ(history->back().payload["confirmed"][0]["check"], "dose-tolerance");
  std::vector<std::string> kinds;
  for (const auto& deviation : off_plan->deviations) kinds.push_back(deviation.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"early-course-start", "dose-off", "infusion-too-short"}));
  auto patient = service_->patient("P1");
  EXPECT_EQ((*patient)["derived"]["open_deviations"], Json::array({off_plan->event.sequence}));
  ASSERT_TRUE(service_->explain_deviation(kCoordinator, "P1", off_plan->event.sequence, "physician's order").ok());
  EXPECT_TRUE(service_->patient("P1")->at("derived")["open_deviations"].empty());
  EXPECT_EQ(refusal(service_->explain_deviation(kCoordinator, "P1", on_plan->event.sequence, "nothing to explain")),
            "$.dose_sequence: event " + std::to_string(on_plan->event.sequence) +
                " is not a dose of P1 with deviations");
  // Bad input writes nothing.
  int64_t before = event_count();
  EXPECT_EQ(service_->record_dose(kCoordinator, "P1", dose(3, 1, "aspirin", "2010-08-30", 1)).error().path, "$.drug");
  EXPECT_EQ(service_->record_dose(kCoordinator, "P1", dose(3, 1, "inotuzumab", "2010-06-30", 3.27)).error().path, "$.date");
  EXPECT_EQ(service_->record_dose(kCoordinator, "NOBODY", dose(1, 1, "inotuzumab", "2010-07-05", 1)).error().kind,
            ErrorKind::kNotFound);
  EXPECT_EQ(event_count(), before);
}

TEST_P(TrialTest, APharmacistVerifiesADoseAgainstThePlan) {
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  auto verified = service_->verify_dose(kCoordinator, "P1", 1, 1, "inotuzumab", 2.36);
  ASSERT_TRUE(verified.ok()) << verified.error().to_string();
  EXPECT_DOUBLE_EQ(verified->planned_mg, 2.36);
  auto wrong = service_->verify_dose(kCoordinator, "P1", 1, 1, "inotuzumab", 2.6);
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(joined(wrong.error().reasons).find("2.60 mg is 10.2% over the planned 2.36 mg"), std::string::npos)
      << joined(wrong.error().reasons);
  // A new weight before course 2 changes course 2's dose: 1.8 mg/m2 x sqrt(170 x 60 / 3600).
  ASSERT_TRUE(service_->record_dose(kCoordinator, "P1", dose(1, 1, "inotuzumab", "2010-07-05", 2.36)).ok());
  ASSERT_TRUE(service_->record_body(kCoordinator, "P1", Date(2010, 7, 30), 170, 60).ok());
  auto course2 = service_->verify_dose(kCoordinator, "P1", 2, 1, "inotuzumab", 3.03);
  ASSERT_TRUE(course2.ok()) << course2.error().to_string() << joined(course2.error().reasons);
  EXPECT_DOUBLE_EQ(course2->planned_mg, 3.03);
}

TEST_P(TrialTest, ResponseSignalsAndAdjudication) {
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  Json no_response = {{"anc", 1.5}, {"platelets", 150}, {"marrow_blasts", 60}, {"baseline_marrow_blasts", 70},
                      {"extramedullary", "absent"}};
  ASSERT_TRUE(service_->record_dose(kCoordinator, "P1", dose(1, 1, "inotuzumab", "2010-07-05", 2.36)).ok());
  auto first = service_->record_marrow(kCoordinator, "P1", 1, Date(2010, 7, 30), no_response);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->response.category, "NR");
  EXPECT_TRUE(service_->patient("P1")->at("derived")["signals"].empty());  // after course 1: not yet
  ASSERT_TRUE(service_->record_dose(kCoordinator, "P1", dose(2, 1, "inotuzumab", "2010-08-02", 3.27)).ok());
  Json derived = service_->patient("P1")->at("derived");
  ASSERT_EQ(derived["signals"].size(), 1u);
  EXPECT_EQ(derived["signals"][0]["id"], "consider-rituximab");
  EXPECT_EQ(refusal(service_->start_add_on(kInvestigator, "P1", "rituximab", 2, "no response")),
            "course 2 is already given; start from course 3 or later");
  auto answered = service_->start_add_on(kInvestigator, "P1", "rituximab", 3, "no response after 2 courses");
  ASSERT_TRUE(answered.ok());
  EXPECT_FALSE(answered->event.payload.contains("override"));  // it answers the signal
  EXPECT_TRUE(service_->patient("P1")->at("derived")["signals"].empty());
  // Course 3 now has rituximab before InO.
  auto rituximab = service_->record_dose(kCoordinator, "P1", dose(3, 1, "rituximab", "2010-08-30", 681.79, 240));
  ASSERT_TRUE(rituximab.ok());
  EXPECT_TRUE(rituximab->deviations.empty());
  // A CRi after course 3; the investigator adjudicates it a CR.
  Json cri = {{"anc", 0.8}, {"platelets", 150}, {"marrow_blasts", 2}, {"extramedullary", "absent"}};
  ASSERT_EQ(service_->record_marrow(kCoordinator, "P1", 3, Date(2010, 9, 25), cri)->response.category, "CRi");
  EXPECT_EQ(service_->patient("P1")->at("derived")["best_response"]["category"], "CRi");
  EXPECT_EQ(refusal(service_->adjudicate(kInvestigator, "P1", 3, "XR", "typo")),
            "$.category: 'XR' is not a response category (CR, CRi, PR, NR, NE)");
  EXPECT_EQ(refusal(service_->adjudicate(kInvestigator, "P1", 5, "CR", "no marrow for course 5")),
            "course 5 of P1 has no marrow assessment to adjudicate");
  ASSERT_TRUE(service_->adjudicate(kInvestigator, "P1", 3, "CR", "ANC recovered on the repeat count").ok());
  Json best = service_->patient("P1")->at("derived")["best_response"];
  EXPECT_EQ(best["category"], "CR");
  EXPECT_EQ(best["course"], 3);
}

TEST_P(TrialTest, OffStudyEndsTheRecording) {
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  ASSERT_TRUE(service_->take_off_study(kCoordinator, "P1", Date(2010, 8, 1), "withdrew consent").ok());
  auto dose_after = service_->record_dose(kCoordinator, "P1", dose(1, 1, "inotuzumab", "2010-08-02", 2.36));
  ASSERT_FALSE(dose_after.ok());
  EXPECT_EQ(dose_after.error().kind, ErrorKind::kRefused);
  EXPECT_EQ(refusal(service_->take_off_study(kCoordinator, "P1", Date(2010, 8, 2), "again")),
            "P1 went off study on 2010-08-01: nothing more is recorded");
  ASSERT_TRUE(service_->record_vital_status(kCoordinator, "P1", Date(2011, 1, 1), false).ok());
  EXPECT_EQ(service_->patient("P1")->at("status"), "off-study");
}

TEST_P(TrialTest, CorrectionsReplaceContentAndKeepTheOriginal) {
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  DoseInput mistyped = dose(1, 1, "inotuzumab", "2010-07-05", 3.6);
  mistyped.confirm = {"dose-tolerance"};
  auto given = service_->record_dose(kCoordinator, "P1", mistyped);
  ASSERT_TRUE(given.ok());
  EXPECT_FALSE(given->deviations.empty());
  Json corrected_input = {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", "2010-07-05"},
                          {"dose_mg", 2.36}, {"infusion_minutes", 62}};
  EXPECT_EQ(refusal(service_->correct(kCoordinator, given->event.sequence, "", corrected_input)),
            "$.reason: a correction says why");
  auto correction = service_->correct(kCoordinator, given->event.sequence, "2.36 mg was given; 3.6 was mistyped", corrected_input);
  ASSERT_TRUE(correction.ok()) << correction.error().to_string();
  EXPECT_EQ(correction->event.corrects, given->event.sequence);
  Json patient = *service_->patient("P1");
  ASSERT_EQ(patient["doses"].size(), 1u);
  EXPECT_EQ(patient["doses"][0]["dose_mg"], 2.36);
  EXPECT_TRUE(patient["doses"][0]["deviations"].empty());  // checked again as corrected
  EXPECT_EQ(patient["corrections"].size(), 1u);
  auto history = service_->history("P1");
  EXPECT_EQ(history->at(history->size() - 2).payload["dose_mg"], 3.6);  // the original stays in the log
  // Some events are not corrected but followed by new ones.
  auto enrollment = std::find_if(history->begin(), history->end(), [](const auto& e) { return e.kind == "patient-enrolled"; });
  EXPECT_EQ(refusal(service_->correct(kCoordinator, enrollment->sequence, "wrong period", Json::object())),
            "$.corrects: a patient-enrolled event cannot be corrected: record a new event instead");
}

TEST_P(TrialTest, EveryEventKindRebuildsToTheLiveProjection) {
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  ASSERT_TRUE(service_->record_observation(kCoordinator, "P1", {{"code", "anc"}, {"value", 1.1}, {"unit", "10*9/L"}, {"date", "2010-07-04"}}).ok());
  ASSERT_TRUE(service_->record_body(kCoordinator, "P1", Date(2010, 7, 4), 170, 69).ok());
  ASSERT_TRUE(service_->verify_dose(kCoordinator, "P1", 1, 1, "inotuzumab", 2.34).ok());
  auto given = service_->record_dose(kCoordinator, "P1", dose(1, 1, "inotuzumab", "2010-07-05", 2.34, 80));
  ASSERT_TRUE(given.ok());
  ASSERT_TRUE(service_->explain_deviation(kCoordinator, "P1", given->event.sequence, "pump alarm").ok());
  ASSERT_TRUE(service_->record_marrow(kCoordinator, "P1", 1, Date(2010, 7, 30), {{"anc", 1.5}, {"platelets", 150}, {"marrow_blasts", 3}, {"extramedullary", "absent"}}).ok());
  ASSERT_TRUE(service_->adjudicate(kInvestigator, "P1", 1, "CRi", "platelet transfusion the day before").ok());
  ASSERT_TRUE(service_->amend_record(kCoordinator, "P1", eligible_record("P1"), "updated history").ok());
  ASSERT_TRUE(service_->open_period(kInvestigator, "period-2", Date(2010, 9, 1)).ok());
  ASSERT_TRUE(service_->close_period(kInvestigator, "period-2", Date(2010, 12, 1)).ok());
  ASSERT_TRUE(service_->correct(kCoordinator, given->event.sequence, "infusion was 70 minutes",
                                {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", "2010-07-05"}, {"dose_mg", 2.34}, {"infusion_minutes", 70}}).ok());
  ASSERT_TRUE(service_->record_vital_status(kCoordinator, "P1", Date(2011, 1, 1), true).ok());
  ASSERT_TRUE(service_->take_off_study(kCoordinator, "P1", Date(2011, 1, 2), "completed 8 courses").ok());
  auto verified = store::verify_store(*store_, projector_);
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->problem;
  auto live = store_->all_rows();
  auto rebuilt = store::derive_projections(*store_, projector_);
  EXPECT_EQ(*rebuilt, *live);
}

// A weight recorded late, dated before course 4's day 1 but entered after course 4's dose
// was given, re-plans only what is not given yet: course 4's planned mg, its deviations
// (none) and the patient's state stay as they were when the dose was recorded.
TEST_P(TrialTest, ALateWeightDoesNotReplanADoseAlreadyGiven) {
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  const char* days1[] = {"2010-07-05", "2010-08-02", "2010-08-30", "2010-09-27"};
  double planned[4] = {};
  for (int course = 1; course <= 4; ++course) {
    Date day1 = *Date::Parse(days1[course - 1]);
    auto calendar = service_->calendar("P1", day1);
    ASSERT_TRUE(calendar.ok()) << calendar.error().to_string();
    const Json& next = (*calendar)["courses"].back();
    ASSERT_EQ(next["course"], course);
    planned[course - 1] = next["doses"][0]["dose_mg"].get<double>();
    auto given = service_->record_dose(kCoordinator, "P1", dose(course, 1, "inotuzumab", days1[course - 1], planned[course - 1]));
    ASSERT_TRUE(given.ok()) << given.error().to_string();
    ASSERT_TRUE(given->deviations.empty()) << "course " << course;
  }
  Json before = *service_->calendar("P1", Date(2010, 10, 1));
  // Weighed on 2010-09-20, a week before course 4, entered on the 28th: 3 kg more.
  ASSERT_TRUE(service_->record_body(kCoordinator, "P1", Date(2010, 9, 20), 170, 73).ok());
  Json after = *service_->calendar("P1", Date(2010, 10, 1));
  const Json& course4 = after["courses"][3];
  ASSERT_EQ(course4["course"], 4);
  EXPECT_EQ(course4["doses"][0]["dose_mg"], planned[3]) << "the planned mg of the dose given";
  EXPECT_EQ(course4["doses"][0]["status"], "given");
  EXPECT_EQ(course4["doses"][0]["given"]["planned_mg"], planned[3]);
  EXPECT_EQ(course4["weight_kg"], 70) << "planned from what was known when it was given";
  EXPECT_EQ(after["deviations"], Json::array());
  EXPECT_EQ(after["courses"][3], before["courses"][3]);
  // The next course is planned from the new weight.
  const Json& course5 = after["courses"][4];
  EXPECT_EQ(course5["next"], true);
  EXPECT_EQ(course5["weight_kg"], 73);
  EXPECT_GT(course5["doses"][0]["dose_mg"].get<double>(), before["courses"][4]["doses"][0]["dose_mg"].get<double>());
  // The patient's state: the dose's planned mg, no deviation open.
  Json patient = *service_->patient("P1");
  EXPECT_EQ(patient["doses"][3]["planned_mg"], planned[3]);
  EXPECT_EQ(patient["derived"]["open_deviations"], Json::array());
  // The dose of course 5, at the new plan, is on plan.
  auto fifth = service_->record_dose(kCoordinator, "P1", dose(5, 1, "inotuzumab", "2010-10-25", course5["doses"][0]["dose_mg"].get<double>()));
  ASSERT_TRUE(fifth.ok()) << fifth.error().to_string();
  EXPECT_TRUE(fifth->deviations.empty());
  EXPECT_EQ(service_->calendar("P1", Date(2010, 10, 26))->at("courses")[3], before["courses"][3]);
}

// A clinical date after the actor's today is refused, naming the field, nothing written.
TEST_P(TrialTest, AClinicalDateAfterTodayIsRefused) {
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  Actor nurse = kCoordinator;
  nurse.today = Date(2010, 7, 20);
  int64_t before = event_count();
  EXPECT_EQ(service_->record_body(nurse, "P1", Date(2010, 7, 21), 170, 70).error().path, "$.date");
  EXPECT_EQ(service_->record_observation(nurse, "P1", {{"code", "alt"}, {"value", 30}, {"unit", "U/L"}, {"uln", 40}, {"date", "2030-01-01"}}).error().path,
            "$.date");
  EXPECT_EQ(service_->record_dose(nurse, "P1", dose(1, 1, "inotuzumab", "2027-07-05", 2.36)).error().path, "$.date");
  EXPECT_EQ(service_->record_marrow(nurse, "P1", 1, Date(2010, 7, 21), {{"anc", 1.0}}).error().path, "$.date");
  EXPECT_EQ(service_->sign_consent(nurse, "P1", Date(2010, 7, 21)).error().path, "$.date");
  EXPECT_EQ(service_->screen(nurse, "P1", Date(2010, 7, 21)).error().path, "$.date");
  EXPECT_EQ(service_->record_vital_status(nurse, "P1", Date(2010, 7, 21), true).error().path, "$.date");
  EXPECT_EQ(service_->take_off_study(nurse, "P1", Date(2010, 7, 21), "withdrew").error().path, "$.date");
  EXPECT_EQ(service_->record_transplant(nurse, "P1", Date(2010, 7, 21), std::nullopt, std::nullopt).error().path, "$.date");
  EXPECT_EQ(event_count(), before) << "nothing written";
  std::string message = service_->record_body(nurse, "P1", Date(2010, 7, 21), 170, 70).error().message;
  EXPECT_NE(message.find("2010-07-21 is after today (2010-07-20)"), std::string::npos) << message;
  // Today itself is accepted.
  EXPECT_TRUE(service_->record_body(nurse, "P1", Date(2010, 7, 20), 170, 70).ok());
}

// Inches typed as cm, a lab far outside its usual range: refused until confirmed, then
// recorded with the confirmation; values in range need none.
TEST_P(TrialTest, SoftChecksAskForAConfirmationAndRecordIt) {
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  int64_t before = event_count();
  auto inches = service_->record_body(kCoordinator, "P1", Date(2010, 7, 6), 65, 136);
  ASSERT_FALSE(inches.ok());
  EXPECT_EQ(inches.error().kind, ErrorKind::kRefused);
  EXPECT_EQ(inches.error().path, "$.height_cm");
  ASSERT_EQ(inches.error().to_confirm.size(), 1u);
  EXPECT_EQ(inches.error().to_confirm[0].check, "height-plausible");
  EXPECT_NE(inches.error().message.find("65 cm is outside the plausible adult height"), std::string::npos) << inches.error().message;
  // Both checks fire for pounds and inches; confirming one leaves the other.
  auto both = service_->record_body(kCoordinator, "P1", Date(2010, 7, 6), 65, 300, {"height-plausible"});
  ASSERT_FALSE(both.ok());
  ASSERT_EQ(both.error().to_confirm.size(), 1u);
  EXPECT_EQ(both.error().to_confirm[0].check, "weight-plausible");
  EXPECT_EQ(event_count(), before);
  auto confirmed = service_->record_body(kCoordinator, "P1", Date(2010, 7, 6), 65, 136, {"height-plausible"});
  ASSERT_TRUE(confirmed.ok()) << confirmed.error().to_string();
  EXPECT_EQ(confirmed->event.payload["confirmed"][0]["check"], "height-plausible");
  EXPECT_FALSE(service_->record_body(kCoordinator, "P1", Date(2010, 7, 7), 170, 70)->event.payload.contains("confirmed"));
  // A bilirubin of 30 mg/dL (30 umol/L typed as mg/dL?), and the same in umol/L: in range.
  Json high = {{"code", "bilirubin"}, {"value", 30}, {"unit", "mg/dL"}, {"date", "2010-07-06"}};
  auto lab = service_->record_observation(kCoordinator, "P1", high);
  ASSERT_FALSE(lab.ok());
  EXPECT_EQ(lab.error().path, "$.value");
  EXPECT_EQ(lab.error().to_confirm[0].check, "lab-usual-range");
  Json converted = high;
  converted["unit"] = "umol/L";
  EXPECT_TRUE(service_->record_observation(kCoordinator, "P1", converted).ok());
  auto kept = service_->record_observation(kCoordinator, "P1", high, {"lab-usual-range"});
  ASSERT_TRUE(kept.ok()) << kept.error().to_string();
  EXPECT_EQ(kept->event.payload["confirmed"][0]["check"], "lab-usual-range");
}

// The protocol requires a pharmacist's verification: a dose given without one is flagged in
// the patient's state and the calendar; a verified one names the pharmacist.
TEST_P(TrialTest, ADoseWithoutAPharmacistsVerificationIsFlagged) {
  ASSERT_TRUE(protocol_->edit_checks.dose_verification_required);
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  Actor pharmacist{"pharmacist.pat", "2026-11-25T09:10:00Z"};
  ASSERT_TRUE(service_->verify_dose(pharmacist, "P1", 1, 1, "inotuzumab", 2.36).ok());
  ASSERT_TRUE(service_->record_dose(kCoordinator, "P1", dose(1, 1, "inotuzumab", "2010-07-05", 2.36)).ok());
  auto second = service_->record_dose(kCoordinator, "P1", dose(2, 1, "inotuzumab", "2010-08-02", 3.27));
  ASSERT_TRUE(second.ok()) << second.error().to_string();
  Json patient = *service_->patient("P1");
  EXPECT_EQ(patient["doses"][0]["verified_by"], "pharmacist.pat");
  EXPECT_EQ(patient["doses"][0]["unverified"], false);
  EXPECT_TRUE(patient["doses"][1]["verified_by"].is_null());
  EXPECT_EQ(patient["doses"][1]["unverified"], true);
  ASSERT_EQ(patient["derived"]["unverified_doses"].size(), 1u);
  EXPECT_EQ(patient["derived"]["unverified_doses"][0]["sequence"], second->event.sequence);
  EXPECT_EQ(patient["derived"]["unverified_doses"][0]["course"], 2);
  Json calendar = *service_->calendar("P1", Date(2010, 8, 10));
  EXPECT_EQ(calendar["courses"][0]["doses"][0]["given"]["unverified"], false);
  EXPECT_EQ(calendar["courses"][1]["doses"][0]["given"]["unverified"], true);
  EXPECT_EQ((*service_->patients())[0]["unverified_doses"].size(), 1u);
  // The pharmacist checks it afterwards: it no longer needs attention, and stays given unverified.
  ASSERT_TRUE(service_->verify_dose(pharmacist, "P1", 2, 1, "inotuzumab", 3.27).ok());
  patient = *service_->patient("P1");
  EXPECT_TRUE(patient["derived"]["unverified_doses"].empty());
  EXPECT_EQ(patient["doses"][1]["unverified"], true);
  EXPECT_EQ(patient["doses"][1]["verified_after"], "pharmacist.pat");
  EXPECT_TRUE(patient["doses"][0]["verified_after"].is_null());
  EXPECT_TRUE((*service_->patients())[0]["unverified_doses"].empty());
}

TEST_P(TrialTest, TheCalendarShowsDueGivenLateAndMissed) {
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  ASSERT_TRUE(service_->record_dose(kCoordinator, "P1", dose(1, 1, "inotuzumab", "2010-07-05", 2.36)).ok());
  auto calendar = service_->calendar("P1", Date(2010, 8, 10));
  ASSERT_TRUE(calendar.ok()) << calendar.error().to_string();
  ASSERT_EQ((*calendar)["courses"].size(), 2u);
  EXPECT_EQ((*calendar)["courses"][0]["doses"][0]["status"], "given");
  Json next = (*calendar)["courses"][1];
  EXPECT_EQ(next["next"], true);
  EXPECT_EQ(next["day1"], "2010-08-02");
  EXPECT_EQ(next["doses"][0]["status"], "due");
  EXPECT_EQ(next["doses"][0]["dose_mg"], 3.27);
  // The list of patients names the next dose due; the patient, the latest value of each lab.
  auto patients = service_->patients(Date(2010, 8, 10));
  ASSERT_EQ(patients->size(), 1u);
  Json due = (*patients)[0]["next_due"];
  EXPECT_EQ(due["course"], 2);
  EXPECT_EQ(due["date"], "2010-08-02");
  EXPECT_EQ(due["status"], "due");
  ASSERT_TRUE(service_->record_observation(kCoordinator, "P1", {{"code", "bilirubin"}, {"value", 1.1}, {"unit", "mg/dL"}, {"date", "2010-08-09"}}).ok());
  Json latest = service_->patient("P1")->at("derived")["latest_observations"];
  EXPECT_EQ(latest["bilirubin"]["value"], 1.1);
  EXPECT_EQ(latest["bilirubin"]["date"], "2010-08-09");
  EXPECT_EQ(latest["ast"]["value"], 35);  // from the registered record
}

INSTANTIATE_TEST_SUITE_P(Backends, TrialTest, ::testing::Values(testing::Backend::kSqlite, testing::Backend::kPostgres),
                         [](const auto& backend) { return backend.param == testing::Backend::kSqlite ? "SQLite" : "PostgreSQL"; });

}  // namespace
}  // namespace trialcore::trial
