// The observations a protocol reads (labs, measurements, test results), declared in its
// file: each code's unit, the other units accepted with their conversion factors, whether it
// carries an upper limit of normal, the values a text result may take. A record's
// observations are checked and converted against it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json_fields.h"
#include "base/units.h"
#include "expr/types.h"

namespace trialcore::patient {

struct ObservationSpec {
  std::string code;              // "bilirubin"
  std::string description;
  bool is_text = false;          // a result such as negative / positive
  std::vector<std::string> values;  // is_text: the results possible
  std::string unit;              // the unit values are kept in ("mg/dL")
  Dimension dimension = Dimension::kNone;
  // The other units accepted, each with how many of it make 1 `unit` (bilirubin: 1 mg/dL
  // = 17.1 umol/L; a count: 1 10*9/L = 1000 /uL). Only the units listed are accepted.
  struct Alternative {
    std::string unit;
    double factor = 1;
  };
  std::vector<Alternative> alternatives;
  bool has_uln = false;          // recorded with an upper limit of normal
  std::optional<double> maximum; // in `unit` (100 for a percentage)

  expr::Type type() const;
  // "mg/dL, umol/L"
  std::string accepted_units() const;
  // `value` in `from`, in this observation's unit; an Error if `from` is not accepted.
  Result<double> to_unit(double value, const std::string& from) const;
};

using ObservationCatalogue = std::vector<ObservationSpec>;

// Reads "observations": {"code": {"unit": ..., "also": {"umol/L": 17.1}, "uln": true,
// "maximum": 100, "values": [...], "description": ...}, ...}. A factor between units of one
// dimension must agree with the unit table (1 10*9/L is 1000 /uL, nothing else).
Result<ObservationCatalogue> parse_observation_catalogue(const Json& section, const std::string& path);

const ObservationSpec* find_observation(const ObservationCatalogue& catalogue, const std::string& code);

}  // namespace trialcore::patient
