#include "base/date.h"

#include <gtest/gtest.h>

namespace trialcore {
namespace {

TEST(DateTest, ParsesAndWritesIso) {
  auto date = Date::Parse("2010-07-02");
  ASSERT_TRUE(date.ok());
  EXPECT_EQ(date->to_string(), "2010-07-02");
  EXPECT_EQ(date->year(), 2010);
  EXPECT_EQ(date->month(), 7u);
  EXPECT_EQ(date->day(), 2u);
}

// Why `text` is not a date; empty when it is one.
std::string refusal(std::string_view text) {
  auto date = Date::Parse(text);
  return date.ok() ? "" : date.error().message;
}

TEST(DateTest, RejectsImpossibleDates) {
  EXPECT_EQ(refusal("2010-02-30"), "'2010-02-30' is not a date (2010-02 has no day 30)");
  EXPECT_EQ(refusal("2010-13-01"), "'2010-13-01' is not a date (no month 13)");
  EXPECT_EQ(refusal("2010-00-10"), "'2010-00-10' is not a date (no month 0)");
  EXPECT_EQ(refusal("2011-02-29"), "'2011-02-29' is not a date (2011-02 has no day 29)");
  EXPECT_TRUE(Date::Parse("2012-02-29").ok());
  EXPECT_EQ(refusal("1900-02-29"), "'1900-02-29' is not a date (1900-02 has no day 29)");  // not a leap year
  EXPECT_TRUE(Date::Parse("2000-02-29").ok());   // a leap year
  EXPECT_EQ(refusal("1899-12-31"), "'1899-12-31' is not a date (year before 1900)");
}

TEST(DateTest, RejectsOtherFormats) {
  for (const char* text : {"2010-7-2", "02/07/2010", "2010-07-02T00:00", "", "abcd-ef-gh",
                           " 2010-07-02", "2010_07_02"}) {
    EXPECT_EQ(refusal(text), "'" + std::string(text) + "' is not a date (expected YYYY-MM-DD)") << text;
  }
  EXPECT_NE(Date::Parse("2010-02-30").error().message.find("no day 30"), std::string::npos);
}

TEST(DateTest, CalendarMonthsClampToMonthEnd) {
  EXPECT_EQ(Date(2010, 1, 31).plus_months(1).to_string(), "2010-02-28");
  EXPECT_EQ(Date(2012, 1, 31).plus_months(1).to_string(), "2012-02-29");
  EXPECT_EQ(Date(2010, 6, 30).plus_months(-4).to_string(), "2010-02-28");
  EXPECT_EQ(Date(2010, 7, 15).plus_months(-4).to_string(), "2010-03-15");
  EXPECT_EQ(Date(2012, 2, 29).plus_years(1).to_string(), "2013-02-28");
  EXPECT_EQ(Date(2010, 12, 31).plus_months(2).to_string(), "2011-02-28");
}

TEST(DateTest, DaysAcrossLeapDay) {
  EXPECT_EQ(Date(2012, 2, 28).days_until(Date(2012, 3, 1)), 2);
  EXPECT_EQ(Date(2011, 2, 28).days_until(Date(2011, 3, 1)), 1);
  EXPECT_EQ(Date(2012, 2, 20).plus_days(28).to_string(), "2012-03-19");
  EXPECT_EQ(Date(2010, 7, 2).days_until(Date(2010, 6, 18)), -14);
}

TEST(DateTest, AgeCountsTheBirthdayOnTheDay) {
  Date birth(1994, 7, 2);
  EXPECT_EQ(birth.whole_years_until(Date(2010, 7, 1)), 15);
  EXPECT_EQ(birth.whole_years_until(Date(2010, 7, 2)), 16);
  Date leap_birth(1996, 2, 29);
  EXPECT_EQ(leap_birth.whole_years_until(Date(2012, 2, 28)), 15);
  EXPECT_EQ(leap_birth.whole_years_until(Date(2012, 2, 29)), 16);
  EXPECT_EQ(leap_birth.whole_years_until(Date(2013, 2, 28)), 16);
  EXPECT_EQ(leap_birth.whole_years_until(Date(2013, 3, 1)), 17);
}

}  // namespace
}  // namespace trialcore
