#include "trial/record_reads.h"

#include "trial/record_text.h"

namespace trialcore::trial {

Status write_status(TrialService& service, const std::string& patient, Date today, const std::string& now, bool json,
                    std::ostream& out) {
  if (!patient.empty()) {
    auto state = service.patient(patient);
    if (!state.ok()) return state.error();
    out << (json ? state->dump() + "\n" : patient_text(*state));
    return Status::Ok();
  }
  auto patients = service.patients(today);
  if (!patients.ok()) return patients.error();
  if (json) {
    out << Json(*patients).dump() << "\n";
    return Status::Ok();
  }
  out << patients_text(*patients);
  auto clocks = service.serious_events(now);
  if (!clocks.ok()) return clocks.error();
  out << serious_events_text(*clocks);
  return Status::Ok();
}

Status write_calendar(TrialService& service, const std::string& patient, Date date, bool json, std::ostream& out) {
  auto calendar = service.calendar(patient, date);
  if (!calendar.ok()) return calendar.error();
  out << (json ? calendar->dump() + "\n" : calendar_text(*calendar));
  return Status::Ok();
}

Status write_history(TrialService& service, const std::string& patient, bool json, std::ostream& out) {
  auto events = service.history(patient);
  if (!events.ok()) return events.error();
  if (!json) {
    out << history_text(*events);
    return Status::Ok();
  }
  for (const store::Event& event : *events) out << store::event_json(event).dump() << "\n";
  return Status::Ok();
}

}  // namespace trialcore::trial
