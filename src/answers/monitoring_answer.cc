#include "answers/monitoring_answer.h"

#include "answers/input_values.h"
#include "stats/monitoring_output.h"

namespace trialcore::answers {

Result<std::string> monitor_answer(const MonitorInput& input, std::vector<std::string>&) {
  auto protocol = protocol_of_file(input.protocol_file);
  auto run = protocol.ok() ? stats::complete_monitoring_request(input.request, protocol->monitoring)
                           : Result<stats::MonitoringRun>(protocol.error());
  if (!run.ok()) return Error{run.error().path, run.error().message, ErrorKind::kBadInput};
  auto report = stats::monitoring_report(run->design, run->true_rates, run->simulated_trials, run->seed);
  if (!report.ok()) return Error{report.error().path, report.error().message, ErrorKind::kFailure};
  return input.json ? stats::monitoring_report_json(*report).dump(2) + "\n" : stats::monitoring_report_text(*report);
}

}  // namespace trialcore::answers
