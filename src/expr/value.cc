#include "expr/value.h"

#include <cmath>
#include <cstdio>

#include "base/tolerance.h"
#include "base/units.h"

namespace trialcore::expr {

Value observed_value(const Value& value) {
  if (!std::holds_alternative<Observation>(value.data)) return value;
  const Observation& observation = value.observation();
  if (const auto* quantity = std::get_if<Quantity>(&observation.value)) return {*quantity};
  return Value::Text(std::get<std::string>(observation.value));
}

std::string format_number(double number) {
  // Up to 10 significant digits, without trailing zeros: 0.8, 1.8181, 35, 0.000123.
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", number);
  return buffer;
}

std::string format_duration(const Duration& duration) {
  bool one = duration.count == 1 || duration.count == -1;
  const char* unit = "days";
  switch (duration.unit) {
    case DurationUnit::kDays: unit = one ? "day" : "days"; break;
    case DurationUnit::kWeeks: unit = one ? "week" : "weeks"; break;
    case DurationUnit::kMonths: unit = one ? "month" : "months"; break;
    case DurationUnit::kYears: unit = one ? "year" : "years"; break;
  }
  return std::to_string(duration.count) + " " + unit;
}

namespace {

struct Formatter {
  std::string operator()(std::monostate) const { return "unknown"; }
  std::string operator()(bool b) const { return b ? "true" : "false"; }
  std::string operator()(double n) const { return format_number(n); }
  std::string operator()(const Quantity& q) const {
    return format_number(q.amount) + " " + q.unit;
  }
  std::string operator()(const std::string& text) const { return text; }
  std::string operator()(Date date) const { return date.to_string(); }
  std::string operator()(const Duration& duration) const { return format_duration(duration); }
  std::string operator()(const Observation& observation) const {
    return std::visit(*this, observation.value) + " (" + observation.date.to_string() + ")";
  }
  std::string operator()(const List& list) const {
    return std::to_string(list ? list->size() : 0) + " entries";
  }
  std::string operator()(const std::shared_ptr<const Record>&) const { return "a record"; }
};

}  // namespace

std::string format_value(const Value& value) { return std::visit(Formatter{}, value.data); }

bool values_equal(const Value& a_in, const Value& b_in) {
  Value a = observed_value(a_in);
  Value b = observed_value(b_in);
  if (!a.known() || !b.known()) return false;
  if (const auto* qa = std::get_if<Quantity>(&a.data)) {
    const auto* qb = std::get_if<Quantity>(&b.data);
    if (!qb) return false;
    auto converted = convert_units(qb->amount, qb->unit, qa->unit);
    return converted.ok() && compare_with_tolerance(*converted, qa->amount) == 0;
  }
  if (a.data.index() != b.data.index()) return false;
  if (a.is_boolean()) return a.boolean() == b.boolean();
  if (std::holds_alternative<double>(a.data)) return a.number() == b.number();
  if (std::holds_alternative<std::string>(a.data)) return a.text() == b.text();
  if (std::holds_alternative<Date>(a.data)) return a.date() == b.date();
  if (std::holds_alternative<Duration>(a.data)) {
    return a.duration().count == b.duration().count && a.duration().unit == b.duration().unit;
  }
  return false;
}

Date add_duration(Date date, const Duration& duration, int sign) {
  long count = duration.count * sign;
  switch (duration.unit) {
    case DurationUnit::kDays: return date.plus_days(count);
    case DurationUnit::kWeeks: return date.plus_days(7 * count);
    case DurationUnit::kMonths: return date.plus_months(count);
    case DurationUnit::kYears: return date.plus_years(count);
  }
  return date;
}

}  // namespace trialcore::expr
