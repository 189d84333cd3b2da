// Every deviation kind has a case that produces it and one that just avoids it.
#include "treatment/dose_check.h"

#include <gtest/gtest.h>

#include "treatment/test_treatment_spec.h"

namespace trialcore::treatment {
namespace {

Administration given(int course, int day, const char* drug, const char* date, double mg, std::optional<double> minutes = 65,
                     std::optional<int> start = std::nullopt) {
  Administration administration;
  administration.course = course;
  administration.day = day;
  administration.drug = drug;
  administration.date = *Date::Parse(date);
  administration.dose_mg = mg;
  administration.infusion_minutes = minutes;
  administration.start_minute = start;
  return administration;
}

class DoseCheckTest : public ::testing::Test {
 protected:
  // Period 2 (1.8 mg/m2 = 3.27 mg on day 1, every 28 days, 21 at the earliest).
  std::vector<std::string> kinds(const std::vector<Administration>& doses, const char* period = "period-2",
                                 AddOnsFrom add_ons = {}, std::optional<Date> as_of = std::nullopt) {
    PlanRequest request{period, Date(2010, 7, 5), 8, {{Date(2010, 7, 1), 170, 70}}, std::move(add_ons)};
    auto check = check_doses(spec_, request, doses, as_of);
    EXPECT_TRUE(check.ok()) << check.error().to_string();
    last_ = *check;
    std::vector<std::string> found;
    for (const Deviation& deviation : check->deviations) found.push_back(deviation.kind);
    return found;
  }
  using Kinds = std::vector<std::string>;

