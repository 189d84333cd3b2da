// The trial's workflow: every command a coordinator, investigator or pharmacist gives,
// checked against the protocol's rules and the trial's state, then recorded as events in
// one transaction. A command refused or given bad input writes nothing. The command line
// and the HTTP server are two front ends of this one service.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cohort/patient_summary.h"
#include "eligibility/screening.h"
#include "protocol/protocol.h"
#include "report/endpoint_report.h"
#include "response/classify.h"
#include "store/store.h"
#include "treatment/dose_check.h"
#include "trial/dose_input.h"
#include "trial/lab_proposals.h"
#include "trial/patient_state.h"
#include "trial/sae_clock.h"
#include "safety/adverse_event.h"

namespace trialcore::trial {

// Who gives a command, and when it is recorded (UTC, "2026-11-25T09:30:00Z"). The front
// end reads the clock; the service never does.
struct Actor {
  std::string user;
  std::string now;
  // The role the user acts in, when the front end knows it (the server's session, the
  // command line's --role); else the record's users say, when the user is one of them.
  std::string role = "";
  // Today in the trial's time zone, by the front end's clock: a clinical date after it is
  // refused (docs/api.md). Unset, dates are not checked against a clock (tests, imports).
  std::optional<Date> today = std::nullopt;
};

struct Recorded {
  store::Event event;
};

// A lab recorded, with the adverse event its grade proposes (lab_proposals.h), if any.
struct ObservationRecorded {
  store::Event event;
  std::optional<LabProposal> proposal;
};

struct ScreeningRecorded {
  store::Event event;
  Screening screening;
};

struct Enrollment {
  store::Event event;
  std::string period;
  Screening screening;
};

struct DoseRecorded {
  store::Event event;
  std::vector<treatment::Deviation> deviations;
  double planned_mg = 0;
};

struct DoseVerification {
  store::Event event;
  double planned_mg = 0;
  double off_percent = 0;
};

struct MarrowRecorded {
  store::Event event;
  response::Response response;
};

class TrialService {
 public:
  TrialService(const Protocol& protocol, store::Store& store) : protocol_(protocol), store_(store) {}

  const Protocol& protocol() const { return protocol_; }
  store::Store& store() { return store_; }

  // Patients and their records.
  Result<Recorded> register_patient(const Actor& actor, const Json& record);
  Result<Recorded> amend_record(const Actor& actor, const std::string& id, const Json& record, const std::string& reason);
  // A lab far outside its usual range, a height or weight outside the plausible adult range,
  // is refused until `confirm` names its check (soft_checks.h).
  Result<ObservationRecorded> record_observation(const Actor& actor, const std::string& id, const Json& observation,
                                                 const std::vector<std::string>& confirm = {});
  Result<Recorded> record_body(const Actor& actor, const std::string& id, Date date, double height_cm, double weight_kg,
                               const std::vector<std::string>& confirm = {});
  Result<Recorded> grant_waiver(const Actor& actor, const std::string& id, const std::string& criterion, Date date,
                                const std::string& reason);

  // Screening, consent, enrollment.
  Result<ScreeningRecorded> screen(const Actor& actor, const std::string& id, Date date);
  Result<Recorded> sign_consent(const Actor& actor, const std::string& id, Date date);
  // Screens again as of `date` and enrolls in the period open then; refused (naming every
  // reason) when not eligible (waived counts as eligible), without consent, with no
  // period open, or with the accrual target reached.
  Result<Enrollment> enroll(const Actor& actor, const std::string& id, Date date);

  // Treatment.
  Result<DoseVerification> verify_dose(const Actor& actor, const std::string& id, int course, int day,
                                       const std::string& drug, double dose_mg);
  Result<DoseRecorded> record_dose(const Actor& actor, const std::string& id, const DoseInput& dose);
  Result<Recorded> explain_deviation(const Actor& actor, const std::string& id, int64_t dose_sequence,
                                     const std::string& explanation);
  Result<Recorded> start_add_on(const Actor& actor, const std::string& id, const std::string& add_on, int from_course,
                                const std::string& reason);

