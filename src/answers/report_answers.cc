#include "answers/report_answers.h"

#include "answers/input_values.h"
#include "report/report_input.h"
#include "results/registry_results.h"
#include "results/safety_report.h"

namespace trialcore::answers {

namespace {

std::string report_output(const report::EndpointReport& report, const Protocol& protocol, bool json) {
  return json ? report::report_json(report, protocol).dump() + "\n" : report::report_text(report, protocol);
}

}  // namespace

Result<Date> report_date(const ReportInput& input) {
  auto date = date_or_today(input.date, "date");
  if (!date.ok()) return date.error();
  if (input.registry && !input.input_file.empty()) {
    return Error{"$.registry", "is written from the trial's record ($.store), not from $.input"};
  }
  return date;
}

Result<std::string> report_of_file(const ReportInput& input, Date as_of, const std::string& protocol_file, bool json) {
  auto protocol = protocol_of_file(protocol_file);
  if (!protocol.ok()) return protocol.error();
  auto report = report::report_of_input_file(*protocol, input.input_file, as_of);
  if (!report.ok()) return report.error();
  return report_output(*report, *protocol, json);
}

Result<std::string> report_of_record(trial::OpenTrial& trial, const ReportInput& input, Date as_of, bool json) {
  auto report = trial.service->report(as_of);
  if (!report.ok()) return report.error();
  if (!input.registry) return report_output(*report, trial.protocol, json);
  auto states = trial.service->patient_states();
  if (!states.ok()) return states.error();
  results::SafetyReport safety = results::safety_report(trial.protocol, *states, as_of);
  OrderedJson section = results::registry_results(trial.protocol, *report, safety, *states, as_of);
  return OrderedJson{{"resultsSection", std::move(section)}}.dump(2) + "\n";
}

Result<std::string> safety_report_of_record(trial::OpenTrial& trial, Date as_of, bool json) {
  auto states = trial.service->patient_states();
  if (!states.ok()) return states.error();
  results::SafetyReport report = results::safety_report(trial.protocol, *states, as_of);
  return json ? results::safety_report_json(report).dump() + "\n" : results::safety_report_text(report);
}

}  // namespace trialcore::answers
