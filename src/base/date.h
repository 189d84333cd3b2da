// A calendar date (no time, no zone): clinical dates as a protocol speaks of them.
// Parsed from and written as ISO 8601 "YYYY-MM-DD"; the engine never reads the clock.
#pragma once

#include <chrono>
#include <compare>
#include <string>
#include <string_view>

#include "base/result.h"

namespace trialcore {

class Date {
 public:
  Date() = default;  // 1970-01-01
  explicit Date(std::chrono::sys_days days) : days_(days) {}
  Date(int year, unsigned month, unsigned day);  // must be a valid date (programmer error if not)

  // Accepts exactly YYYY-MM-DD with a real day of a real month; names what is wrong otherwise.
  static Result<Date> Parse(std::string_view text);

  std::string to_string() const;  // "2010-07-02"

  int year() const;
  unsigned month() const;
  unsigned day() const;
  std::chrono::sys_days sys_days() const { return days_; }

  Date plus_days(long days) const;
  // Calendar months: 31 January + 1 month is 28 (or 29) February; a day the month lacks
  // becomes its last day. Negative counts go back.
  Date plus_months(long months) const;
  Date plus_years(long years) const;  // 29 February + 1 year is 28 February

  // Days from this date to `later` (negative when `later` is earlier).
  long days_until(Date later) const;

  // Whole years from this date to `on` (age at a date: the birthday counts on the day).
  int whole_years_until(Date on) const;

  auto operator<=>(const Date&) const = default;
  bool operator==(const Date&) const = default;

 private:
  std::chrono::sys_days days_{};
};

}  // namespace trialcore
