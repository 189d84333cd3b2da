// A patient's row ("patients"/<id>) in its typed form: the PatientState itself. The record's
// writer keeps it between writes (store::RowForm), so recording an event for a patient folds
// the event into the state it holds and encodes the row once, instead of decoding the row,
// folding and encoding it again: a write's cost no longer grows with the patient's record.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "store/store.h"
#include "trial/patient_state.h"

namespace trialcore::trial {

struct PatientForm : store::RowForm {
  PatientState state;

  PatientForm() = default;
  explicit PatientForm(PatientState folded) : state(std::move(folded)) {}
  Json json() const override { return patient_state_json(state); }
  // The row encoded as json().dump() encodes it, with the observations (which only grow, by
  // events appended) encoded once each and kept: a patient's labs are most of the row.
  std::string text() const override;

 private:
  // The first `encoded_` observations' entries, encoded and joined by commas.
  mutable std::string observations_text_;
  mutable size_t encoded_ = 0;
  mutable int64_t last_encoded_ = 0;  // the sequence of the last of them
};

// Reads a patient's row into its form (patient_state_from_json).
Result<std::shared_ptr<store::RowForm>> decode_patient_form(const Json& row);

// The patient's state as the transaction sees it now, shared with the writer (read it before
// the transaction records anything for the patient); nullptr when no such row.
Result<std::shared_ptr<const PatientState>> patient_form_in(store::Transaction& transaction, const std::string& id);

}  // namespace trialcore::trial
