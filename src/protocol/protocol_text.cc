#include "protocol/protocol_text.h"

#include <sstream>

namespace trialcore {

std::string protocol_summary(const Protocol& protocol) {
  return "ok: " + protocol.id + " version " + protocol.version + ": " + std::to_string(protocol.periods.size()) +
         " periods, " + std::to_string(protocol.criteria.size()) + " criteria, " +
         std::to_string(protocol.response.categories.size()) + " response categories\n";
}

std::string criteria_text(const Protocol& protocol) {
  std::ostringstream out;
  for (const Criterion& criterion : protocol.criteria) {
    bool inclusion = criterion.kind == CriterionKind::kInclusion;
    std::string needs;
    for (const std::string& fact : criterion.needs) needs += (needs.empty() ? "" : ", ") + fact;
    out << criterion.id << " (" << (inclusion ? "inclusion" : "exclusion") << (criterion.waivable ? ", waivable" : "")
        << ")\n"
        << "  record says:   " << criterion.text << "\n";
    if (!criterion.interpretation.empty()) out << "  engine does:   " << criterion.interpretation << "\n";
    if (criterion.applies_when) out << "  applies when:  " << criterion.applies_when->text << "\n";
    out << "  " << (inclusion ? "met when:      " : "excluded when: ") << criterion.rule.text << "\n"
        << "  needs:         " << needs << "\n\n";
  }
  return out.str();
}

std::vector<std::pair<std::string, std::string>> add_ons_of_text(std::string_view protocol_text) {
  std::vector<std::pair<std::string, std::string>> add_ons;
  Json document = Json::parse(protocol_text, nullptr, false);
  if (document.is_discarded()) return add_ons;
  const Json listed = document.value("treatment", Json::object()).value("add_ons", Json::object());
  for (const auto& [id, add_on] : listed.items()) {
    add_ons.emplace_back(id, add_on.is_object() ? add_on.value("description", id) : id);
  }
  return add_ons;
}

}  // namespace trialcore
