// Units of measure, by their UCUM-like symbols, and conversion between units of one
// dimension. Conversions that depend on the substance (mg/dL to umol/L of bilirubin) are
// not here: a protocol declares them for each observation.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace trialcore {

enum class Dimension {
  kNone,                   // a plain number, a ratio such as "x ULN"
  kLength,                 // cm
  kMass,                   // kg
  kArea,                   // m2
  kTime,                   // min
  kMassConcentration,      // mg/dL
  kSubstanceConcentration, // umol/L
  kCatalyticConcentration, // U/L
  kCountConcentration,     // 10*9/L
  kFraction,               // %
  kDosePerArea,            // mg/m2
  kDose,                   // mg
  kDuration,               // days (calendar: d, wk, mo, a are in the criteria language)
};

struct Unit {
  std::string_view symbol;    // "mg/dL"
  Dimension dimension;
  double per_base;            // value in the dimension's base unit = value x per_base
  std::string_view base;      // the dimension's base symbol
};

// The unit named by `symbol`, exactly as written ("10*9/L", "/uL", "in", "lb").
std::optional<Unit> find_unit(std::string_view symbol);

// Every symbol known, for messages that list the choices.
std::vector<std::string_view> unit_symbols(Dimension dimension);

// The symbols of `dimension`, joined with ", ".
std::string unit_choices(Dimension dimension);

std::string_view dimension_name(Dimension dimension);

// value in `from` expressed in `to`; an Error if either is unknown or the dimensions differ.
Result<double> convert_units(double value, std::string_view from, std::string_view to);

}  // namespace trialcore
