// The endpoint report's input as a JSON file, for data managers who keep the trial's data
// elsewhere (docs/report.md):
//   {"patients": [{"id", "period", "enrolled_on", "courses_given" or "course_starts": [DATE],
//     "record": {record fields},
//     "assessments": [{"course", "date", "anc", ..., or "response": "CR"}],
//     "survival": {"death": DATE} or {"last_known_alive": DATE}}]}
// Each assessment is classified by the protocol's definitions, or taken as the category it
// names (an adjudicated response). Read as of `as_of`, as the report that day would have
// been: patients enrolled later, courses started and assessments dated later are left out,
// and survival is censored at `as_of`.
#pragma once

#include <vector>

#include "report/endpoint_report.h"

namespace trialcore::report {

Result<std::vector<ReportPatient>> read_report_input(const Protocol& protocol, const Json& input, const std::string& path,
                                                     Date as_of);

// The report as of `as_of` of the patients in the input file `file` ("-" reads standard
// input); an error in the file names it before the JSON path.
Result<EndpointReport> report_of_input_file(const Protocol& protocol, const std::string& file, Date as_of);

}  // namespace trialcore::report
