#include "usdm/terminology.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

namespace trialcore::usdm {

namespace {

// Lower case, and nothing but letters, digits and '/': "Phase 1/Phase 2" and "phase 1/2"
// are both written once in each table.
std::string folded(const std::string& text) {
  std::string key;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '/') key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

std::optional<Term> look_up(const std::vector<std::pair<std::vector<std::string>, Term>>& table, const std::string& text) {
  std::string key = folded(text);
  for (const auto& [spellings, term] : table) {
    for (const std::string& spelling : spellings) {
      if (folded(spelling) == key) return term;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<Term> phase_term(const std::string& registry_phase) {
  static const std::vector<std::pair<std::vector<std::string>, Term>> table = {
      {{"Phase 1", "Phase I"}, {"C15600", "Phase I Trial", "PHASE I TRIAL"}},
      {{"Phase 1/Phase 2", "Phase 1/2", "Phase I/II"}, {"C15693", "Phase I/II Trial", "PHASE I/II TRIAL"}},
      {{"Phase 2", "Phase II"}, {"C15601", "Phase II Trial", "PHASE II TRIAL"}},
      {{"Phase 2/Phase 3", "Phase 2/3", "Phase II/III"}, {"C15694", "Phase II/III Trial", "PHASE II/III TRIAL"}},
      {{"Phase 3", "Phase III"}, {"C15602", "Phase III Trial", "PHASE III TRIAL"}},
      {{"Phase 4", "Phase IV"}, {"C15603", "Phase IV Trial", "PHASE IV TRIAL"}},
      {{"N/A", "Not Applicable"}, {"C48660", "Not Applicable", "NOT APPLICABLE"}},
  };
  return look_up(table, registry_phase);
}

std::optional<Term> intervention_model_term(const std::string& registry_model) {
  static const std::vector<std::pair<std::vector<std::string>, Term>> table = {
      {{"Single Group Assignment", "Single Group"}, {"C82640", "Single Group Study", "SINGLE GROUP"}},
      {{"Parallel Assignment", "Parallel"}, {"C82639", "Parallel Study", "PARALLEL"}},
      {{"Crossover Assignment", "Crossover", "Cross-over"}, {"C82637", "Crossover Study", "CROSS-OVER"}},
      {{"Factorial Assignment", "Factorial"}, {"C82638", "Factorial Study", "FACTORIAL"}},
  };
  return look_up(table, registry_model);
}

std::optional<Term> blinding_term(const std::string& registry_masking) {
  static const std::vector<std::pair<std::vector<std::string>, Term>> table = {
      {{"None (Open Label)", "None", "Open Label"}, {"C49659", "Open Label Study", "OPEN LABEL"}},
      {{"Double", "Double Blind"}, {"C15228", "Double Blind Study", "DOUBLE BLIND"}},
  };
  return look_up(table, registry_masking);
}

std::optional<Term> sex_population_term(const std::string& registry_sexes) {
  static const std::vector<std::pair<std::vector<std::string>, Term>> table = {
      {{"All", "Both"}, {"C49636", "Both", "BOTH"}},
      {{"Female"}, {"C16576", "Female", "F"}},
      {{"Male"}, {"C20197", "Male", "M"}},
  };
  return look_up(table, registry_sexes);
}

std::optional<Term> route_term(const std::string& route) {
  static const std::vector<std::pair<std::vector<std::string>, Term>> table = {
      {{"IV", "Intravenous"}, {"C38276", "Intravenous Route of Administration", "INTRAVENOUS"}},
      {{"PO", "Oral"}, {"C38288", "Oral Route of Administration", "ORAL"}},
      {{"SC", "SQ", "Subcutaneous"}, {"C38299", "Subcutaneous Route of Administration", "SUBCUTANEOUS"}},
      {{"IM", "Intramuscular"}, {"C28161", "Intramuscular Route of Administration", "INTRAMUSCULAR"}},
  };
  return look_up(table, route);
}

Term inclusion_term() { return {"C25532", "Inclusion Criteria", "INCLUSION"}; }
Term exclusion_term() { return {"C25370", "Exclusion Criteria", "EXCLUSION"}; }
Term interventional_study_term() { return {"C98388", "Interventional Study", "INTERVENTIONAL"}; }
Term investigational_arm_term() { return {"C174266", "Investigational Arm", "INVESTIGATIONAL ARM"}; }
Term unknown_term() { return {"C17998", "Unknown", "UNKNOWN"}; }
Term yes_no_term(bool yes) { return yes ? Term{"C49488", "Yes", "Y"} : Term{"C49487", "No", "N"}; }

Term epoch_term(EpochKind kind) {
  switch (kind) {
    case EpochKind::kScreening: return {"C202487", "Screening Epoch", "SCREENING"};
    case EpochKind::kTreatment: return {"C101526", "Treatment Epoch", "TREATMENT"};
    case EpochKind::kFollowUp: break;
  }
  return {"C202578", "Follow-Up Epoch", "FOLLOW-UP"};
}

}  // namespace trialcore::usdm
