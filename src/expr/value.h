// Values of the criteria language. Any value may be unknown (CQL's null): evaluation keeps
// it unknown instead of guessing, and says which fact is missing.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/date.h"

namespace trialcore::expr {

struct Quantity {
  double amount = 0;
  std::string unit;  // a symbol of base/units.h
};

enum class DurationUnit { kDays, kWeeks, kMonths, kYears };

struct Duration {
  long count = 0;
  DurationUnit unit = DurationUnit::kDays;
};

struct Value;
struct Record;
using List = std::shared_ptr<const std::vector<Record>>;

// A dated measurement, its value in the unit the protocol's catalogue keeps it in.
struct Observation {
  std::string code;  // "bilirubin"
  Date date;
  std::variant<Quantity, std::string> value;
  std::optional<double> uln;  // upper limit of normal, in the value's unit
  std::string method;         // "echo", "MUGA", ... when recorded
};

struct Value {
  std::variant<std::monostate, bool, double, Quantity, std::string, Date, Duration, Observation,
               List, std::shared_ptr<const Record>>
      data;

  static Value Unknown() { return {}; }
  static Value Boolean(bool b) { return {b}; }
  static Value Number(double n) { return {n}; }
  static Value OfQuantity(double amount, std::string unit) {
    return {Quantity{amount, std::move(unit)}};
  }
  static Value Text(std::string text) { return {std::move(text)}; }
  static Value OfDate(Date date) { return {date}; }
  static Value OfDuration(long count, DurationUnit unit) { return {Duration{count, unit}}; }
  static Value OfObservation(Observation observation) { return {std::move(observation)}; }
  static Value OfList(List list) { return {std::move(list)}; }

  bool known() const { return data.index() != 0; }
  bool is_boolean() const { return std::holds_alternative<bool>(data); }
  bool boolean() const { return std::get<bool>(data); }
  bool is_true() const { return is_boolean() && boolean(); }
  bool is_false() const { return is_boolean() && !boolean(); }
  double number() const { return std::get<double>(data); }
  const Quantity& quantity() const { return std::get<Quantity>(data); }
  const std::string& text() const { return std::get<std::string>(data); }
  Date date() const { return std::get<Date>(data); }
  const Duration& duration() const { return std::get<Duration>(data); }
  const Observation& observation() const { return std::get<Observation>(data); }
  const List& list() const { return std::get<List>(data); }
};

// One element of a list fact; members in the order of its RecordType.
struct Record {
  std::vector<Value> members;
};

// The value an observation stands for; any other value unchanged.
Value observed_value(const Value& value);

// "0.8", "1.5 mg/dL", "2010-07-01", "14 days", "true", "B-ALL"; "unknown" when unknown.
std::string format_value(const Value& value);
std::string format_number(double number);
std::string format_duration(const Duration& duration);

// Equal values (quantities converted to one unit first); false if either is unknown.
bool values_equal(const Value& a, const Value& b);

// date + duration (calendar arithmetic; negative counts go back).
Date add_duration(Date date, const Duration& duration, int sign);

}  // namespace trialcore::expr
