#include "trial/patient_form.h"

#include <cstdio>

namespace trialcore::trial {

std::string observation_key(const std::string& id, int64_t sequence) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%020lld", static_cast<long long>(sequence));
  return observations_prefix(id) + digits;
}

std::string observations_prefix(const std::string& id) { return id + "/"; }

std::string patient_of_observation(const std::string& key) { return key.substr(0, key.rfind('/')); }

Result<ObservationEntry> observation_from_row(const std::string& key, const Json& document) {
  return observation_entry_from_json(document, std::string(kObservationsTable) + "/" + key);
}

store::RowDecoder patient_decoder(store::Transaction& transaction, const std::string& id) {
  return [&transaction, id](const Json& row) -> Result<std::shared_ptr<store::RowForm>> {
    auto state = patient_state_from_json(row);
    if (!state.ok()) return state.error();
    auto observations = transaction.rows_under(kObservationsTable, observations_prefix(id));
    if (!observations.ok()) return observations.error();
    state->observations.reserve(state->observations.size() + observations->size());
    for (const auto& [key, document] : *observations) {
      auto observation = observation_from_row(key, document);
      if (!observation.ok()) return observation.error();
      state->observations.push_back(std::move(*observation));
    }
    return std::shared_ptr<store::RowForm>(std::make_shared<PatientForm>(std::move(*state)));
  };
}

Status put_observation_rows(store::Transaction& transaction, const PatientState& state, size_t from) {
  for (size_t i = from; i < state.observations.size(); ++i) {
    const ObservationEntry& observation = state.observations[i];
    Status put = transaction.put_row(kObservationsTable, observation_key(state.id, observation.sequence),
                                     observation_entry_json(observation));
    if (!put.ok()) return put;
  }
  return Status::Ok();
}

Status replace_observation_rows(store::Transaction& transaction, const PatientState& state) {
  auto stored = transaction.rows_under(kObservationsTable, observations_prefix(state.id));
  if (!stored.ok()) return stored.error();
  for (const auto& [key, document] : *stored) {
    Status removed = transaction.delete_row(kObservationsTable, key);
    if (!removed.ok()) return removed;
  }
  return put_observation_rows(transaction, state, 0);
}

Result<std::shared_ptr<const PatientState>> patient_form_in(store::Transaction& transaction, const std::string& id) {
  auto form = transaction.form(kPatientsTable, id, patient_decoder(transaction, id));
  if (!form.ok()) return form.error();
  if (!*form) return std::shared_ptr<const PatientState>();
  const auto* patient = dynamic_cast<const PatientForm*>(form->get());
  if (!patient) return Error{"", "patient " + id + "'s row is held in another form", ErrorKind::kFailure};
  // Shares the form's ownership: the state lives as long as the caller holds it.
  return std::shared_ptr<const PatientState>(*form, &patient->state);
}

}  // namespace trialcore::trial
