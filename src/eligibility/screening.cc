#include "eligibility/screening.h"

#include "expr/evaluator.h"
#include "patient/facts_as_of.h"

namespace trialcore {

const char* result_name(CriterionResult result) {
  switch (result) {
    case CriterionResult::kPass: return "pass";
    case CriterionResult::kFail: return "fail";
    case CriterionResult::kUnknown: return "unknown";
    case CriterionResult::kNotApplicable: return "not-applicable";
    case CriterionResult::kWaived: return "waived";
  }
  return "unknown";
}

const char* eligibility_name(Eligibility eligible) {
  switch (eligible) {
    case Eligibility::kYes: return "yes";
    case Eligibility::kNo: return "no";
    case Eligibility::kUnknown: return "unknown";
  }
  return "unknown";
}

namespace {

std::string waivable_list(const Protocol& protocol) {
  std::string list;
  for (const Criterion& criterion : protocol.criteria) {
    if (criterion.waivable) list += (list.empty() ? "" : ", ") + criterion.id;
  }
  return list.empty() ? "none" : list;
}

CriterionScreening evaluate_criterion(const Criterion& criterion, expr::Evaluator& evaluator) {
  CriterionScreening screening;
  screening.id = criterion.id;
  if (criterion.applies_when) {
    expr::Outcome applies = evaluator.evaluate(*criterion.applies_when);
    if (applies.value.is_false()) {
      screening.result = CriterionResult::kNotApplicable;
      screening.reason = "not applicable: " + applies.reason;
      return screening;
    }
    if (!applies.value.known()) {
      screening.result = CriterionResult::kUnknown;
      screening.reason = "whether it applies is unknown: " + applies.reason;
      screening.missing = applies.missing;
      return screening;
    }
  }
  expr::Outcome outcome = evaluator.evaluate(criterion.rule);
  screening.reason = outcome.reason;
  if (!outcome.value.known()) {
    screening.result = CriterionResult::kUnknown;
    screening.missing = outcome.missing;
    return screening;
  }
  bool holds = outcome.value.boolean();
  bool passes = criterion.kind == CriterionKind::kInclusion ? holds : !holds;
  screening.result = passes ? CriterionResult::kPass : CriterionResult::kFail;
  return screening;
}

// A waiver turns a failed or unknown criterion into waived; it is noted, not used, on one
// that passes anyway.
void apply_waiver(CriterionScreening& screening, const patient::Waiver& waiver) {
  std::string granted = "waived by " + waiver.by + " on " + waiver.date.to_string() + ": " + waiver.reason;
  if (screening.result == CriterionResult::kFail || screening.result == CriterionResult::kUnknown) {
    screening.reason = granted + " (without the waiver: " + result_name(screening.result) + ", " + screening.reason + ")";
    screening.result = CriterionResult::kWaived;
    screening.missing.clear();
    screening.waiver = waiver;
  } else {
    screening.reason += " (a waiver is on file but not needed)";
  }
}

}  // namespace

Status check_waivers(const Protocol& protocol, const patient::PatientRecord& record) {
  for (const patient::Waiver& waiver : record.waivers) {
    const Criterion* criterion = protocol.find_criterion(waiver.criterion);
    std::string path = member_path(waiver.path, "criterion");
    if (!criterion) return Error{path, "'" + waiver.criterion + "' is not a criterion of " + protocol.id};
    if (!criterion->waivable) {
      return Error{path, "'" + waiver.criterion + "' cannot be waived (waivable: " + waivable_list(protocol) + ")"};
    }
  }
  return Status::Ok();
}

Result<Screening> screen(const Protocol& protocol, const patient::PatientRecord& record, Date date,
                         const TrialFactValues& trial_facts) {
  Status waivers = check_waivers(protocol, record);
  if (!waivers.ok()) return waivers.error();
  const expr::Schema& schema = protocol.library->schema();
  std::vector<expr::Value> trial_values;
  for (const expr::FactDeclaration& fact : schema.trial_facts) {
    auto given = trial_facts.find(fact.name);
    trial_values.push_back(given == trial_facts.end() ? expr::Value::Unknown() : given->second);
  }
  expr::FactValues facts = patient::facts_as_of(record, protocol.record_format, date, std::move(trial_values));
  expr::Evaluator evaluator(*protocol.library, facts);

  Screening screening;
  screening.patient = record.id;
  screening.date = date;
  bool any_fail = false, any_unknown = false;
  for (const Criterion& criterion : protocol.criteria) {
    CriterionScreening result = evaluate_criterion(criterion, evaluator);
    for (const patient::Waiver& waiver : record.waivers) {
      if (waiver.criterion == criterion.id && !(date < waiver.date)) {
        apply_waiver(result, waiver);
        break;
      }
    }
    any_fail = any_fail || result.result == CriterionResult::kFail;
    any_unknown = any_unknown || result.result == CriterionResult::kUnknown;
    screening.criteria.push_back(std::move(result));
  }
  screening.eligible = any_fail ? Eligibility::kNo : any_unknown ? Eligibility::kUnknown : Eligibility::kYes;
  return screening;
}

}  // namespace trialcore
