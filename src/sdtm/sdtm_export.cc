#include "sdtm/sdtm_export.h"

#include "sdtm/subject_domains.h"
#include "sdtm/trial_design.h"
#include "sdtm/trial_summary.h"

namespace trialcore::sdtm {

Result<std::vector<Dataset>> sdtm_datasets(const Protocol& protocol, const SdtmTerms& terms,
                                           const std::vector<Subject>& subjects) {
  Study study(protocol, terms);
  auto summary = trial_summary(protocol);
  if (!summary.ok()) return summary.error();
  std::vector<Dataset> all = {trial_arms(protocol, study.design), trial_elements(protocol, study.design),
                              trial_visits(protocol, study.design), trial_criteria(protocol), *summary};
  for (auto* builder : {&demographics, &disposition, &eligibility_exceptions, &exposure, &laboratory, &responses, &deviations,
                        &adverse_events}) {
    for (Dataset& dataset : builder(study, subjects)) all.push_back(std::move(dataset));
  }
  std::vector<Dataset> written;
  for (Dataset& dataset : all) {
    if (dataset.rows.empty()) continue;
    if (Status checked = check_dataset(dataset); !checked.ok()) return checked.error();
    written.push_back(std::move(dataset));
  }
  return written;
}

Result<std::vector<RecordedCriterion>> recorded_criteria(const Json& screening) {
  std::vector<RecordedCriterion> criteria;
  if (!screening.is_object() || !screening.contains("criteria") || !screening["criteria"].is_array()) {
    return Error{"$.screening.criteria", "a recorded screening lists its criteria"};
  }
  static const std::pair<const char*, CriterionResult> results[] = {
      {"pass", CriterionResult::kPass}, {"fail", CriterionResult::kFail}, {"unknown", CriterionResult::kUnknown},
      {"not-applicable", CriterionResult::kNotApplicable}, {"waived", CriterionResult::kWaived}};
  for (size_t i = 0; i < screening["criteria"].size(); ++i) {
    const Json& entry = screening["criteria"][i];
    std::string path = element_path("$.screening.criteria", i);
    auto id = required(read_text(entry, "id", path), "id", path);
    if (!id.ok()) return id.error();
    auto result = required(read_text(entry, "result", path), "result", path);
    if (!result.ok()) return result.error();
    auto reason = read_text(entry, "reason", path);
    if (!reason.ok()) return reason.error();
    RecordedCriterion criterion{*id, CriterionResult::kUnknown, reason->value_or("")};
    bool known = false;
    for (const auto& [name, value] : results) {
      if (*result == name) criterion.result = value, known = true;
    }
    if (!known) return Error{member_path(path, "result"), "'" + *result + "' is not a screening result"};
    criteria.push_back(std::move(criterion));
  }
  return criteria;
}

Result<std::vector<Subject>> subjects_of(trial::TrialService& service) {
  auto states = service.patient_states();
  if (!states.ok()) return states.error();
  std::vector<Subject> subjects;
  for (trial::PatientState& state : *states) {
    if (!is_subject(state)) continue;
    Subject subject;
    // The screening that decided the enrollment is the last one on or before its date.
    const trial::ScreeningEntry* screening = nullptr;
    for (const trial::ScreeningEntry& entry : state.screenings) {
      if (!state.enrolled_on || entry.date <= *state.enrolled_on) screening = &entry;
    }
    if (screening) {
      subject.screened_on = screening->date;
      auto history = service.history(state.id);
      if (!history.ok()) return history.error();
      for (const store::Event& event : *history) {
        if (event.sequence != screening->sequence) continue;
        auto criteria = recorded_criteria(event.payload.value("screening", Json::object()));
        if (!criteria.ok()) {
          return Error{"event " + std::to_string(event.sequence), criteria.error().to_string(), ErrorKind::kFailure};
        }
        subject.criteria = std::move(*criteria);
      }
    }
    subject.state = std::move(state);
    subjects.push_back(std::move(subject));
  }
  return subjects;
}

}  // namespace trialcore::sdtm