  TreatmentSpec spec_ = testing::builtin_treatment_spec();
  DoseCheck last_;
};

TEST_F(DoseCheckTest, OnPlanIsClean) {
  EXPECT_EQ(kinds({given(1, 1, "inotuzumab", "2010-07-05", 3.27), given(2, 1, "inotuzumab", "2010-08-02", 3.27)}), Kinds{});
  EXPECT_EQ(last_.administrations_checked, 2);
  EXPECT_TRUE(last_.delays.empty());
}

TEST_F(DoseCheckTest, OutOfWindow) {
  // Period 3 day 8 may be given on day 9, not day 10, and not before day 8.
  auto weekly = [&](const char* day8) {
    return kinds({given(1, 1, "inotuzumab", "2010-07-05", 1.45), given(1, 8, "inotuzumab", day8, 0.91)}, "period-3");
  };
  EXPECT_EQ(weekly("2010-07-13"), Kinds{});  // the window's last day
  EXPECT_EQ(weekly("2010-07-14"), Kinds{kOutOfWindow});
  EXPECT_NE(last_.deviations[0].message.find("1 day after its window closed (2010-07-13)"), std::string::npos);
  EXPECT_EQ(weekly("2010-07-11"), Kinds{kOutOfWindow});
  EXPECT_NE(last_.deviations[0].message.find("1 day before its day"), std::string::npos);
}

TEST_F(DoseCheckTest, EarlyCourseStartAndAllowedDelay) {
  EXPECT_EQ(kinds({given(1, 1, "inotuzumab", "2010-07-05", 3.27), given(2, 1, "inotuzumab", "2010-07-26", 3.27)}), Kinds{});
  EXPECT_EQ(last_.delays.size(), 0u);  // 21 days: the earliest allowed, earlier than nominal, not a delay
  EXPECT_EQ(kinds({given(1, 1, "inotuzumab", "2010-07-05", 3.27), given(2, 1, "inotuzumab", "2010-07-25", 3.27)}),
            Kinds{kEarlyCourseStart});
  EXPECT_NE(last_.deviations[0].message.find("20 days after course 1"), std::string::npos);
  EXPECT_EQ(kinds({given(1, 1, "inotuzumab", "2010-07-05", 3.27), given(2, 1, "inotuzumab", "2010-08-09", 3.27)}), Kinds{});
  ASSERT_EQ(last_.delays.size(), 1u);
  EXPECT_EQ(last_.delays[0].days_late, 7);
  EXPECT_EQ(kinds({given(1, 1, "inotuzumab", "2010-07-04", 3.27)}), Kinds{kEarlyCourseStart});  // before the planned start
}

TEST_F(DoseCheckTest, LaterCoursesAreLaidOutFromTheirActualStart) {
  // Course 2 starts 7 days late; course 3 is nominal 28 days after that, not after the plan.
  EXPECT_EQ(kinds({given(1, 1, "inotuzumab", "2010-07-05", 3.27), given(2, 1, "inotuzumab", "2010-08-09", 3.27),
                   given(3, 1, "inotuzumab", "2010-09-06", 3.27)}),
            Kinds{});
  EXPECT_EQ(last_.delays.size(), 1u);
}

TEST_F(DoseCheckTest, DoseOffByMoreThanTheTolerance) {
  // 3.27 mg planned; 5% is 0.1635 mg.
  EXPECT_EQ(kinds({given(1, 1, "inotuzumab", "2010-07-05", 3.4335)}), Kinds{});  // exactly 5% over
  EXPECT_EQ(kinds({given(1, 1, "inotuzumab", "2010-07-05", 3.1065)}), Kinds{});  // exactly 5% under
  EXPECT_EQ(kinds({given(1, 1, "inotuzumab", "2010-07-05", 3.44)}), Kinds{kDoseOff});
  EXPECT_NE(last_.deviations[0].message.find("3.44 mg given, 3.27 mg planned (1.8 mg/m2 x BSA 1.82 m2): 5.2% over"),
            std::string::npos)
      << last_.deviations[0].message;
  EXPECT_EQ(kinds({given(1, 1, "inotuzumab", "2010-07-05", 3.10)}), Kinds{kDoseOff});
}

TEST_F(DoseCheckTest, InfusionTimes) {
  for (double minutes : {60.0, 75.0}) {
    EXPECT_EQ(kinds({given(1, 1, "inotuzumab", "2010-07-05", 3.27, minutes)}), Kinds{}) << minutes;
  }
  EXPECT_EQ(kinds({given(1, 1, "inotuzumab", "2010-07-05", 3.27, 59)}), Kinds{kInfusionTooShort});
  EXPECT_EQ(kinds({given(1, 1, "inotuzumab", "2010-07-05", 3.27, 76)}), Kinds{kInfusionTooLong});
  AddOnsFrom rituximab = {{"rituximab", 1}};
  EXPECT_EQ(kinds({given(1, 1, "rituximab", "2010-07-05", 681.79, 120, 540), given(1, 1, "inotuzumab", "2010-07-05", 3.27, 60, 700)},
                  "period-2", rituximab),
            Kinds{});
  EXPECT_EQ(kinds({given(1, 1, "rituximab", "2010-07-05", 681.79, 361, 540), given(1, 1, "inotuzumab", "2010-07-05", 3.27, 60, 960)},
                  "period-2", rituximab),
            Kinds{kInfusionTooLong});
}

TEST_F(DoseCheckTest, RituximabGoesFirstOnASharedDay) {
  AddOnsFrom rituximab = {{"rituximab", 1}};
  EXPECT_EQ(kinds({given(1, 1, "rituximab", "2010-07-05", 681.79, 180, 8 * 60), given(1, 1, "inotuzumab", "2010-07-05", 3.27, 60, 11 * 60)},
                  "period-2", rituximab),
            Kinds{});
  EXPECT_EQ(kinds({given(1, 1, "rituximab", "2010-07-05", 681.79, 180, 11 * 60), given(1, 1, "inotuzumab", "2010-07-05", 3.27, 60, 8 * 60)},
                  "period-2", rituximab),
            Kinds{kWrongOrder});
  EXPECT_NE(last_.deviations[0].message.find("inotuzumab started 08:00, before rituximab (11:00)"), std::string::npos);
}

TEST_F(DoseCheckTest, BeyondTheMaximumCourses) {
  std::vector<Administration> doses;
  Date day = Date(2010, 7, 5);
  for (int course = 1; course <= 8; ++course, day = day.plus_days(28)) {
    doses.push_back(given(course, 1, "inotuzumab", day.to_string().c_str(), 3.27));
  }
  EXPECT_EQ(kinds(doses), Kinds{});
  doses.push_back(given(9, 1, "inotuzumab", day.to_string().c_str(), 3.27));
  EXPECT_EQ(kinds(doses), Kinds{kBeyondMaxCourses});
}

TEST_F(DoseCheckTest, MissedDoses) {
  std::vector<Administration> course1 = {given(1, 1, "inotuzumab", "2010-07-05", 1.45), given(1, 8, "inotuzumab", "2010-07-12", 0.91)};
  // Day 15's window closes 2010-07-20: on that day it is not missed yet, the next day it is.
  EXPECT_EQ(kinds(course1, "period-3", {}, Date(2010, 7, 20)), Kinds{});
  EXPECT_EQ(kinds(course1, "period-3", {}, Date(2010, 7, 21)), Kinds{kMissedDose});
  EXPECT_NE(last_.deviations[0].message.find("inotuzumab course 1 day 15 (planned 2010-07-19, window closed 2010-07-20) was not given"),
            std::string::npos);
}

TEST_F(DoseCheckTest, NotInPlan) {
  EXPECT_EQ(kinds({given(1, 1, "inotuzumab", "2010-07-05", 3.27), given(1, 1, "rituximab", "2010-07-05", 681.79, 180)}),
            Kinds{kNotInPlan});
}

TEST_F(DoseCheckTest, CourseAndDayMayBeInferred) {
  Administration first = given(1, 1, "inotuzumab", "2010-07-05", 3.27);
  Administration second = given(1, 1, "inotuzumab", "2010-08-03", 3.27);
  first.course.reset();
  first.day.reset();
  second.course.reset();
  second.day.reset();
  EXPECT_EQ(kinds({first, second}), Kinds{});
  ASSERT_EQ(last_.plan.courses.size(), 2u);
  EXPECT_EQ(last_.plan.courses[1].day1, Date(2010, 8, 3));
  EXPECT_EQ(last_.delays.size(), 1u);
}

TEST_F(DoseCheckTest, ReadsAdministrationsAndRefusesBadOnes) {
  auto read = read_administrations(Json::parse(R"({"administrations": [
      {"drug": "inotuzumab", "date": "2010-07-05", "start_time": "09:30", "dose_mg": 3.27, "infusion_minutes": 62}]})"),
                                   "$");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)[0].start_minute, 570);
  auto error_of = [](const char* text) {
    auto parsed = read_administrations(Json::parse(text), "$");
    return parsed.ok() ? std::string() : parsed.error().to_string();
  };
  EXPECT_EQ(error_of(R"({"administrations": [{"drug": "x", "date": "2010-07-05", "start_time": "25:00", "dose_mg": 1}]})"),
            "$.administrations[0].start_time: '25:00' is not a time (HH:MM, 00:00 to 23:59)");
  EXPECT_EQ(error_of(R"({"administrations": [{"drug": "x", "date": "2010-07-05", "dose_mg": -1}]})"),
            "$.administrations[0].dose_mg: must be greater than 0");
  EXPECT_EQ(error_of(R"({"administrations": [{"drug": "x", "date": "2010-02-30", "dose_mg": 1}]})"),
            "$.administrations[0].date: '2010-02-30' is not a date (2010-02 has no day 30)");
  PlanRequest request{"period-2", Date(2010, 7, 5), 2, {{Date(2010, 7, 1), 170, 70}}, {}};
  Administration unknown = given(1, 1, "aspirin", "2010-07-05", 1);
  unknown.path = "$.administrations[0]";
  auto check = check_doses(spec_, request, {unknown}, std::nullopt);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.error().to_string(), "$.administrations[0].drug: 'aspirin' is not a drug of the protocol");
}

