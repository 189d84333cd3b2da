// The endpoint report on a small cohort whose answers are known: counts per period,
// overall and by salvage, intent to treat, accrual and targets. The intervals and the
// survival median were computed independently in R:
//   Rscript -e 'for (x in list(c(3,5),c(1,4),c(2,2),c(6,11),c(1,3))) { ci <- binom.test(x[1],x[2])$conf.int;
//                cat(sprintf("%d/%d %.10f %.10f\n", x[1], x[2], ci[1], ci[2])) }'
//   3/5 0.1466327996 0.9472550495   1/4 0.0063094632 0.8058795503   2/2 0.1581138830 1.0000000000
//   6/11 0.2337935977 0.8325119059  1/3 0.0084037587 0.9057006759
//   Rscript -e 'library(survival); t <- c(100,200,200,350,400,500,620,700,800,900,1000,1200);
//                e <- c(1,1,0,1,1,0,1,1,0,1,0,0); summary(survfit(Surv(t,e)~1, conf.type="log-log"))$table'
//   median 700, 0.95LCL 200, 0.95UCL NA
#include "report/endpoint_report.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "protocol/test_builtin_protocol.h"
#include "report/report_input.h"

namespace trialcore::report {
namespace {

Json patient(const std::string& id, const char* period, int courses, int salvage, std::vector<const char*> responses,
             std::optional<std::pair<int, bool>> survival = std::nullopt) {
  Json entry = {{"id", id}, {"period", period}, {"enrolled_on", "2010-07-05"}, {"courses_given", courses},
                {"record", {{"salvage", salvage}, {"birth_date", "1970-01-01"}}}, {"assessments", Json::array()}};
  int course = 1;
  for (const char* response : responses) {
    entry["assessments"].push_back({{"course", course}, {"date", Date(2010, 8, 1).plus_days(28L * (course - 1)).to_string()},
                                    {"response", response}});
    ++course;
  }
  if (survival) {
    Date end = Date(2010, 7, 5).plus_days(survival->first);
    entry["survival"] = survival->second ? Json{{"death", end.to_string()}} : Json{{"last_known_alive", end.to_string()}};
  }
  return entry;
}

class EndpointReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Json input = {{"patients", Json::array({
        // period-1: 5 treated (CR, CRi, PR responders; NR, NR), 1 enrolled untreated.
        patient("A1", "period-1", 2, 1, {"NR", "CR"}, std::pair{100, true}),
        patient("A2", "period-1", 3, 1, {"CRi"}, std::pair{200, true}),
        patient("A3", "period-1", 2, 2, {"NR", "NR"}, std::pair{200, false}),
        patient("A4", "period-1", 2, 3, {"NE", "NR"}, std::pair{350, true}),
        patient("A5", "period-1", 8, 3, {"PR", "NR"}, std::pair{400, true}),
        patient("A6", "period-1", 0, 1, {}, std::pair{500, false}),
        // period-2: 4 treated, one responder; one with no assessment counts as a non-responder.
        patient("B1", "period-2", 4, 2, {"CR"}, std::pair{620, true}),
        patient("B2", "period-2", 2, 2, {"NR"}, std::pair{700, true}),
        patient("B3", "period-2", 1, 3, {}, std::pair{800, false}),
        patient("B4", "period-2", 2, 3, {"NR", "NE"}, std::pair{900, true}),
        // period-3: 2 of 2, one CR after course 9, which does not count (its best is the CRi).
        patient("C1", "period-3", 1, 1, {"CRi"}, std::pair{1000, false}),
        patient("C2", "period-3", 9, 2, {"NR", "NR", "NR", "NR", "NR", "NR", "NR", "PR", "CR"}, std::pair{1200, false}),
    })}};
    auto patients = read_report_input(protocol_, input, "$", Date(2014, 1, 1));
    ASSERT_TRUE(patients.ok()) << patients.error().to_string();
    auto report = endpoint_report(protocol_, *patients, Date(2014, 1, 1));
    ASSERT_TRUE(report.ok()) << report.error().to_string();
    report_ = *report;
  }

  const Protocol& protocol_ = testing::builtin_protocol();
  EndpointReport report_;
};

TEST_F(EndpointReportTest, PerPeriodWithExactIntervals) {
  const GroupResult& one = report_.periods[0];
  EXPECT_EQ(one.label, "period-1");
  EXPECT_EQ(one.enrolled, 6);
  EXPECT_EQ(one.treated, 5);
  EXPECT_EQ(one.responders, 3);
  EXPECT_EQ(one.best.at("CR"), 1);
  EXPECT_EQ(one.best.at("CRi"), 1);
  EXPECT_EQ(one.best.at("PR"), 1);
  EXPECT_EQ(one.best.at("NR"), 2);
  ASSERT_TRUE(one.rate);
  EXPECT_NEAR(one.rate->lower, 0.1466327996, 1e-9);
  EXPECT_NEAR(one.rate->upper, 0.9472550495, 1e-9);
  const GroupResult& two = report_.periods[1];
  EXPECT_EQ(two.treated, 4);
  EXPECT_EQ(two.responders, 1);
  EXPECT_EQ(two.best.at("NE"), 1);  // treated, never assessed
  EXPECT_NEAR(two.rate->lower, 0.0063094632, 1e-9);
  EXPECT_NEAR(two.rate->upper, 0.8058795503, 1e-9);
  const GroupResult& three = report_.periods[2];
  EXPECT_EQ(three.responders, 2);
  EXPECT_EQ(three.best.at("PR"), 1);  // C2's CR came after course 8
  EXPECT_NEAR(three.rate->lower, 0.1581138830, 1e-9);
  EXPECT_DOUBLE_EQ(three.rate->upper, 1.0);
}

