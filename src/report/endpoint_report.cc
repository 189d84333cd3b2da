#include "report/endpoint_report.h"

#include <cstdio>
#include <sstream>

#include "base/json_array.h"

namespace trialcore::report {

namespace {

// Patients treated in the group, counted by best response over the courses that count.
GroupResult tally(const Protocol& protocol, const std::string& label, const std::vector<const ReportPatient*>& patients,
                  const std::vector<std::string>& categories) {
  GroupResult group;
  group.label = label;
  for (const std::string& category : categories) group.best[category] = 0;
  for (const ReportPatient* patient : patients) {
    ++group.enrolled;
    if (patient->summary.courses_given < 1) continue;
    ++group.treated;
    ++group.best[patient->summary.best_response.value_or(protocol.response.not_evaluable)];
    if (patient->summary.responder) ++group.responders;
  }
  if (group.treated > 0) {
    auto rate = stats::clopper_pearson_interval(group.responders, group.treated, 0.95);
    if (rate.ok()) group.rate = *rate;
  }
  return group;
}

Result<SurvivalResult> survival_of(const std::string& label, const std::vector<const ReportPatient*>& patients) {
  std::vector<stats::SurvivalObservation> observations;
  for (const ReportPatient* patient : patients) {
    if (!patient->survival) continue;
    long days = patient->survival->start.days_until(patient->survival->last_known);
    if (days < 0) continue;
    observations.push_back({static_cast<double>(days), patient->survival->died ? 1 : 0});
  }
  if (observations.empty()) return Error{"", "no survival data"};
  auto curve = stats::kaplan_meier(observations, 0.95);
  if (!curve.ok()) return curve.error();
  SurvivalResult result;
  result.label = label;
  result.curve = std::move(*curve);
  return result;
}

std::string percent(double value) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", value * 100);
  return text;
}

std::string days(const std::optional<double>& value, const char* absent = "not reached") {
  if (!value) return absent;
  char text[24];
  std::snprintf(text, sizeof text, "%.0f days", *value);
  return text;
}

OrderedJson group_json(const GroupResult& group) {
  OrderedJson best = OrderedJson::object();
  for (const auto& [category, count] : group.best) best[category] = count;
  OrderedJson json = {{"group", group.label}, {"enrolled", group.enrolled}, {"treated", group.treated},
                      {"responders", group.responders}, {"best_response", best}};
  if (group.rate) {
    json["rate"] = group.rate->proportion;
    json["ci95"] = {group.rate->lower, group.rate->upper};
  } else {
    json["rate"] = nullptr;
    json["ci95"] = nullptr;
  }
  return json;
}

}  // namespace

Result<EndpointReport> endpoint_report(const Protocol& protocol, const std::vector<ReportPatient>& patients, Date as_of) {
  if (protocol.response.empty()) return Error{"", "the protocol defines no response categories"};
  EndpointReport report;
  report.as_of = as_of;
  for (const response::Category& category : protocol.response.categories) report.categories.push_back(category.id);
  report.categories.push_back(protocol.response.not_evaluable);

  std::vector<const ReportPatient*> all;
  for (const ReportPatient& patient : patients) all.push_back(&patient);
  report.enrolled = static_cast<int>(all.size());
  for (const Period& period : protocol.periods) {
    std::vector<const ReportPatient*> members;
    for (const ReportPatient* patient : all) {
      if (patient->summary.period == period.id) members.push_back(patient);
    }
    report.periods.push_back(tally(protocol, period.id, members, report.categories));
    auto survival = survival_of(period.id, members);
    if (survival.ok()) report.survival.push_back(std::move(*survival));
  }
  report.overall = tally(protocol, "overall", all, report.categories);
  auto overall_survival = survival_of("overall", all);
  if (overall_survival.ok()) report.survival.push_back(std::move(*overall_survival));

  std::vector<PatientSummary> summaries;
  for (const ReportPatient* patient : all) summaries.push_back(patient->summary);
  for (const Subgroup& subgroup : protocol.rules.subgroups) {
    std::vector<const ReportPatient*> members;
    for (const ReportPatient* patient : all) {
      expr::FactValues values = cohort_fact_values(protocol, patient->summary, as_of);
      expr::Evaluator evaluator(*protocol.cohort_library, values);
      expr::Outcome in = evaluator.evaluate(subgroup.when);
      if (in.value.is_true()) members.push_back(patient);
      if (!in.value.known() && std::find(report.undecided_subgroup.begin(), report.undecided_subgroup.end(),
                                         patient->summary.record.id) == report.undecided_subgroup.end()) {
        report.undecided_subgroup.push_back(patient->summary.record.id);
      }
    }
    report.subgroups.push_back(tally(protocol, subgroup.label, members, report.categories));
  }
  report.accrual_target = protocol.rules.accrual_target;
  for (const Target& target : protocol.rules.targets) {
    report.targets.push_back({target.id, target.label, target.minimum, count_patients(protocol, summaries, target.counts, as_of).count});
  }
  return report;
}

