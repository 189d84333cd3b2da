#include "base/units.h"

#include <array>

namespace trialcore {

namespace {

// Base units: cm, kg, m2, min, mg/dL, umol/L, U/L, 10*9/L, %, mg/m2, mg, d.
constexpr std::array kUnits = {
    Unit{"1", Dimension::kNone, 1.0, "1"},
    Unit{"cm", Dimension::kLength, 1.0, "cm"},
    Unit{"m", Dimension::kLength, 100.0, "cm"},
    Unit{"in", Dimension::kLength, 2.54, "cm"},
    Unit{"kg", Dimension::kMass, 1.0, "kg"},
    Unit{"g", Dimension::kMass, 0.001, "kg"},
    Unit{"lb", Dimension::kMass, 0.45359237, "kg"},
    Unit{"m2", Dimension::kArea, 1.0, "m2"},
    Unit{"min", Dimension::kTime, 1.0, "min"},
    Unit{"h", Dimension::kTime, 60.0, "min"},
    Unit{"mg/dL", Dimension::kMassConcentration, 1.0, "mg/dL"},
    Unit{"g/dL", Dimension::kMassConcentration, 1000.0, "mg/dL"},
    Unit{"g/L", Dimension::kMassConcentration, 100.0, "mg/dL"},
    Unit{"umol/L", Dimension::kSubstanceConcentration, 1.0, "umol/L"},
    Unit{"mmol/L", Dimension::kSubstanceConcentration, 1000.0, "umol/L"},
    Unit{"U/L", Dimension::kCatalyticConcentration, 1.0, "U/L"},
    Unit{"10*9/L", Dimension::kCountConcentration, 1.0, "10*9/L"},
    Unit{"/uL", Dimension::kCountConcentration, 0.001, "10*9/L"},
    Unit{"%", Dimension::kFraction, 1.0, "%"},
    Unit{"mg/m2", Dimension::kDosePerArea, 1.0, "mg/m2"},
    Unit{"mg", Dimension::kDose, 1.0, "mg"},
    Unit{"d", Dimension::kDuration, 1.0, "d"},
};

}  // namespace

std::optional<Unit> find_unit(std::string_view symbol) {
  for (const Unit& unit : kUnits) {
    if (unit.symbol == symbol) return unit;
  }
  return std::nullopt;
}

std::vector<std::string_view> unit_symbols(Dimension dimension) {
  std::vector<std::string_view> symbols;
  for (const Unit& unit : kUnits) {
    if (unit.dimension == dimension) symbols.push_back(unit.symbol);
  }
  return symbols;
}

std::string unit_choices(Dimension dimension) {
  std::string list;
  for (std::string_view symbol : unit_symbols(dimension)) {
    if (!list.empty()) list += ", ";
    list += symbol;
  }
  return list;
}

std::string_view dimension_name(Dimension dimension) {
  switch (dimension) {
    case Dimension::kNone: return "number";
    case Dimension::kLength: return "length";
    case Dimension::kMass: return "mass";
    case Dimension::kArea: return "area";
    case Dimension::kTime: return "time";
    case Dimension::kMassConcentration: return "mass concentration";
    case Dimension::kSubstanceConcentration: return "substance concentration";
    case Dimension::kCatalyticConcentration: return "catalytic concentration";
    case Dimension::kCountConcentration: return "count concentration";
    case Dimension::kFraction: return "fraction";
    case Dimension::kDosePerArea: return "dose per area";
    case Dimension::kDose: return "dose";
    case Dimension::kDuration: return "duration";
  }
  return "unknown";
}

Result<double> convert_units(double value, std::string_view from, std::string_view to) {
  auto source = find_unit(from);
  if (!source) return Error{"", "unknown unit '" + std::string(from) + "'"};
  auto target = find_unit(to);
  if (!target) return Error{"", "unknown unit '" + std::string(to) + "'"};
  if (source->dimension != target->dimension) {
    return Error{"", "cannot convert " + std::string(from) + " (" +
                         std::string(dimension_name(source->dimension)) + ") to " +
                         std::string(to) + " (" + std::string(dimension_name(target->dimension)) +
                         ")"};
  }
  return value * source->per_base / target->per_base;
}

}  // namespace trialcore