TEST_F(EndpointReportTest, OverallAndBySalvage) {
  EXPECT_EQ(report_.overall.treated, 11);
  EXPECT_EQ(report_.overall.responders, 6);
  EXPECT_NEAR(report_.overall.rate->lower, 0.2337935977, 1e-9);
  EXPECT_NEAR(report_.overall.rate->upper, 0.8325119059, 1e-9);
  ASSERT_EQ(report_.subgroups.size(), 3u);
  EXPECT_EQ(report_.subgroups[0].label, "salvage 1");
  EXPECT_EQ(report_.subgroups[0].treated, 3);    // A1, A2, C1 (A6 untreated)
  EXPECT_EQ(report_.subgroups[0].responders, 3);
  EXPECT_EQ(report_.subgroups[2].label, "salvage >= 3");
  EXPECT_EQ(report_.subgroups[2].treated, 4);    // A4, A5, B3, B4
  EXPECT_EQ(report_.subgroups[2].responders, 1);
  EXPECT_EQ(report_.subgroups[1].treated, 4);    // A3, B1, B2, C2
  EXPECT_EQ(report_.subgroups[1].responders, 2);
}

TEST_F(EndpointReportTest, AccrualAndTargets) {
  EXPECT_EQ(report_.enrolled, 12);
  EXPECT_EQ(report_.accrual_target, 90);
  ASSERT_EQ(report_.targets.size(), 1u);
  EXPECT_EQ(report_.targets[0].count, 7);  // treated in salvage 1-2
  EXPECT_EQ(report_.targets[0].minimum, 10);
}

TEST_F(EndpointReportTest, OverallSurvivalMatchesR) {
  const SurvivalResult& overall = report_.survival.back();
  EXPECT_EQ(overall.label, "overall");
  EXPECT_EQ(overall.curve.subjects, 12);
  EXPECT_EQ(overall.curve.events, 7);
  EXPECT_EQ(overall.curve.median.median, 700);
  EXPECT_EQ(overall.curve.median.lower, 200);
  EXPECT_FALSE(overall.curve.median.upper.has_value());  // NA: not reached
}

TEST_F(EndpointReportTest, TextAndJson) {
  std::string text = report_text(report_, protocol_);
  EXPECT_NE(text.find("60.0% (95% CI 14.7% to 94.7%)"), std::string::npos) << text;
  EXPECT_NE(text.find("Target patients treated in salvage 1-2: 7 of at least 10 (not yet met)"), std::string::npos);
  OrderedJson json = report_json(report_, protocol_);
  EXPECT_EQ(json["overall"]["responders"], 6);
  EXPECT_EQ(json["accrual"]["remaining"], 78);
  EXPECT_EQ(json["survival"].back()["median_days"], 700.0);
}

TEST(ReportInputTest, RefusesBadInput) {
  auto protocol = load_builtin_protocol();
  auto error_of = [&](const char* text) {
    auto read = read_report_input(*protocol, Json::parse(text), "$", Date(2014, 1, 1));
    return read.ok() ? std::string() : read.error().to_string();
  };
  EXPECT_EQ(error_of(R"({"people": []})"), "$: must be {\"patients\": [...]}");
  EXPECT_EQ(error_of(R"({"patients": [{"id": "X", "period": "period-9", "courses_given": 1}]})"),
            "$.patients[0].period: 'period-9' is not a period of the protocol");
  EXPECT_EQ(error_of(R"({"patients": [{"id": "X", "period": "period-1", "courses_given": 1,
                         "assessments": [{"course": 1, "date": "2010-08-01", "response": "VGPR"}]}]})"),
            "$.patients[0].assessments[0].response: 'VGPR' is not a response category of the protocol");
  EXPECT_EQ(error_of(R"({"patients": [{"id": "X", "period": "period-1", "courses_given": 1, "enrolled_on": "2010-07-05",
                         "survival": {"death": "2010-08-01", "last_known_alive": "2010-09-01"}}]})"),
            "$.patients[0].survival: give either the date of death or the last date known alive");
  EXPECT_EQ(error_of(R"({"patients": [{"id": "X", "period": "period-1", "courses_given": 1,
                         "assessments": [{"course": 1, "date": "2010-08-01", "anc": -1}]}]})"),
            "$.patients[0].assessments[0].anc: must be at least 0 10*9/L, not -1 10*9/L");
}

