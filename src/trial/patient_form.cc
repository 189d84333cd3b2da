#include "trial/patient_form.h"

namespace trialcore::trial {

std::string PatientForm::text() const {
  const std::vector<ObservationEntry>& observations = state.observations;
  // Observations are only ever appended to a form (a correction makes a new one); should the
  // encoded ones not be a prefix of them any more, they are encoded again.
  if (encoded_ > observations.size() || (encoded_ > 0 && observations[encoded_ - 1].sequence != last_encoded_)) {
    observations_text_.clear();
    encoded_ = 0;
  }
  for (; encoded_ < observations.size(); ++encoded_) {
    if (encoded_ > 0) observations_text_ += ',';
    observations_text_ += observation_entry_json(observations[encoded_]).dump();
    last_encoded_ = observations[encoded_].sequence;
  }
  // An object encodes as its members in key order, each "key":value, joined by commas: the
  // same text as json().dump(), with the kept observations in their place.
  Json row = patient_state_json_but_observations(state);
  std::string text = "{";
  for (const auto& [member, value] : row.items()) {
    if (text.size() > 1) text += ',';
    text += Json(member).dump();
    text += ':';
    if (member == "observations") {
      text += '[';
      text += observations_text_;
      text += ']';
    } else {
      text += value.dump();
    }
  }
  text += '}';
  return text;
}

Result<std::shared_ptr<store::RowForm>> decode_patient_form(const Json& row) {
  auto state = patient_state_from_json(row);
  if (!state.ok()) return state.error();
  return std::shared_ptr<store::RowForm>(std::make_shared<PatientForm>(std::move(*state)));
}

Result<std::shared_ptr<const PatientState>> patient_form_in(store::Transaction& transaction, const std::string& id) {
  auto form = transaction.form("patients", id, decode_patient_form);
  if (!form.ok()) return form.error();
  if (!*form) return std::shared_ptr<const PatientState>();
  const auto* patient = dynamic_cast<const PatientForm*>(form->get());
  if (!patient) return Error{"", "patient " + id + "'s row is held in another form", ErrorKind::kFailure};
  // Shares the form's ownership: the state lives as long as the caller holds it.
  return std::shared_ptr<const PatientState>(*form, &patient->state);
}

}  // namespace trialcore::trial
