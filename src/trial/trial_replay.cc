// The trial's log folded in memory, for a rebuild or a verification: each patient's events
// fold into their typed state (PatientState), and each patient's rows (the patient's, each
// observation's) are made once at the end, where the live projector writes them event by event.
// The rows come out the same: the same fold, the same encoding. The trial's own rows
// (periods) go through the live projector, on rows held in memory. A patient with a
// correction or a void is folded again from their events at the end, as the live projector
// does when the correction or the void is appended.
#include <algorithm>
#include <set>
#include <unordered_map>

#include "store/memory_transaction.h"
#include "store/row_order.h"
#include "trial/event_kinds.h"
#include "trial/patient_form.h"
#include "trial/trial_projector.h"

namespace trialcore::trial {

namespace {

// The patient's rows as the live projector writes them: the patient's (patient_row_json)
// and each observation's, its entry moved out of the state rather than copied (a patient's
// labs are most of what they hold): the state is left without them. Each table's rows go to
// a run of their own, in key order when the patients come in id order.
void take_rows(const std::string& id, PatientState& patient, std::vector<store::TableRow>& patient_rows,
               std::vector<store::TableRow>& observation_rows) {
  patient_rows.push_back({kPatientsTable, {id, patient_row_json(patient)}});
  for (ObservationEntry& observation : patient.observations) {
    Json entry = std::move(observation.entry);
    entry["sequence"] = observation.sequence;  // as observation_entry_json() adds it
    observation_rows.push_back({kObservationsTable, {observation_key(id, observation.sequence), std::move(entry)}});
  }
  patient.observations.clear();
}

class TrialReplay : public store::Replay {
 public:
  explicit TrialReplay(TrialProjector& projector) : projector_(projector), trial_rows_(projector) {}

  Status add(const store::Event& event, store::Transaction&) override {
    if (!folds_into_patient(event)) return projector_.apply(event, trial_rows_);
    if (refold_.count(event.subject)) return Status::Ok();
    if (event.kind == kCorrection || event.kind == kVoid) {
      refold_.insert(event.subject);
      patients_.erase(event.subject);
      return Status::Ok();
    }
    return apply_to_patient(patients_[event.subject], event);
  }

  Result<std::vector<std::pair<std::string, store::Row>>> rows(store::Transaction& log) override {
    for (const std::string& subject : refold_) {
      auto events = log.events_of(subject);
      if (!events.ok()) return events.error();
      auto folded = fold_patient(*events);
      if (!folded.ok()) return folded.error();
      patients_[subject] = std::move(*folded);
    }
    // The patients in id order, so each table's rows come in key order and merge without a sort.
    std::vector<std::pair<const std::string*, PatientState*>> in_order;
    in_order.reserve(patients_.size());
    for (auto& [id, patient] : patients_) in_order.push_back({&id, &patient});
    std::sort(in_order.begin(), in_order.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
    std::vector<store::TableRow> patient_rows, observation_rows;
    patient_rows.reserve(in_order.size());
    for (auto& [id, patient] : in_order) take_rows(*id, *patient, patient_rows, observation_rows);
    patients_.clear();
    std::vector<std::vector<store::TableRow>> runs;
    runs.push_back(trial_rows_.all_rows());
    runs.push_back(std::move(patient_rows));
    runs.push_back(std::move(observation_rows));
    return store::merge_runs(std::move(runs));
  }

 private:
  TrialProjector& projector_;
  store::MemoryTransaction trial_rows_;
  std::unordered_map<std::string, PatientState> patients_;
  std::set<std::string> refold_;  // patients with a correction or a void: folded from their events at the end
};

}  // namespace

std::unique_ptr<store::Replay> TrialProjector::replay() { return std::make_unique<TrialReplay>(*this); }

}  // namespace trialcore::trial