// A report as of a past date is the report that day would have printed: a patient enrolled
// later, courses started later and assessments dated later do not count, and survival is
// censored at the date.
TEST(ReportInputTest, AsOfADateLeavesOutWhatHappenedAfterIt) {
  auto protocol = load_builtin_protocol();
  ASSERT_TRUE(protocol.ok());
  Json input = Json::parse(R"({"patients": [
    {"id": "EARLY", "period": "period-1", "enrolled_on": "2010-07-05",
     "course_starts": ["2010-07-05", "2010-08-02", "2010-08-30"], "record": {"salvage": 1},
     "assessments": [{"course": 1, "date": "2010-07-30", "response": "NR"},
                     {"course": 3, "date": "2010-09-27", "response": "CR"}],
     "survival": {"death": "2010-12-01"}},
    {"id": "LATE", "period": "period-1", "enrolled_on": "2010-09-01", "course_starts": ["2010-09-01"],
     "record": {"salvage": 1}, "assessments": [{"course": 1, "date": "2010-09-25", "response": "CR"}]}]})");
  Date before = Date(2010, 8, 15);
  auto then = read_report_input(*protocol, input, "$", before);
  ASSERT_TRUE(then.ok()) << then.error().to_string();
  ASSERT_EQ(then->size(), 1u);  // LATE was not enrolled yet
  const ReportPatient& early = then->front();
  EXPECT_EQ(early.summary.courses_given, 2);
  EXPECT_EQ(early.summary.best_response, "NR");
  EXPECT_FALSE(early.summary.responder);
  ASSERT_TRUE(early.survival.has_value());
  EXPECT_FALSE(early.survival->died);
  EXPECT_EQ(early.survival->last_known, before);
  auto report = endpoint_report(*protocol, *then, before);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->enrolled, 1);
  EXPECT_EQ(report->overall.treated, 1);
  EXPECT_EQ(report->overall.responders, 0);

  auto now = read_report_input(*protocol, input, "$", Date(2011, 1, 1));
  ASSERT_TRUE(now.ok());
  ASSERT_EQ(now->size(), 2u);
  EXPECT_EQ(now->front().summary.courses_given, 3);
  EXPECT_EQ(now->front().summary.best_response, "CR");
  EXPECT_TRUE(now->front().survival->died);
}

TEST(ReportInputTest, CoursesAreCountedOrDatedNotBoth) {
  auto protocol = load_builtin_protocol();
  ASSERT_TRUE(protocol.ok());
  auto error_of = [&](const char* text) {
    auto read = read_report_input(*protocol, Json::parse(text), "$", Date(2014, 1, 1));
    return read.ok() ? std::string() : read.error().to_string();
  };
  EXPECT_EQ(error_of(R"({"patients": [{"id": "X", "period": "period-1"}]})"),
            "$.patients[0]: give either courses_given or course_starts");
  EXPECT_EQ(error_of(R"({"patients": [{"id": "X", "period": "period-1", "courses_given": 1, "course_starts": []}]})"),
            "$.patients[0]: give either courses_given or course_starts");
  EXPECT_EQ(error_of(R"({"patients": [{"id": "X", "period": "period-1", "course_starts": ["2010-02-30"]}]})"),
            "$.patients[0].course_starts[0]: '2010-02-30' is not a date (2010-02 has no day 30)");
  EXPECT_EQ(error_of(R"({"patients": [{"id": "X", "period": "period-1", "course_starts": "2010-07-05"}]})"),
            "$.patients[0].course_starts: must be a list of dates (day 1 of each course given)");
}

// An input file is read whole: the report of its patients, or its error with the file named.
TEST(ReportInputTest, AFileNamesItselfInItsErrors) {
  auto protocol = load_builtin_protocol();
  ASSERT_TRUE(protocol.ok());
  std::string file = std::filesystem::temp_directory_path().string() + "/report-input-" + std::to_string(::getpid()) + ".json";
  std::ofstream(file) << R"({"patients": [{"id": "A1", "period": "period-1", "enrolled_on": "2010-07-05", "courses_given": 1,
                             "record": {"salvage": 1}, "assessments": [{"course": 1, "date": "2010-08-01", "response": "CR"}]}]})";
  auto report = report_of_input_file(*protocol, file, Date(2012, 1, 1));
  ASSERT_TRUE(report.ok()) << report.error().to_string();
  EXPECT_EQ(report_json(*report, *protocol)["overall"]["responders"], 1);
  std::ofstream(file) << R"({"people": []})";
  auto refused = report_of_input_file(*protocol, file, Date(2012, 1, 1));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().to_string(), file + " $: must be {\"patients\": [...]}");
  std::filesystem::remove(file);
  auto missing = report_of_input_file(*protocol, file, Date(2012, 1, 1));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().to_string(), file + ": cannot be read (no such file, or no permission)");
}

}  // namespace
}  // namespace trialcore::report
