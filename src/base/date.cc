#include "base/date.h"

#include <cstdio>

namespace trialcore {

namespace chrono = std::chrono;
using chrono::sys_days;
using chrono::year_month_day;

Date::Date(int y, unsigned m, unsigned d) : days_(chrono::sys_days(chrono::year{y} / chrono::month{m} / chrono::day{d})) {}

Result<Date> Date::Parse(std::string_view text) {
  auto bad = [&](const std::string& why) {
    return Error{"", "'" + std::string(text) + "' is not a date (" + why + ")"};
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad("expected YYYY-MM-DD");
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return bad("expected YYYY-MM-DD");
  }
  auto number = [&](size_t from, size_t count) {
    int n = 0;
    for (size_t i = from; i < from + count; ++i) n = n * 10 + (text[i] - '0');
    return n;
  };
  int y = number(0, 4);
  unsigned m = static_cast<unsigned>(number(5, 2));
  unsigned d = static_cast<unsigned>(number(8, 2));
  if (y < 1900) return bad("year before 1900");
  if (m < 1 || m > 12) return bad("no month " + std::to_string(m));
  year_month_day date{chrono::year{y}, chrono::month{m}, chrono::day{d}};
  if (!date.ok()) {
    return bad(std::string(text.substr(0, 7)) + " has no day " + std::to_string(d));
  }
  return Date(chrono::sys_days(date));
}

std::string Date::to_string() const {
  year_month_day date{days_};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

int Date::year() const { return static_cast<int>(year_month_day{days_}.year()); }
unsigned Date::month() const { return static_cast<unsigned>(year_month_day{days_}.month()); }
unsigned Date::day() const { return static_cast<unsigned>(year_month_day{days_}.day()); }

Date Date::plus_days(long n) const { return Date(days_ + chrono::days{n}); }

Date Date::plus_months(long n) const {
  year_month_day date{days_};
  year_month_day moved = date + chrono::months{n};
  if (!moved.ok()) moved = moved.year() / moved.month() / chrono::last;
  return Date(chrono::sys_days(moved));
}

Date Date::plus_years(long n) const { return plus_months(n * 12); }

long Date::days_until(Date later) const { return (later.days_ - days_).count(); }

int Date::whole_years_until(Date on) const {
  year_month_day from{days_};
  year_month_day to{on.days_};
  int years = static_cast<int>(to.year()) - static_cast<int>(from.year());
  if (std::pair(unsigned(to.month()), unsigned(to.day())) <
      std::pair(unsigned(from.month()), unsigned(from.day()))) {
    --years;
  }
  return years;
}

}  // namespace trialcore
