// Voids: a new event that says an earlier recording should never have held a value (a dose
// entered for the wrong patient, a lab typed twice), with the reason. The log keeps the
// recording and appends the void (`corrects` names it, so the hash chain covers both); the
// patient's state is folded again as if the recording were not there. What may be voided is
// what may be corrected, less the registration, which is the patient's record itself: it is
// corrected, never voided.
#include "trial/event_kinds.h"
#include "trial/service_support.h"

namespace trialcore::trial {

Result<std::optional<int64_t>> void_of(store::Transaction& transaction, const store::Event& event) {
  auto events = transaction.events_of(event.subject);
  if (!events.ok()) return events.error();
  for (const store::Event& later : *events) {
    if (later.kind == kVoid && later.corrects == event.sequence) return std::optional<int64_t>(later.sequence);
  }
  return std::optional<int64_t>();
}

bool voidable(const std::string& kind) {
  return kind == kRecordAmended || kind == kObservationRecorded || kind == kBodyMeasured || kind == kDoseGiven ||
         kind == kMarrowAssessed || kind == kAdverseEventRecorded;
}

Result<Recorded> TrialService::void_event(const Actor& actor, int64_t sequence, const std::string& reason) {
  if (reason.empty()) return Error{"$.reason", "a void says why"};
  return in_transaction<Recorded>(store_, [&](store::Transaction& transaction) -> Result<Recorded> {
    const std::string which = "event " + std::to_string(sequence);
    auto original = transaction.event(sequence);
    if (!original.ok()) return original.error();
    if (!original->has_value()) return Error{"$.voids", which + " does not exist", ErrorKind::kNotFound};
    const store::Event& event = **original;
    auto patient = load_patient(transaction, event.subject);
    if (!patient.ok()) return Error{"$.voids", which + " is not about a patient"};
    if (event.kind == kPatientRegistered) {
      return Error{"$.voids", "a patient-registered event cannot be voided: correct the record instead"};
    }
    if (!voidable(event.kind)) {
      return Error{"$.voids", "a " + event.kind + " event cannot be voided: only recorded values (" + kRecordAmended + ", " +
                                  kObservationRecorded + ", " + kBodyMeasured + ", " + kDoseGiven + ", " + kMarrowAssessed +
                                  ", " + kAdverseEventRecorded + ") are"};
    }
    auto voided = void_of(transaction, event);
    if (!voided.ok()) return voided.error();
    if (voided->has_value()) return Error{"$.voids", which + " is already voided (event " + std::to_string(**voided) + ")"};
    store::NewEvent voiding = make_event(kVoid, event.subject, actor, std::nullopt, reason, {{"voided_kind", event.kind}});
    voiding.corrects = sequence;
    return append_one(transaction, voiding);
  });
}

}  // namespace trialcore::trial
