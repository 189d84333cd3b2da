// What the trial service's commands share: loading a patient's row, making and appending
// events, the periods open on a date, and the payloads each kind of event carries, built
// the same way by a command and by a correction of its event.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cohort/patient_summary.h"
#include "store/store.h"
#include "trial/patient_state.h"
#include "trial/trial_service.h"

namespace trialcore::trial {

// The patient's state as the record holds it now; kNotFound for an id never registered.
Result<PatientState> load_patient(store::Transaction& transaction, const std::string& id);
// The same without a copy, shared with the record's writer: read it before the transaction
// records anything for the patient.
Result<std::shared_ptr<const PatientState>> patient_in(store::Transaction& transaction, const std::string& id);

store::NewEvent make_event(const char* kind, const std::string& subject, const Actor& actor,
                           std::optional<Date> clinical_date, std::string reason, Json payload);

// The period open on `date`: opened (by an event, or the protocol's date) on or before it
// and not closed by then. The latest in protocol order if the record says several are.
std::optional<std::string> period_open_on(const Protocol& protocol, const Json& periods, Date date);

// Every patient's state, in id order.
Result<std::vector<PatientState>> patient_states_in(store::Transaction& transaction);

// Every patient's summary as they stood on `as_of` (state_as_of): what the trial's counts
// and derived facts read.
Result<std::vector<PatientSummary>> summaries_in(store::Transaction& transaction, const Protocol& protocol, Date as_of);

// Payloads, validated: the same input a command takes.
Result<Json> record_payload(const Protocol& protocol, const std::string& id, const Json& record);
Result<Json> observation_payload(const Protocol& protocol, const Json& observation);
Result<Json> body_payload(double height_cm, double weight_kg);
Result<Json> marrow_payload(const Protocol& protocol, int course, const Json& assessment, response::Response* response);

// A dose checked against the patient's plan: its payload (with the deviations that concern
// it), the deviations and the planned mg.
struct CheckedDose {
  DoseEntry entry;  // as the state will hold it (without its stamp)
  Json payload;     // the event's content
  std::vector<treatment::Deviation> deviations;
};
Result<CheckedDose> check_dose(const Protocol& protocol, const PatientState& patient, const DoseInput& dose,
                               std::optional<int64_t> replacing_sequence);

// Bad input (naming `path`) when `date` is after the actor's today: what happened in the
// clinic happened by now.
Status not_in_future(const Actor& actor, std::optional<Date> date, const std::string& path);

// The same for the dates a payload carries ("date", "start", "end", "vod_date"), each
// named under `path` ("$.payload.date").
Status payload_not_in_future(const Actor& actor, const Json& payload, const std::string& path);

// The void of `event` (its sequence) if the record holds one.
Result<std::optional<int64_t>> void_of(store::Transaction& transaction, const store::Event& event);

// A refusal naming its reasons.
Error refused(const std::string& message, std::vector<std::string> reasons = {});

// Refused for a patient who went off study: nothing more is recorded.
Status still_in_trial(const PatientState& patient);

// Runs `work` in one transaction, passing its result out; nothing remains if it fails.
template <class T>
Result<T> in_transaction(store::Store& store, const std::function<Result<T>(store::Transaction&)>& work) {
  Result<T> result = Error{"", "not run", ErrorKind::kFailure};
  Status status = store.transact([&](store::Transaction& transaction) -> Status {
    result = work(transaction);
    return result.ok() ? Status::Ok() : Status(result.error());
  });
  if (!status.ok()) return status.error();
  return result;
}

inline Result<Recorded> append_one(store::Transaction& transaction, const store::NewEvent& event) {
  auto appended = transaction.append(event);
  if (!appended.ok()) return appended.error();
  return Recorded{*appended};
}

}  // namespace trialcore::trial
