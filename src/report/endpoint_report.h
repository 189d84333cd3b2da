// The primary endpoint, as the statisticians report it (docs/report.md, docs/interpretation.md):
// per period and overall, and by the protocol's subgroups, the patients treated (intent to
// treat: any dose given), their best responses, the responders and the response rate with
// its exact Clopper-Pearson 95% interval; accrual against its target and the protocol's
// targets; overall survival from enrollment by Kaplan-Meier, per period.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cohort/patient_summary.h"
#include "protocol/protocol.h"
#include "response/best_response.h"
#include "stats/binomial_interval.h"
#include "stats/kaplan_meier.h"

namespace trialcore::report {

struct Survival {
  Date start;            // enrollment
  Date last_known;       // death, or the last day known alive
  bool died = false;
};

struct ReportPatient {
  // Record, period, enrolled_on, courses_given, and the best response over the courses
  // that count (response::best_response of the assessments); absent: never assessed.
  PatientSummary summary;
  std::optional<Survival> survival;
};

struct GroupResult {
  std::string label;
  int enrolled = 0;
  int treated = 0;     // the denominator: at least one dose given
  int responders = 0;
  std::map<std::string, int> best;  // category (and not evaluable) -> treated patients
  std::optional<stats::BinomialInterval> rate;  // when treated > 0
};

struct SurvivalResult {
  std::string label;
  stats::KaplanMeierCurve curve;  // with its median and 95% interval
};

struct TargetResult {
  std::string id;
  std::string label;
  int minimum = 0;
  int count = 0;
};

struct EndpointReport {
  Date as_of;
  std::vector<GroupResult> periods;
  GroupResult overall;
  std::vector<GroupResult> subgroups;
  std::vector<std::string> undecided_subgroup;  // patients a subgroup rule could not place
  int enrolled = 0;
  std::optional<int> accrual_target;
  std::vector<TargetResult> targets;
  std::vector<SurvivalResult> survival;  // per period that has patients, then overall
  std::vector<std::string> categories;   // the report's columns, in rank order, not evaluable last
};

Result<EndpointReport> endpoint_report(const Protocol& protocol, const std::vector<ReportPatient>& patients, Date as_of);

OrderedJson report_json(const EndpointReport& report, const Protocol& protocol);
std::string report_text(const EndpointReport& report, const Protocol& protocol);

}  // namespace trialcore::report
