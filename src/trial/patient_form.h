// A patient's rows in their typed form. The patient's row ("patients"/<id>) is the
// PatientState itself, kept by the record's writer between writes (store::RowForm): recording
// an event for a patient folds the event into the state it holds instead of decoding the row,
// folding and encoding it again. The patient's observations are rows of their own
// ("observations"/<id>/<sequence>), each written once, when its event is recorded: a write's
// cost does not grow with the patient's labs, in bytes written as in work.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "store/store.h"
#include "trial/patient_state.h"

namespace trialcore::trial {

inline constexpr const char* kPatientsTable = "patients";
inline constexpr const char* kObservationsTable = "observations";

struct PatientForm : store::RowForm {
  PatientState state;

  PatientForm() = default;
  explicit PatientForm(PatientState folded) : state(std::move(folded)) {}
  // The patient's row: the state without its observations (patient_row_json).
  Json json() const override { return patient_row_json(state); }
};

// An observation's key: the patient's id, then its event's sequence, zero-padded so that the
// keys' byte order is the sequence's ('/' is not in any patient id).
std::string observation_key(const std::string& id, int64_t sequence);
// What every key of the patient's observations begins with.
std::string observations_prefix(const std::string& id);
// The patient whose observation a key names.
std::string patient_of_observation(const std::string& key);

// Reads an observation's row ("observations"/`key`); an Error names the row and its member.
Result<ObservationEntry> observation_from_row(const std::string& key, const Json& document);

// Reads a patient's row and their observations' rows, as the transaction sees them, into the
// patient's form (a store::RowDecoder for the patient `id`).
store::RowDecoder patient_decoder(store::Transaction& transaction, const std::string& id);

// Writes the observations' rows of `state` from its `from`th observation on (those an event
// just added).
Status put_observation_rows(store::Transaction& transaction, const PatientState& state, size_t from);
// Makes the patient's observations' rows those of `state` (after a correction or a void folded
// the patient again): the rows of observations it no longer has are removed.
Status replace_observation_rows(store::Transaction& transaction, const PatientState& state);

// The patient's state as the transaction sees it now, shared with the writer (read it before
// the transaction records anything for the patient); nullptr when no such row.
Result<std::shared_ptr<const PatientState>> patient_form_in(store::Transaction& transaction, const std::string& id);

}  // namespace trialcore::trial
