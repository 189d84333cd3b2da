// The safety report and the registry's results section on patients made here, every count
// worked out by hand from the stories below.
#include <gtest/gtest.h>

#include "results/registry_results.h"
#include "results/safety_report.h"

namespace trialcore::results {
namespace {

using trial::AdverseEventEntry;
using trial::PatientState;

const Protocol& protocol() {
  static const Protocol loaded = [] {
    auto protocol = load_builtin_protocol();
    EXPECT_TRUE(protocol.ok());
    return *protocol;
  }();
  return loaded;
}

PatientState patient(const std::string& id, const std::string& period, Date enrolled, const std::string& born,
                     const std::string& sex, std::optional<Date> first_dose) {
  PatientState state;
  state.id = id;
  state.status = trial::PatientStatus::kEnrolled;
  state.period = period;
  state.enrolled_on = enrolled;
  state.record = {{"id", id}, {"birth_date", born}, {"sex", sex}};
  if (first_dose) {
    trial::DoseEntry dose;
    dose.course = 1;
    dose.day = 1;
    dose.drug = "inotuzumab";
    dose.date = *first_dose;
    state.doses.push_back(dose);
  }
  return state;
}

AdverseEventEntry event(int64_t sequence, const std::string& term, int grade, Date start, std::vector<std::string> serious = {},
                        std::map<std::string, std::string> attribution = {}, const std::string& specify = "") {
  AdverseEventEntry entry;
  entry.stamp.sequence = sequence;
  entry.term = term;
  entry.specify = specify;
  entry.grade = grade;
  entry.worst_grade = grade;
  entry.start = start;
  entry.serious = std::move(serious);
  entry.attribution = std::move(attribution);
  entry.outcome = grade == 5 ? "fatal" : "recovering";
  return entry;
}

// P1 (period 1): bilirubin grade 3 then grade 2 (possible), veno-occlusive disease grade 4
// serious (probable), anemia grade 3 (not reported), a fever before the first dose;
// transplanted with VOD. P2 (period 1): fever grade 2, sepsis grade 5 serious (unlikely),
// died on study. P3 (period 2): bilirubin grade 4 serious (definite); off study, died
// after; transplanted without VOD. P4 (period 2): never treated, a fever.
std::vector<PatientState> stories() {
  std::vector<PatientState> patients;
  PatientState p1 = patient("P1", "period-1", Date(2010, 7, 5), "1975-03-14", "female", Date(2010, 7, 5));
  p1.adverse_events = {event(10, "Blood bilirubin increased", 3, Date(2010, 7, 12), {}, {{"inotuzumab", "possible"}}),
                       event(11, "Blood bilirubin increased", 2, Date(2010, 8, 1)),
                       event(12, "Hepatobiliary disorders - Other, specify", 4, Date(2010, 7, 20), {"hospitalization"},
                             {{"inotuzumab", "probable"}}, "veno-occlusive disease"),
                       event(13, "Anemia", 3, Date(2010, 7, 10)),
                       event(14, "Fever", 1, Date(2010, 7, 1))};
  p1.transplants = {{20, Date(2010, 10, 1), true, Date(2010, 10, 20)}};
  patients.push_back(p1);
  PatientState p2 = patient("P2", "period-1", Date(2010, 7, 5), "1960-01-01", "male", Date(2010, 7, 6));
  p2.adverse_events = {event(30, "Fever", 2, Date(2010, 7, 8)),
                       event(31, "Sepsis", 5, Date(2010, 7, 28), {"death"}, {{"inotuzumab", "unlikely"}})};
  p2.vital_status = trial::VitalStatusEntry{Date(2010, 7, 30), false};
  patients.push_back(p2);
  PatientState p3 = patient("P3", "period-2", Date(2010, 9, 10), "1980-06-01", "female", Date(2010, 9, 10));
  p3.adverse_events = {event(40, "Blood bilirubin increased", 4, Date(2010, 9, 15), {"life-threatening"}, {{"inotuzumab", "definite"}})};
  p3.status = trial::PatientStatus::kOffStudy;
  p3.off_study = trial::OffStudyEntry{Date(2010, 10, 1), "to transplant"};
  p3.vital_status = trial::VitalStatusEntry{Date(2011, 1, 1), false};
  p3.transplants = {{41, Date(2010, 11, 1), false, std::nullopt}};
  patients.push_back(p3);
  PatientState p4 = patient("P4", "period-2", Date(2010, 9, 1), "1990-01-01", "male", std::nullopt);
  p4.adverse_events = {event(50, "Fever", 1, Date(2010, 9, 5))};
  patients.push_back(p4);
  return patients;
}

const TermCount* row(const SafetyGroup& group, const std::string& term) {
  for (const TermCount& each : group.terms) {
    if (each.term.term == term) return &each;
  }
  return nullptr;
}

TEST(SafetyReport, CountsByHand) {
  SafetyReport report = safety_report(protocol(), stories(), Date(2011, 6, 30));
  ASSERT_EQ(report.periods.size(), 3u);
  const SafetyGroup& first = report.periods[0];
  EXPECT_EQ(first.at_risk, 2);
  EXPECT_EQ(first.with_event, 2);
  EXPECT_EQ(first.serious_patients, 2);
  EXPECT_EQ(first.serious_events, 2);
  EXPECT_EQ(first.related_patients, 1);
  EXPECT_EQ(first.related_events, 2);
  EXPECT_EQ(first.other_patients, 2);
  EXPECT_EQ(first.deaths, 1);
  ASSERT_EQ(first.terms.size(), 5u);  // bilirubin, VOD, anemia, fever, sepsis
  const TermCount* bilirubin = row(first, "Blood bilirubin increased");
  ASSERT_NE(bilirubin, nullptr);
  EXPECT_EQ(bilirubin->by_grade, (std::array<int, 4>{0, 1, 0, 0}));  // P1's worst: 3
  EXPECT_EQ(bilirubin->events, 2);
  EXPECT_EQ(bilirubin->patients, 1);
  const TermCount* vod = row(first, "Hepatobiliary disorders - Other, specify");
  EXPECT_EQ(vod->term.specify, "veno-occlusive disease");
  EXPECT_EQ(vod->by_grade, (std::array<int, 4>{0, 0, 1, 0}));
  EXPECT_EQ(vod->serious_patients, 1);
  EXPECT_FALSE(row(first, "Anemia")->term.reported);
  EXPECT_EQ(row(first, "Fever")->by_grade, (std::array<int, 4>{1, 0, 0, 0}));  // P2's; P1's was before treatment
  EXPECT_EQ(row(first, "Sepsis")->by_grade, (std::array<int, 4>{0, 0, 0, 1}));
  const SafetyGroup& second = report.periods[1];
  EXPECT_EQ(second.at_risk, 1);  // P4 never treated
  EXPECT_EQ(second.deaths, 0);   // P3 died after going off study
  EXPECT_EQ(row(second, "Blood bilirubin increased")->by_grade, (std::array<int, 4>{0, 0, 1, 0}));
  EXPECT_EQ(report.periods[2].at_risk, 0);
  EXPECT_EQ(report.overall.at_risk, 3);
  EXPECT_EQ(report.overall.with_event, 3);
  EXPECT_EQ(report.overall.serious_patients, 3);
  EXPECT_EQ(report.overall.related_patients, 2);
  EXPECT_EQ(report.overall.related_events, 3);
  EXPECT_EQ(report.overall.deaths, 1);
  EXPECT_EQ(row(report.overall, "Blood bilirubin increased")->by_grade, (std::array<int, 4>{0, 1, 1, 0}));
  EXPECT_EQ(report.serious.size(), 3u);
  EXPECT_EQ(report.related.size(), 3u);
  ASSERT_EQ(report.deaths.size(), 1u);
  EXPECT_EQ(report.deaths[0].patient, "P2");
  EXPECT_EQ(report.deaths[0].cause, "Sepsis");
  EXPECT_EQ(report.before_treatment, 1);
  EXPECT_EQ(report.vod.transplanted, 2);
  EXPECT_EQ(report.vod.vod, 1);
  ASSERT_TRUE(report.vod.rate.has_value());
  // R: binom.test(1, 2)$conf.int gives 0.01257912 0.98742088.
  EXPECT_NEAR(report.vod.rate->lower, 0.01257912, 1e-8);
  EXPECT_NEAR(report.vod.rate->upper, 0.98742088, 1e-8);
}

TEST(SafetyReport, AsOfAnEarlierDateLeavesOutWhatCameAfter) {
  SafetyReport report = safety_report(protocol(), stories(), Date(2010, 7, 25));
  EXPECT_EQ(report.overall.at_risk, 2);            // P3 not yet treated
  EXPECT_EQ(report.overall.serious_events, 1);     // VOD; sepsis began on 07-28
  EXPECT_EQ(report.overall.deaths, 0);
  EXPECT_EQ(report.vod.transplanted, 0);
}

TEST(RegistryResults, TheSectionAsTheRegistryStructuresIt) {
  std::vector<PatientState> patients = stories();
  SafetyReport safety = safety_report(protocol(), patients, Date(2011, 6, 30));
  report::EndpointReport endpoint;
  endpoint.as_of = Date(2011, 6, 30);
  for (const char* period : {"period-1", "period-2", "period-3"}) {
    report::GroupResult group;
    group.label = period;
    endpoint.periods.push_back(group);
  }
  endpoint.periods[0].treated = 2;
  endpoint.periods[0].responders = 1;
  endpoint.periods[0].rate = *stats::clopper_pearson_interval(1, 2);
  endpoint.periods[1].treated = 1;
  endpoint.periods[1].rate = *stats::clopper_pearson_interval(0, 1);
  endpoint.overall = {"overall", 4, 3, 1, {}, *stats::clopper_pearson_interval(1, 3)};
  Json section = Json::parse(registry_results(protocol(), endpoint, safety, patients, Date(2011, 6, 30)).dump());

  const Json& flow = section["participantFlowModule"];
  ASSERT_EQ(flow["groups"].size(), 3u);
  EXPECT_EQ(flow["groups"][0]["id"], "FG000");
  EXPECT_EQ(flow["groups"][0]["title"], protocol().registry["arms"][0]["label"]);
  const Json& milestones = flow["periods"][0]["milestones"];
  EXPECT_EQ(milestones[0]["type"], "STARTED");
  EXPECT_EQ(milestones[0]["achievements"][1], (Json{{"groupId", "FG001"}, {"numSubjects", "2"}}));  // P3, P4
  EXPECT_EQ(milestones[1]["achievements"][1]["numSubjects"], "1");  // treated: P3
  EXPECT_EQ(milestones[2]["achievements"][1]["numSubjects"], "1");  // off study: P3

  const Json& baseline = section["baselineCharacteristicsModule"];
  ASSERT_EQ(baseline["groups"].size(), 4u);
  EXPECT_EQ(baseline["groups"][3]["title"], "Total");
  EXPECT_EQ(baseline["denoms"][0]["counts"][3]["value"], "4");
  const Json& ages = baseline["measures"][0]["classes"][0]["categories"][0]["measurements"];
  EXPECT_EQ(ages[0]["value"], "42.5");  // 35 and 50
  EXPECT_EQ(ages[0]["lowerLimit"], "35");
  EXPECT_EQ(ages[1]["value"], "25");    // 30 and 20
  EXPECT_EQ(ages[2]["value"], "NA");
  EXPECT_EQ(ages[3]["value"], "32.5");
  EXPECT_EQ(ages[3]["upperLimit"], "50");
  const Json& sexes = baseline["measures"][1]["classes"][0]["categories"];
  EXPECT_EQ(sexes[0]["title"], "Female");
  EXPECT_EQ(sexes[0]["measurements"][3]["value"], "2");

  const Json& outcome = section["outcomeMeasuresModule"]["outcomeMeasures"][0];
  EXPECT_EQ(outcome["type"], "PRIMARY");
  EXPECT_EQ(outcome["title"], protocol().registry["primary_outcome"]["measure"]);
  EXPECT_EQ(outcome["denoms"][0]["counts"][0]["value"], "2");
  EXPECT_EQ(outcome["classes"][0]["categories"][0]["measurements"][0]["value"], "1");
  ASSERT_EQ(outcome["analyses"].size(), 3u);  // periods 1 and 2, and all together
  EXPECT_EQ(outcome["analyses"][0]["ciLowerLimit"], "0.013");
  EXPECT_EQ(outcome["analyses"][0]["ciUpperLimit"], "0.987");
  EXPECT_EQ(outcome["analyses"][2]["groupIds"].size(), 3u);

  const Json& events = section["adverseEventsModule"];
  EXPECT_EQ(events["eventGroups"][0], (Json{{"id", "EG000"},
                                            {"title", protocol().registry["arms"][0]["label"]},
                                            {"description", protocol().registry["arms"][0]["description"]},
                                            {"deathsNumAffected", 1},
                                            {"deathsNumAtRisk", 2},
                                            {"seriousNumAffected", 2},
                                            {"seriousNumAtRisk", 2},
                                            {"otherNumAffected", 2},
                                            {"otherNumAtRisk", 2}}));
  EXPECT_EQ(events["eventGroups"][1]["seriousNumAffected"], 1);
  EXPECT_EQ(events["eventGroups"][1]["otherNumAffected"], 0);
  const Json& serious = events["seriousEvents"];
  ASSERT_EQ(serious.size(), 3u);  // VOD, sepsis, bilirubin: by organ system
  EXPECT_EQ(serious[0]["term"], "veno-occlusive disease");
  EXPECT_EQ(serious[0]["notes"], "Hepatobiliary disorders - Other, specify");
  EXPECT_EQ(serious[0]["organSystem"], "Hepatobiliary disorders");
  EXPECT_EQ(serious[1]["term"], "Sepsis");
  EXPECT_EQ(serious[2]["stats"][0], (Json{{"groupId", "EG000"}, {"numEvents", 0}, {"numAffected", 0}, {"numAtRisk", 2}}));
  EXPECT_EQ(serious[2]["stats"][1], (Json{{"groupId", "EG001"}, {"numEvents", 1}, {"numAffected", 1}, {"numAtRisk", 1}}));
  const Json& other = events["otherEvents"];
  ASSERT_EQ(other.size(), 2u);  // fever, bilirubin; anemia is not reported
  EXPECT_EQ(other[0]["term"], "Fever");
  EXPECT_EQ(other[1]["stats"][0], (Json{{"groupId", "EG000"}, {"numEvents", 2}, {"numAffected", 1}, {"numAtRisk", 2}}));
  EXPECT_EQ(other[1]["sourceVocabulary"], "CTCAE v4.03");
}

}  // namespace
}  // namespace trialcore::results
