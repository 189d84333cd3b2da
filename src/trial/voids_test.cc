// Voids on both backends: a voided dose, height and weight, lab and marrow assessment leave
// the patient's state as if never recorded (the calendar, the plan, the latest labs and the
// response follow), each refusal names its field and writes nothing, a voided adverse event
// is named as voided when followed up, and the projections rebuilt from the log equal the
// live ones.
#include "store/verify.h"
#include "trial/test_trial.h"

namespace trialcore::trial {
namespace {

using testing::eligible_record;
using testing::kCoordinator;
using testing::kInvestigator;
using testing::refusal;

class VoidTest : public testing::TrialTest {
 protected:
  int64_t voided(int64_t sequence, const char* reason) {
    auto answer = service_->void_event(kCoordinator, sequence, reason);
    EXPECT_TRUE(answer.ok()) << answer.error().to_string();
    if (!answer.ok()) return 0;
    EXPECT_EQ(answer->event.kind, "void");
    EXPECT_EQ(answer->event.corrects, sequence);
    EXPECT_EQ(answer->event.reason, reason);
    return answer->event.sequence;
  }
};

TEST_P(VoidTest, AVoidedValueLeavesTheStateAsIfNeverRecorded) {
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  auto given = service_->record_dose(kCoordinator, "P1", dose(1, 1, "inotuzumab", "2010-07-05", 2.36));
  ASSERT_TRUE(given.ok()) << given.error().to_string();
  // A lighter weight before course 2 lowers its dose: 1.8 mg/m2 x sqrt(170 x 60 / 3600) = 3.03 mg.
  auto weighed = service_->record_body(kCoordinator, "P1", Date(2010, 7, 30), 170, 60);
  ASSERT_TRUE(weighed.ok());
  EXPECT_DOUBLE_EQ(service_->calendar("P1", Date(2010, 8, 10))->at("courses")[1]["doses"][0]["dose_mg"].get<double>(), 3.03);
  voided(weighed->event.sequence, "weighed another patient");
  // Without it the enrollment's 170 cm, 70 kg plan course 2: 1.8 x sqrt(170 x 70 / 3600) = 3.27 mg.
  EXPECT_DOUBLE_EQ(service_->calendar("P1", Date(2010, 8, 10))->at("courses")[1]["doses"][0]["dose_mg"].get<double>(), 3.27);
  EXPECT_EQ(service_->patient("P1")->at("body").size(), 1u);  // the enrollment's measurement only

  auto lab = service_->record_observation(kCoordinator, "P1", {{"code", "bilirubin"}, {"value", 1.1}, {"unit", "mg/dL"}, {"date", "2010-08-09"}});
  ASSERT_TRUE(lab.ok());
  EXPECT_EQ(service_->patient("P1")->at("derived")["latest_observations"]["bilirubin"]["value"], 1.1);
  voided(lab->event.sequence, "another patient's sample");
  Json patient = *service_->patient("P1");
  EXPECT_EQ(patient["derived"]["latest_observations"]["bilirubin"]["value"], 0.8);  // the registered record's
  EXPECT_TRUE(patient["observations"].empty());

  auto marrow = service_->record_marrow(kCoordinator, "P1", 1, Date(2010, 7, 30),
                                        {{"anc", 1.5}, {"platelets", 150}, {"marrow_blasts", 3}, {"extramedullary", "absent"}});
  ASSERT_TRUE(marrow.ok());
  EXPECT_EQ(service_->patient("P1")->at("derived")["best_response"]["category"], "CR");
  voided(marrow->event.sequence, "assessment of another patient");
  patient = *service_->patient("P1");
  EXPECT_TRUE(patient["assessments"].empty());
  EXPECT_NE(patient["derived"]["best_response"]["category"], "CR");

  EXPECT_EQ(patient["derived"]["courses_given"], 1);
  int64_t void_of_dose = voided(given->event.sequence, "entered for the wrong patient");
  patient = *service_->patient("P1");
  EXPECT_TRUE(patient["doses"].empty());
  EXPECT_EQ(patient["derived"]["courses_given"], 0);
  EXPECT_TRUE(patient["derived"]["unverified_doses"].empty());
  EXPECT_NE(service_->calendar("P1", Date(2010, 7, 6))->at("courses")[0]["doses"][0]["status"], "given");
  ASSERT_EQ(patient["voids"].size(), 4u);
  EXPECT_EQ(patient["voids"][3]["sequence"], void_of_dose);
  EXPECT_EQ(patient["voids"][3]["voids"], given->event.sequence);
  EXPECT_EQ(patient["voids"][3]["kind"], "dose-given");
  EXPECT_EQ(patient["voids"][3]["reason"], "entered for the wrong patient");
  EXPECT_EQ(patient["voids"][3]["actor"], "coordinator");
  // The log keeps what was recorded; the void follows it.
  auto history = service_->history("P1");
  EXPECT_EQ(history->back().kind, "void");
  EXPECT_EQ(history->back().payload["voided_kind"], "dose-given");
  // The same dose given again is course 1's day 1, not a dose off the plan.
  auto again = service_->record_dose(kCoordinator, "P1", dose(1, 1, "inotuzumab", "2010-07-05", 2.36));
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_TRUE(again->deviations.empty());

  auto verified = store::verify_store(*store_, projector_);
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->problem;
  EXPECT_EQ(*store::derive_projections(*store_, projector_), *store_->all_rows());
}

TEST_P(VoidTest, EachRefusalNamesTheFieldAndWritesNothing) {
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  ASSERT_TRUE(service_->open_period(kInvestigator, "period-2", Date(2010, 9, 1)).ok());
  auto given = service_->record_dose(kCoordinator, "P1", dose(1, 1, "inotuzumab", "2010-07-05", 2.36));
  ASSERT_TRUE(given.ok());
  auto history = *service_->history("P1");
  auto sequence_of = [&](const char* kind) {
    return std::find_if(history.begin(), history.end(), [&](const auto& e) { return e.kind == kind; })->sequence;
  };
  int64_t period_event = 0;
  for (int64_t sequence = 1; sequence <= event_count(); ++sequence) {
    bool of_patient = std::any_of(history.begin(), history.end(), [&](const auto& e) { return e.sequence == sequence; });
    if (!of_patient) period_event = sequence;
  }
  ASSERT_NE(period_event, 0);
  int64_t before = event_count();
  EXPECT_EQ(refusal(service_->void_event(kCoordinator, given->event.sequence, "")), "$.reason: a void says why");
  auto missing = service_->void_event(kCoordinator, 9999, "typo");
  EXPECT_EQ(refusal(missing), "$.voids: event 9999 does not exist");
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(refusal(service_->void_event(kCoordinator, period_event, "typo")),
            "$.voids: event " + std::to_string(period_event) + " is not about a patient");
  EXPECT_EQ(refusal(service_->void_event(kCoordinator, sequence_of("patient-registered"), "typo")),
            "$.voids: a patient-registered event cannot be voided: correct the record instead");
  EXPECT_EQ(refusal(service_->void_event(kCoordinator, sequence_of("patient-enrolled"), "typo")),
            "$.voids: a patient-enrolled event cannot be voided: only recorded values (record-amended, "
            "observation-recorded, body-measured, dose-given, marrow-assessed, adverse-event-recorded) are");
  EXPECT_EQ(event_count(), before);

  auto void_event = service_->void_event(kCoordinator, given->event.sequence, "wrong patient");
  ASSERT_TRUE(void_event.ok());
  before = event_count();
  const std::string dose_event = std::to_string(given->event.sequence);
  const std::string void_sequence = std::to_string(void_event->event.sequence);
  EXPECT_EQ(refusal(service_->void_event(kCoordinator, given->event.sequence, "again")),
            "$.voids: event " + dose_event + " is already voided (event " + void_sequence + ")");
  EXPECT_EQ(refusal(service_->void_event(kCoordinator, void_event->event.sequence, "undo")).rfind("$.voids: a void event cannot be voided", 0), 0u);
  EXPECT_EQ(refusal(service_->correct(kCoordinator, given->event.sequence, "2.3 mg",
                                      {{"course", 1}, {"day", 1}, {"drug", "inotuzumab"}, {"date", "2010-07-05"}, {"dose_mg", 2.3}})),
            "$.corrects: event " + dose_event + " is voided (event " + void_sequence + "): record a new event instead");
  EXPECT_EQ(event_count(), before);
}

TEST_P(VoidTest, AVoidedAdverseEventIsNamedAsVoidedWhenFollowedUpOrReported) {
  ASSERT_NO_FATAL_FAILURE(enroll("P1", eligible_record("P1")));
  auto content = [&](const Json& input, bool follow_up) {
    ObjectReader in(input, "$");
    safety::AdverseEventContent read = safety::read_adverse_event(in, protocol_->safety, {"inotuzumab", "rituximab"}, follow_up);
    EXPECT_TRUE(in.finish().ok());
    return read;
  };
  auto fever = service_->record_adverse_event(
      kCoordinator, "P1", content({{"term", "Fever"}, {"grade", 1}, {"start", "2010-07-08"}, {"outcome", "recovering"}}, false));
  ASSERT_TRUE(fever.ok()) << fever.error().to_string();
  int64_t void_sequence = voided(fever->event.sequence, "recorded for the wrong patient");
  int64_t before = event_count();
  const std::string expected = "$.adverse_event: adverse event " + std::to_string(fever->event.sequence) +
                               " of P1 is voided (event " + std::to_string(void_sequence) +
                               "): record a new adverse event instead";
  auto followed = service_->update_adverse_event(kCoordinator, "P1", fever->event.sequence, content({{"grade", 2}}, true), "");
  EXPECT_EQ(refusal(followed), expected);
  ASSERT_FALSE(followed.ok());
  EXPECT_EQ(followed.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(refusal(service_->report_serious_event(kCoordinator, "P1", fever->event.sequence, "2010-07-09T10:00:00Z", "the sponsor")),
            expected);
  // An event that never was an adverse event keeps the plain answer.
  EXPECT_EQ(refusal(service_->update_adverse_event(kCoordinator, "P1", 9999, content({{"grade", 2}}, true), "")),
            "$.adverse_event: event 9999 is not an adverse event of P1");
  EXPECT_EQ(event_count(), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, VoidTest, ::testing::Values(testing::Backend::kSqlite, testing::Backend::kPostgres),
                         [](const auto& backend) { return backend.param == testing::Backend::kSqlite ? "SQLite" : "PostgreSQL"; });

}  // namespace
}  // namespace trialcore::trial
