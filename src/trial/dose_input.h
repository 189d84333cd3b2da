// A dose as given, the input of record-dose and of a dose's correction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/object_reader.h"

namespace trialcore::trial {

struct DoseInput {
  int course = 0;
  int day = 0;
  std::string drug;
  Date date;
  std::optional<std::string> start_time;  // "HH:MM"
  double dose_mg = 0;
  std::optional<double> infusion_minutes;
  std::string explanation;  // for a dose that departs from the plan
  std::vector<std::string> confirm;  // the soft checks confirmed (soft_checks.h)
};

// Reads {"course", "day", "drug", "date", "dose_mg"} and the optional "start_time",
// "infusion_minutes", "explanation", "confirm" from `in`; mistakes stay in the reader.
DoseInput read_dose_input(ObjectReader& in);

}  // namespace trialcore::trial
