// Adverse events on both backends: a lab proposing its grade, events recorded, one serious
// and reported late, followed up and corrected; the investigator's signature; refusals
// that write nothing; the safety counts by hand; the projections rebuilt from the log.
#include "store/verify.h"
#include "trial/lab_proposals.h"
#include "trial/test_trial.h"

namespace trialcore::trial {
namespace {

using testing::eligible_record;
using testing::kCoordinator;
using testing::refusal;

const Actor kSigningInvestigator{"dr-lee", "2010-07-20T12:00:00Z", "investigator"};
const Actor kCoordinatorAsSuch{"sam", "2010-07-20T12:00:00Z", "coordinator"};

class AdverseEventTest : public testing::TrialTest {
 protected:
  // Enrolled on 2010-07-05 with the first dose that day.
  void treat(const std::string& id) {
    ASSERT_NO_FATAL_FAILURE(enroll(id, eligible_record(id)));
    auto given = service_->record_dose(kCoordinator, id, dose(1, 1, "inotuzumab", "2010-07-05", 2.36));
    ASSERT_TRUE(given.ok()) << given.error().to_string();
  }

  safety::AdverseEventContent read(const Json& input, bool follow_up = false) {
    ObjectReader in(input, "$");
    safety::AdverseEventContent content =
        safety::read_adverse_event(in, protocol_->safety, {"inotuzumab", "rituximab"}, follow_up);
    Status finished = in.finish();
    EXPECT_TRUE(finished.ok()) << finished.error().to_string();
    return content;
  }
};

TEST_P(AdverseEventTest, RecordedGradedSeriousReportedLateCorrectedAndCounted) {
  ASSERT_NO_FATAL_FAILURE(treat("P1"));
  ASSERT_NO_FATAL_FAILURE(treat("P2"));
  ASSERT_NO_FATAL_FAILURE(enroll("P3", eligible_record("P3")));  // never treated: not at risk

  // A lab on treatment proposes the grade it implies; a cytopenia is expected, not reported.
  auto bilirubin = service_->record_observation(
      kCoordinator, "P1", {{"code", "bilirubin"}, {"value", 4.0}, {"unit", "mg/dL"}, {"uln", 1.0}, {"date", "2010-07-12"}});
  ASSERT_TRUE(bilirubin.ok()) << bilirubin.error().to_string();
  ASSERT_TRUE(service_->record_observation(kCoordinator, "P1",
                                           {{"code", "anc"}, {"value", 0.3}, {"unit", "10*9/L"}, {"date", "2010-07-12"}})
                  .ok());
  std::vector<LabProposal> proposals = lab_proposals(*protocol_, *service_->patient_state("P1"));
  ASSERT_EQ(proposals.size(), 2u);
  EXPECT_EQ(proposals[0].grade.term, "Blood bilirubin increased");
  EXPECT_EQ(proposals[0].grade.grade, 3);  // 4.0 > 3 x ULN 1.0, not > 10 x
  EXPECT_TRUE(proposals[0].grade.reported);
  EXPECT_EQ(proposals[1].grade.term, "Neutrophil count decreased");
  EXPECT_EQ(proposals[1].grade.grade, 4);
  EXPECT_FALSE(proposals[1].grade.reported);

  // The coordinator records what the lab proposed.
  auto from_lab = service_->record_adverse_event(
      kCoordinator, "P1",
      read({{"term", "Blood bilirubin increased"}, {"grade", 3}, {"start", "2010-07-12"}, {"outcome", "recovering"},
            {"observation", bilirubin->event.sequence}}));
  ASSERT_TRUE(from_lab.ok()) << from_lab.error().to_string();
  EXPECT_EQ(lab_proposals(*protocol_, *service_->patient_state("P1"))[0].recorded_as, from_lab->event.sequence);

  // Attribution and seriousness are the investigator's: refused for a coordinator, and for
  // a user who says no role; nothing written.
  int64_t before = event_count();
  Json signed_input = {{"term", "Hepatobiliary disorders - Other, specify"},
                       {"specify", "veno-occlusive disease"},
                       {"grade", 4},
                       {"start", "2010-07-20"},
                       {"serious", {"hospitalization", "life-threatening"}},
                       {"attribution", {{"inotuzumab", "probable"}}},
                       {"outcome", "not-recovered"},
                       {"aware_at", "2010-07-20T10:00:00Z"}};
  auto by_coordinator = service_->record_adverse_event(kCoordinatorAsSuch, "P1", read(signed_input));
  ASSERT_FALSE(by_coordinator.ok());
  EXPECT_EQ(by_coordinator.error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(refusal(by_coordinator),
            "$.attribution: attribution and seriousness of an adverse event are signed by an investigator; sam acts as a coordinator");
  EXPECT_EQ(service_->record_adverse_event(kCoordinator, "P1", read(signed_input)).error().kind, ErrorKind::kForbidden);
  // Before enrollment, an unknown lab, a never-enrolled patient: refused.
  Json early = {{"term", "Fever"}, {"grade", 1}, {"start", "2010-07-01"}, {"outcome", "recovered"}};
  EXPECT_EQ(refusal(service_->record_adverse_event(kCoordinator, "P1", read(early))),
            "$.start: 2010-07-01 is before P1's enrollment on 2010-07-05: record it in the patient's history instead");
  Json unknown_lab = {{"term", "Fever"}, {"grade", 1}, {"start", "2010-07-08"}, {"outcome", "recovered"}, {"observation", 9999}};
  EXPECT_EQ(service_->record_adverse_event(kCoordinator, "P1", read(unknown_lab)).error().path, "$.observation");
  EXPECT_EQ(event_count(), before);

  // The investigator records it serious: 24 hours from the awareness time.
  auto serious = service_->record_adverse_event(kSigningInvestigator, "P1", read(signed_input));
  ASSERT_TRUE(serious.ok()) << serious.error().to_string();
  auto after_signing = service_->patient_state("P1");  // kept: the entry below points into it
  ASSERT_TRUE(after_signing.ok());
  const AdverseEventEntry* vod = after_signing->adverse_event(serious->event.sequence);
  ASSERT_NE(vod, nullptr);
  ASSERT_TRUE(vod->signature.has_value());
  EXPECT_EQ(vod->signature->by, "dr-lee");
  EXPECT_EQ(vod->signature->role, "investigator");
  EXPECT_EQ(vod->serious_since, "2010-07-20T10:00:00Z");
  auto clocks = service_->serious_events("2010-07-21T09:00:00Z");
  ASSERT_TRUE(clocks.ok());
  ASSERT_EQ(clocks->size(), 1u);
  EXPECT_EQ((*clocks)[0].status, "due");
  EXPECT_EQ((*clocks)[0].deadline, "2010-07-21T10:00:00Z");
  EXPECT_EQ((*clocks)[0].hours_left, 1);
  clocks = service_->serious_events("2010-07-22T09:00:00Z");
  EXPECT_EQ((*clocks)[0].status, "overdue");
  EXPECT_EQ((*clocks)[0].hours_left, -23);

  // Reported late, to the sponsor; a report in the future or of a non-serious event refused.
  Actor reporter = kCoordinator;
  reporter.now = "2010-07-22T09:30:00Z";
  EXPECT_EQ(service_->report_serious_event(reporter, "P1", serious->event.sequence, "2010-07-23T09:00:00Z", "sponsor").error().path,
            "$.reported_at");
  EXPECT_EQ(service_->report_serious_event(reporter, "P1", from_lab->event.sequence, "2010-07-21T15:00:00Z", "sponsor").error().kind,
            ErrorKind::kRefused);
  ASSERT_TRUE(service_->report_serious_event(reporter, "P1", serious->event.sequence, "2010-07-21T15:00:00Z", "sponsor").ok());
  clocks = service_->serious_events("2010-07-22T10:00:00Z");
  EXPECT_EQ((*clocks)[0].status, "reported late");
  EXPECT_EQ((*clocks)[0].report->to, "sponsor");

  // A fever recorded as grade 1, corrected to grade 2 (the recording was wrong); a follow-up
  // gives its end. A follow-up ending before the start, or of an unknown event: refused.
  auto fever = service_->record_adverse_event(
      kCoordinator, "P2", read({{"term", "Fever"}, {"grade", 1}, {"start", "2010-07-08"}, {"outcome", "recovering"}}));
  ASSERT_TRUE(fever.ok()) << fever.error().to_string();
  auto corrected = service_->correct(kCoordinator, fever->event.sequence, "the temperature was 39.2 C",
                                     {{"term", "Fever"}, {"grade", 2}, {"start", "2010-07-08"}, {"outcome", "recovering"}});
  ASSERT_TRUE(corrected.ok()) << corrected.error().to_string();
  before = event_count();
  EXPECT_EQ(refusal(service_->update_adverse_event(kCoordinator, "P2", fever->event.sequence,
                                                   read({{"end", "2010-07-01"}}, true), "")),
            "$.end: 2010-07-01 is before the start 2010-07-08");
  EXPECT_EQ(service_->update_adverse_event(kCoordinator, "P2", 9999, read({{"grade", 2}}, true), "").error().kind,
            ErrorKind::kNotFound);
  EXPECT_EQ(event_count(), before);
  ASSERT_TRUE(service_->update_adverse_event(kCoordinator, "P2", fever->event.sequence,
                                             read({{"end", "2010-07-10"}, {"outcome", "recovered"}}, true), "resolved")
                  .ok());
  auto p2 = service_->patient_state("P2");  // kept: the entry below points into it
  ASSERT_TRUE(p2.ok());
  const AdverseEventEntry* followed = p2->adverse_event(fever->event.sequence);
  EXPECT_EQ(followed->grade, 2);
  EXPECT_EQ(followed->end, Date(2010, 7, 10));
  EXPECT_EQ(followed->outcome, "recovered");

  // Transplants after the trial: P1 with veno-occlusive disease, P2 without.
  ASSERT_TRUE(service_->take_off_study(kCoordinator, "P1", Date(2010, 9, 1), "to transplant").ok());
  ASSERT_TRUE(service_->record_transplant(kCoordinator, "P1", Date(2010, 9, 15), std::nullopt, std::nullopt).ok());
  ASSERT_TRUE(service_->record_transplant(kCoordinator, "P1", Date(2010, 9, 15), true, Date(2010, 10, 2)).ok());
  ASSERT_TRUE(service_->record_transplant(kCoordinator, "P2", Date(2010, 10, 1), false, std::nullopt).ok());
  auto p1 = service_->patient_state("P1");
  ASSERT_EQ(p1->transplants.size(), 1u);  // the second recording followed the first up
  EXPECT_EQ(p1->transplants[0].vod, true);

  auto verified = store::verify_store(*store_, projector_);
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->problem;
  EXPECT_EQ(*store::derive_projections(*store_, projector_), *store_->all_rows());
}

INSTANTIATE_TEST_SUITE_P(Backends, AdverseEventTest, ::testing::Values(testing::Backend::kSqlite, testing::Backend::kPostgres),
                         [](const auto& backend) { return backend.param == testing::Backend::kSqlite ? "SQLite" : "PostgreSQL"; });

}  // namespace
}  // namespace trialcore::trial