TEST(TreatmentSpecTest, RejectsBadSections) {
  Json base = Json::parse(R"({"max_courses": 2, "drugs": {"d": {"name": "D", "infusion_minutes": {"min": 30, "max": 60}}},
    "regimens": {"p": {"course_interval_days": 28, "schedules": {"s": [{"drug": "d", "day": 1, "dose_mg_m2": 1}]},
                       "schedule_by_course": [{"schedule": "s"}]}}})");
  EXPECT_TRUE(parse_treatment_spec(base, "$.treatment", {"p"}).ok());
  auto error_of = [&](Json section, std::vector<std::string> periods = {"p"}) {
    auto spec = parse_treatment_spec(section, "$.treatment", periods);
    return spec.ok() ? std::string() : spec.error().to_string();
  };
  Json bad = base;
  bad["regimens"]["p"]["schedules"]["s"][0]["drug"] = "e";
  EXPECT_EQ(error_of(bad), "$.treatment.regimens.p.schedules.s[0].drug: 'e' is not in $.treatment.drugs");
  bad = base;
  bad["regimens"]["p"]["schedule_by_course"][0]["courses"] = "2-";
  EXPECT_EQ(error_of(bad), "$.treatment.regimens.p.schedule_by_course: no schedule applies to course 1 without add-ons");
  bad = base;
  bad["regimens"]["p"]["schedules"]["s"][0]["dose_mg_m2"] = Json::parse(R"([{"courses": "1", "value": 1}])");
  EXPECT_EQ(error_of(bad), "$.treatment.regimens.p.schedules.s: d on day 1 has no dose level for course 2");
  EXPECT_EQ(error_of(base, {"p", "q"}), "$.treatment.regimens: period 'q' has no regimen");
  bad = base;
  bad["regimens"]["p"]["earliest_next_course_days"] = 35;
  EXPECT_EQ(error_of(bad), "$.treatment.regimens.p.earliest_next_course_days: must not be later than course_interval_days");
  bad = base;
  bad["bsa"] = {{"formula", "guess"}};
  EXPECT_NE(error_of(bad).find("'guess' is not a BSA formula"), std::string::npos);
  EXPECT_EQ(parse_course_range("2-", "$")->text(), "2-");
  for (const char* text : {"0", "3-2", "-", "1-1000", "x"}) {
    auto range = parse_course_range(text, "$.courses");
    ASSERT_FALSE(range.ok()) << text;
    EXPECT_EQ(range.error().to_string(),
              "$.courses: '" + std::string(text) + "' is not a course range (\"1\", \"2-\" or \"1-8\")");
  }
}

}  // namespace
}  // namespace trialcore::treatment
