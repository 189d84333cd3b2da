#include "eligibility/screening_output.h"

#include <algorithm>
#include <sstream>

namespace trialcore {

OrderedJson screening_json(const Screening& screening) {
  OrderedJson criteria = OrderedJson::array();
  for (const CriterionScreening& criterion : screening.criteria) {
    OrderedJson entry = {{"id", criterion.id}, {"result", result_name(criterion.result)}, {"reason", criterion.reason}};
    if (criterion.result == CriterionResult::kUnknown) entry["missing"] = criterion.missing;
    criteria.push_back(std::move(entry));
  }
  return {{"patient", screening.patient},
          {"date", screening.date.to_string()},
          {"eligible", eligibility_name(screening.eligible)},
          {"criteria", std::move(criteria)}};
}

namespace {

std::string mark(CriterionResult result) {
  switch (result) {
    case CriterionResult::kPass: return "[pass]   ";
    case CriterionResult::kFail: return "[FAIL]   ";
    case CriterionResult::kUnknown: return "[UNKNOWN]";
    case CriterionResult::kNotApplicable: return "[n/a]    ";
    case CriterionResult::kWaived: return "[waived] ";
  }
  return "";
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

}  // namespace

std::string screening_checklist(const Screening& screening, const Protocol& protocol) {
  std::ostringstream out;
  out << "Screening of " << screening.patient << " as of " << screening.date.to_string() << "\n"
      << "Protocol " << protocol.id << " (version " << protocol.version << ")\n\n";
  std::vector<std::string> failed, unknown, to_obtain;
  for (const CriterionScreening& criterion : screening.criteria) {
    if (criterion.result == CriterionResult::kFail) failed.push_back(criterion.id);
    if (criterion.result == CriterionResult::kUnknown) unknown.push_back(criterion.id);
    for (const std::string& fact : criterion.missing) {
      if (std::find(to_obtain.begin(), to_obtain.end(), fact) == to_obtain.end()) to_obtain.push_back(fact);
    }
  }
  out << "ELIGIBLE: " << eligibility_name(screening.eligible) << "\n";
  if (!failed.empty()) out << "  not met: " << join(failed) << "\n";
  if (!unknown.empty()) out << "  not yet decided: " << join(unknown) << "\n";
  if (!to_obtain.empty()) out << "  to obtain: " << join(to_obtain) << "\n";

  size_t width = 0;
  for (const CriterionScreening& criterion : screening.criteria) width = std::max(width, criterion.id.size());
  for (CriterionKind kind : {CriterionKind::kInclusion, CriterionKind::kExclusion}) {
    out << "\n" << (kind == CriterionKind::kInclusion ? "Inclusion criteria" : "Exclusion criteria") << "\n";
    for (const CriterionScreening& criterion : screening.criteria) {
      const Criterion* definition = protocol.find_criterion(criterion.id);
      if (!definition || definition->kind != kind) continue;
      out << "  " << mark(criterion.result) << " " << criterion.id
          << std::string(width - criterion.id.size() + 2, ' ') << criterion.reason << "\n";
      if (!criterion.missing.empty()) {
        out << "  " << std::string(9 + 1 + width + 2, ' ') << "obtain: " << join(criterion.missing) << "\n";
      }
    }
  }
  return out.str();
}

}  // namespace trialcore
