#include "sdtm/trial_design.h"

#include <cctype>
#include <set>

#include "sdtm/text.h"
#include "sdtm/variables.h"
#include "usdm/terminology.h"

namespace trialcore::sdtm {

namespace {

Dataset trial_dataset(const char* name, const char* label, std::vector<std::string> names, std::vector<Key> keys) {
  names.insert(names.begin(), {"STUDYID", "DOMAIN"});
  keys.insert(keys.begin(), {"STUDYID", 1});
  return declared_dataset(name, label, names, keys);
}

RowBuilder row_of(const Dataset& dataset, const Protocol& protocol) {
  RowBuilder row(dataset);
  row.set("STUDYID", protocol.id).set("DOMAIN", dataset.name);
  return row;
}

std::string fitted(const std::string& text) { return shortened(text, kMaxTextLength); }

}  // namespace

Dataset trial_arms(const Protocol& protocol, const usdm::StudyDesign& design) {
  Dataset dataset = trial_dataset("TA", "Trial Arms",
                                  {"ARMCD", "ARM", "TAETORD", "ETCD", "ELEMENT", "TABRANCH", "TATRANS", "EPOCH"},
                                  {{"ARMCD", 2}, {"TAETORD", 3}});
  size_t last = design.epochs.size();
  for (const usdm::Arm& arm : design.arms) {
    for (size_t order = 1; order <= arm.elements.size(); ++order) {
      const usdm::Element* element = design.element(arm.elements[order - 1]);
      const usdm::Epoch& epoch = design.epochs[order - 1];
      RowBuilder row = row_of(dataset, protocol);
      row.set("ARMCD", arm.code).set("ARM", fitted(arm.name)).set("TAETORD", int64_t(order));
      row.set("ETCD", element->code).set("ELEMENT", fitted(element->name)).set("EPOCH", epoch.name);
      if (epoch.kind == usdm::EpochKind::kScreening) {
        row.set("TABRANCH", fitted("Enrolled in " + arm.name + " when it is the period open on the enrollment date"));
      }
      // A patient may go off study after any course: to follow-up, the arm's last element.
      if (epoch.kind == usdm::EpochKind::kTreatment && order + 1 < last) {
        row.set("TATRANS", "If off study, go to follow-up (TAETORD " + std::to_string(last) + ")");
      }
      dataset.rows.push_back(row.row());
    }
  }
  return dataset;
}

Dataset trial_elements(const Protocol& protocol, const usdm::StudyDesign& design) {
  Dataset dataset = trial_dataset("TE", "Trial Elements",
                                  {"ETCD", "ELEMENT", "TESTRL", "TEENRL", "TEDUR"},
                                  {{"ETCD", 2}});
  for (const usdm::Element& element : design.elements) {
    RowBuilder row = row_of(dataset, protocol);
    row.set("ETCD", element.code).set("ELEMENT", fitted(element.name));
    row.set("TESTRL", fitted(element.start_rule)).set("TEENRL", fitted(element.end_rule));
    if (element.duration_days) row.set("TEDUR", "P" + std::to_string(*element.duration_days) + "D");
    dataset.rows.push_back(row.row());
  }
  return dataset;
}

Dataset trial_visits(const Protocol& protocol, const usdm::StudyDesign& design) {
  Dataset dataset = trial_dataset("TV", "Trial Visits",
                                  {"VISITNUM", "VISIT", "VISITDY", "ARMCD", "ARM", "TVSTRL", "TVENRL"},
                                  {{"VISITNUM", 3}, {"ARMCD", 2}});
  for (const usdm::Visit& visit : design.visits) {
    if (visit.course == 0) {
      RowBuilder row = row_of(dataset, protocol);
      row.set("VISITNUM", int64_t(visit.number)).set("VISIT", visit.name);
      row.set("TVSTRL", "Informed consent").set("TVENRL", "Enrollment");
      dataset.rows.push_back(row.row());
      continue;
    }
    for (const usdm::ArmVisit& planned : visit.arms) {
      const usdm::Arm* arm = design.arm_of(planned.period);
      RowBuilder row = row_of(dataset, protocol);
      row.set("VISITNUM", int64_t(visit.number)).set("VISIT", visit.name).set("VISITDY", int64_t(planned.study_day));
      row.set("ARMCD", arm->code).set("ARM", fitted(arm->name));
      row.set("TVSTRL", "Day " + std::to_string(visit.day) + " of course " + std::to_string(visit.course));
      row.set("TVENRL", planned.window_days > 0 ? "Up to " + std::to_string(planned.window_days) + " day(s) later"
                                                : "The same day");
      dataset.rows.push_back(row.row());
    }
  }
  return dataset;
}

std::vector<std::string> criterion_codes(const Protocol& protocol) {
  std::vector<std::string> codes;
  std::set<std::string> taken;
  for (const Criterion& criterion : protocol.criteria) {
    std::string code = usdm::code_of(criterion.id, 8, '\0');
    if (code.empty() || !std::isalpha(static_cast<unsigned char>(code[0]))) code = usdm::code_of("IE" + code, 8, '\0');
    for (int n = 2; taken.count(code); ++n) {
      std::string number = std::to_string(n);
      code = code.substr(0, std::min(code.size(), 8 - number.size())) + number;
    }
    taken.insert(code);
    codes.push_back(code);
  }
  return codes;
}

Dataset trial_criteria(const Protocol& protocol) {
  Dataset dataset = trial_dataset("TI", "Trial Inclusion/Exclusion Criteria",
                                  {"IETESTCD", "IETEST", "IECAT", "TIRL", "TIVERS"},
                                  {{"IETESTCD", 2}});
  std::vector<std::string> codes = criterion_codes(protocol);
  for (size_t i = 0; i < protocol.criteria.size(); ++i) {
    const Criterion& criterion = protocol.criteria[i];
    bool inclusion = criterion.kind == CriterionKind::kInclusion;
    RowBuilder row = row_of(dataset, protocol);
    row.set("IETESTCD", codes[i]).set("IETEST", fitted(criterion.text));
    row.set("IECAT", inclusion ? usdm::inclusion_term().submission : usdm::exclusion_term().submission);
    // The rule as the engine evaluates it; a rule too long for one value is left to the protocol.
    std::string rule = (criterion.applies_when ? "applies when " + criterion.applies_when->text + "; " : "") +
                       (inclusion ? "met when " : "excluded when ") + criterion.rule.text;
    if (rule.size() <= kMaxTextLength) row.set("TIRL", rule);
    row.set("TIVERS", protocol.version);
    dataset.rows.push_back(row.row());
  }
  return dataset;
}

}  // namespace trialcore::sdtm
