// The reports a command prints: the primary endpoint from the trial's record or from an
// input file of patients, the registry's results section, and the adverse events.
#pragma once

#include <string>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "trial/open_trial.h"

namespace trialcore::answers {

struct ReportInput {
  std::string input_file;  // a JSON file of patients instead of the trial's record
  std::string date;        // empty: today
  bool registry = false;   // the registry's results section
};

// The date the report is as of ("$.date"); the registry's section is written from the
// record only ("$.registry" when an input file is given too).
Result<Date> report_date(const ReportInput& input);

// The endpoint report of the patients in the input file.
Result<std::string> report_of_file(const ReportInput& input, Date as_of, const std::string& protocol_file, bool json);

// The endpoint report of the trial's record, or its registry results section.
Result<std::string> report_of_record(trial::OpenTrial& trial, const ReportInput& input, Date as_of, bool json);

// The adverse events per period and overall.
Result<std::string> safety_report_of_record(trial::OpenTrial& trial, Date as_of, bool json);

}  // namespace trialcore::answers