OrderedJson report_json(const EndpointReport& report, const Protocol& protocol) {
  OrderedJson periods = json_array<OrderedJson>(report.periods, group_json);
  OrderedJson subgroups = json_array<OrderedJson>(report.subgroups, group_json);
  OrderedJson targets = json_array<OrderedJson>(report.targets, [](const TargetResult& target) {
    return OrderedJson{{"id", target.id}, {"label", target.label}, {"minimum", target.minimum},
                       {"count", target.count}, {"met", target.count >= target.minimum}};
  });
  OrderedJson survival = OrderedJson::array();
  for (const SurvivalResult& result : report.survival) {
    OrderedJson steps = OrderedJson::array();
    for (const stats::SurvivalStep& step : result.curve.steps) {
      steps.push_back({{"time", step.time}, {"at_risk", step.at_risk}, {"events", step.events}, {"censored", step.censored},
                       {"survival", step.survival},
                       {"lower", step.lower ? OrderedJson(*step.lower) : OrderedJson()},
                       {"upper", step.upper ? OrderedJson(*step.upper) : OrderedJson()}});
    }
    auto optional = [](const std::optional<double>& value) { return value ? OrderedJson(*value) : OrderedJson(); };
    survival.push_back({{"group", result.label}, {"subjects", result.curve.subjects}, {"events", result.curve.events},
                        {"median_days", optional(result.curve.median.median)},
                        {"median_ci95", {optional(result.curve.median.lower), optional(result.curve.median.upper)}},
                        {"steps", steps}});
  }
  OrderedJson accrual = {{"enrolled", report.enrolled},
                         {"target", report.accrual_target ? OrderedJson(*report.accrual_target) : OrderedJson()}};
  if (report.accrual_target) accrual["remaining"] = std::max(0, *report.accrual_target - report.enrolled);
  return {{"protocol", protocol.id},
          {"protocol_version", protocol.version},
          {"as_of", report.as_of.to_string()},
          {"categories", report.categories},
          {"periods", periods},
          {"overall", group_json(report.overall)},
          {"subgroups", subgroups},
          {"undecided_subgroup", report.undecided_subgroup},
          {"accrual", accrual},
          {"targets", targets},
          {"survival", survival}};
}

std::string report_text(const EndpointReport& report, const Protocol& protocol) {
  std::ostringstream out;
  out << "Primary endpoint of " << protocol.id << " as of " << report.as_of.to_string() << "\n"
      << "Response = " ;
  bool first = true;
  for (const response::Category& category : protocol.response.categories) {
    if (!category.responder) continue;
    out << (first ? "" : ", ") << category.id;
    first = false;
  }
  out << "; best response over the courses that count; intent to treat (any dose given).\n\n";
  auto row = [&](const GroupResult& group) {
    char line[256];
    std::snprintf(line, sizeof line, "%-14s %8d %8d", group.label.c_str(), group.enrolled, group.treated);
    out << line;
    for (const std::string& category : report.categories) {
      std::snprintf(line, sizeof line, " %5d", group.best.at(category));
      out << line;
    }
    std::snprintf(line, sizeof line, " %10d", group.responders);
    out << line;
    if (group.rate) {
      out << "  " << percent(group.rate->proportion) << " (95% CI " << percent(group.rate->lower) << " to "
          << percent(group.rate->upper) << ")";
    }
    out << "\n";
  };
  auto header = [&](const char* title) {
    char line[128];
    std::snprintf(line, sizeof line, "%-14s %8s %8s", title, "enrolled", "treated");
    out << line;
    for (const std::string& category : report.categories) {
      std::snprintf(line, sizeof line, " %5s", category.c_str());
      out << line;
    }
    out << "  responders  rate\n";
  };
  header("period");
  for (const GroupResult& group : report.periods) row(group);
  row(report.overall);
  if (!report.subgroups.empty()) {
    out << "\n";
    header("subgroup");
    for (const GroupResult& group : report.subgroups) row(group);
    if (!report.undecided_subgroup.empty()) {
      out << "  not placed in a subgroup (a fact is missing):";
      for (const std::string& id : report.undecided_subgroup) out << " " << id;
      out << "\n";
    }
  }
  out << "\nAccrual: " << report.enrolled << " enrolled";
  if (report.accrual_target) {
    out << " of a target of " << *report.accrual_target;
    if (report.enrolled >= *report.accrual_target) out << " (reached: enrollment past it needs an amendment)";
  }
  out << "\n";
  for (const TargetResult& target : report.targets) {
    out << "Target " << target.label << ": " << target.count << " of at least " << target.minimum
        << (target.count >= target.minimum ? " (met)" : " (not yet met)") << "\n";
  }
  if (!report.survival.empty()) out << "\nOverall survival from enrollment (Kaplan-Meier, median with 95% CI, log-log):\n";
  for (const SurvivalResult& result : report.survival) {
    out << "  " << result.label << ": " << result.curve.subjects << " patients, " << result.curve.events
        << " deaths, median " << days(result.curve.median.median) << " (95% CI " << days(result.curve.median.lower, "NA")
        << " to " << days(result.curve.median.upper, "NA") << ")\n";
  }
  return out.str();
}

}  // namespace trialcore::report