  // Response and follow-up.
  Result<MarrowRecorded> record_marrow(const Actor& actor, const std::string& id, int course, Date date,
                                       const Json& assessment);
  Result<Recorded> adjudicate(const Actor& actor, const std::string& id, int course, const std::string& category,
                              const std::string& reason);
  Result<Recorded> record_vital_status(const Actor& actor, const std::string& id, Date date, bool alive);
  Result<Recorded> take_off_study(const Actor& actor, const std::string& id, Date date, const std::string& reason);

  // Adverse events (docs/adverse-events.md): recorded from enrollment on, also after going
  // off study; attribution and seriousness are signed by an investigator. A follow-up
  // changes what it gives; a correction (correct) replaces the recording's content.
  Result<Recorded> record_adverse_event(const Actor& actor, const std::string& id, const safety::AdverseEventContent& content);
  Result<Recorded> update_adverse_event(const Actor& actor, const std::string& id, int64_t adverse_event,
                                        const safety::AdverseEventContent& content, const std::string& reason);
  // A serious event reported (at `reported_at`, UTC, not after now) to `to`.
  Result<Recorded> report_serious_event(const Actor& actor, const std::string& id, int64_t adverse_event,
                                        const std::string& reported_at, const std::string& to);
  // A transplant after the trial's treatment and whether veno-occlusive disease followed;
  // recorded again for the same date, it follows the transplant up.
  Result<Recorded> record_transplant(const Actor& actor, const std::string& id, Date date, std::optional<bool> vod,
                                     std::optional<Date> vod_date);

  // Periods open and close in protocol order; opening one closes the one open before.
  Result<Recorded> open_period(const Actor& actor, const std::string& period, Date date);
  Result<Recorded> close_period(const Actor& actor, const std::string& period, Date date);

  // A new event that replaces the content of event `sequence`, with the same input its
  // command takes (a dose, an observation, a body measurement, a marrow assessment, a record).
  Result<Recorded> correct(const Actor& actor, int64_t sequence, const std::string& reason, const Json& input);
  // A new event that voids event `sequence` (a recorded value: an amended record, a lab, a
  // height and weight, a dose, a marrow assessment, an adverse event), with the reason: the
  // patient's state is then folded as if it had never been recorded.
  Result<Recorded> void_event(const Actor& actor, int64_t sequence, const std::string& reason);

  // Reads.
  Result<PatientState> patient_state(const std::string& id);
  Result<std::vector<PatientState>> patient_states();  // in id order
  Result<Json> patient(const std::string& id);  // the state with what the protocol derives from it
  // Each planned dose of the courses begun and of the next one, with its status on `date`:
  // given, late (given outside its window), missed, due, upcoming; deviations and delays.
  Result<Json> calendar(const std::string& id, Date date);
  // A summary line of each patient; with `as_of`, also the next dose due or to come.
  Result<std::vector<Json>> patients(std::optional<Date> as_of = std::nullopt);
  Result<std::vector<store::Event>> history(const std::string& id);
  Result<std::optional<std::string>> open_period_on(Date date);
  Result<TrialFactValues> trial_facts(Date date);  // the protocol's derived trial facts
  Result<std::vector<PatientSummary>> summaries(Date as_of);  // the patients as they stood that day
  // The endpoint report as of `date`, as it would have been printed that day (nothing dated
  // after it counts); survival from enrollment to death, or to the last date anything was
  // recorded of them.
  Result<report::EndpointReport> report(Date date);
  // Every serious adverse event with its reporting deadline as of `now` (UTC), late first.
  Result<std::vector<SeriousEventClock>> serious_events(const std::string& now);

 private:
  const Protocol& protocol_;
  store::Store& store_;
};

// The user who may call each front end's commands is decided there; the service checks
// only what the protocol and the trial's state allow.

}  // namespace trialcore::trial
