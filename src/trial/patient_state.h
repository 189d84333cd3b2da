// A patient's state in the trial: what was recorded about them, folded from their events
// in order with corrections applied and voided recordings left out. Facts as recorded, never what the protocol derives
// from them (courses given, best response, signals are computed when read, so a rebuild
// from the log never depends on a protocol version). Every reader of a patient (the views,
// the calendar, the commands, the report, the exports) reads these fields; JSON is only
// its storage form (patient_row_json and the observations' rows / patient_state_from_json)
// and the API's answer (patient_state_json).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/json_fields.h"

namespace trialcore::trial {

enum class PatientStatus { kRegistered, kScreened, kConsented, kEnrolled, kOffStudy };

// "registered", "screened", "consented", "enrolled", "off-study".
const char* status_name(PatientStatus status);
std::optional<PatientStatus> status_named(const std::string& name);

// Which event recorded a fact, who recorded it and when (UTC).
struct Stamp {
  int64_t sequence = 0;
  std::string actor;
  std::string recorded_at;
};

// An observation recorded after registration, as entered (code, value, unit, uln, date, ...:
// the protocol's catalogue decides which members an observation has).
struct ObservationEntry {
  int64_t sequence = 0;
  std::string code;
  std::optional<Date> date;
  Json entry = Json::object();  // as entered, without "sequence"
};

struct BodyEntry {
  int64_t sequence = 0;
  Date date;
  double height_cm = 0;
  double weight_kg = 0;
};

struct WaiverEntry {
  int64_t sequence = 0;
  std::string criterion;
  std::string by;
  Date date;
  std::string reason;
};

struct ScreeningEntry {
  int64_t sequence = 0;
  Date date;
  std::string eligible;  // "yes", "no", "unknown"
  std::string protocol_version;
};

// A pharmacist's check of a dose before it is given, against the plan of that moment.
struct VerificationEntry {
  Stamp stamp;
  int course = 0;
  int day = 0;
  std::string drug;
  double dose_mg = 0;
  double planned_mg = 0;
  double bsa_m2 = 0;
  std::optional<Date> measured_on;
};

struct DeviationNote {
  std::string kind;
  std::string message;
};

// A dose given, with what it was checked against when it was recorded.
struct DoseEntry {
  Stamp stamp;
  int course = 0;
  int day = 0;
  std::string drug;
  Date date;
  std::optional<std::string> start_time;  // "HH:MM" as entered
  std::optional<int> start_minute;        // minutes after midnight
  double dose_mg = 0;
  std::optional<double> infusion_minutes;
  double planned_mg = 0;
  std::vector<DeviationNote> deviations;
};

struct ExplanationEntry {
  int64_t sequence = 0;
  int64_t dose_sequence = 0;
  std::string explanation;
  std::string actor;
};

// A marrow assessment as entered, and the response the protocol computed when recorded.
struct AssessmentEntry {
  Stamp stamp;
  int course = 0;
  Date date;
  Json assessment = Json::object();  // anc, platelets, marrow_blasts, ... as entered
  std::string category;
  std::string reason;
  std::vector<std::string> missing;
};

struct AdjudicationEntry {
  int64_t sequence = 0;
  int course = 0;
  std::string category;
  std::string reason;
  std::string actor;
  std::optional<Date> date;
};

struct AddOnEntry {
  int from_course = 0;
  std::string reason;
  std::string actor;
  std::optional<std::string> override_of;  // the signal not yet raised when it started
};

struct VitalStatusEntry {
  Date date;
  bool alive = true;
};

struct OffStudyEntry {
  Date date;
  std::string reason;
};

// Who signed an adverse event's attribution and seriousness, in which role, when (UTC).
struct Signature {
  std::string by;
  std::string role;
  std::string at;
};

// A serious adverse event reported: when (UTC, as given) and to whom.
struct SaeReport {
  int64_t sequence = 0;
  std::string reported_at;
  std::string to;
  std::string actor;
};

// An adverse event as it stands: its recording, then each follow-up applied in order (a
// correction replaces the recording's content). Its id is the recording event's sequence.
struct AdverseEventEntry {
  Stamp stamp;
  std::string term;
  std::string specify;  // an "Other, specify" term's words
  int grade = 0;
  int worst_grade = 0;  // the highest grade it has had
  Date start;
  std::optional<Date> end;
  std::vector<std::string> serious;  // the criteria met; empty: not serious
  std::map<std::string, std::string> attribution;  // drug -> unrelated ... definite
  std::map<std::string, std::string> action;       // drug -> action taken
  std::string outcome;
  std::optional<int64_t> observation;  // the lab event it was proposed from
  std::optional<std::string> aware_at;  // when the site learned of it, as given
  std::optional<Signature> signature;   // the latest signature of attribution or seriousness
  // When the site knew it serious (UTC): the reporting clock's start.
  std::optional<std::string> serious_since;
  std::vector<int64_t> follow_ups;  // the follow-up events, in order
  std::vector<SaeReport> reports;

  bool is_serious() const { return !serious.empty(); }
};

// A transplant after the trial's treatment, with the veno-occlusive disease follow-up.
struct TransplantEntry {
  int64_t sequence = 0;
  Date date;
  std::optional<bool> vod;  // unknown until followed up
  std::optional<Date> vod_date;
};

struct CorrectionEntry {
  int64_t sequence = 0;
  int64_t corrects = 0;
  std::string reason;
  std::string actor;
};

// A void: event `voids` (of kind `kind`) holds no value since event `sequence`.
struct VoidEntry {
  int64_t sequence = 0;
  int64_t voids = 0;
  std::string kind;
  std::string reason;
  std::string actor;
};

struct PatientState {
  std::string id;
  PatientStatus status = PatientStatus::kRegistered;
  Json record = Json::object();  // the registered record as entered (its latest amendment)
  std::vector<ObservationEntry> observations;
  std::vector<BodyEntry> body;
  std::vector<WaiverEntry> waivers;
  std::vector<ScreeningEntry> screenings;
  std::optional<Date> consent_date;
  std::string period;  // empty until enrolled
  std::optional<Date> enrolled_on;
  std::vector<VerificationEntry> verifications;
  std::vector<DoseEntry> doses;
  std::vector<ExplanationEntry> explanations;
  std::vector<AssessmentEntry> assessments;
  std::vector<AdjudicationEntry> adjudications;
  std::map<std::string, AddOnEntry> add_ons;  // by add-on id
  std::optional<VitalStatusEntry> vital_status;
  std::optional<OffStudyEntry> off_study;
  std::vector<AdverseEventEntry> adverse_events;
  std::vector<TransplantEntry> transplants;
  std::vector<CorrectionEntry> corrections;
  std::vector<VoidEntry> voids;

  const AdverseEventEntry* adverse_event(int64_t sequence) const;

  bool enrolled() const { return enrolled_on.has_value(); }
  bool active() const { return status != PatientStatus::kOffStudy; }
  bool died() const { return vital_status && !vital_status->alive; }
};

// The state as it stood on `date` by clinical dates: what is dated after it (observations,
// measurements, waivers, screenings, consent, enrollment, doses, assessments, vital status,
// going off study) is left out, and the status is what those facts made it. A screening,
// a count or a report as of a past date reads this, never later data.
PatientState state_as_of(const PatientState& state, Date date);

// The latest clinical date of anything recorded (observations, measurements, screenings,
// consent, enrollment, doses, assessments, vital status, going off study).
std::optional<Date> last_clinical_date(const PatientState& state);

// The API's answer (docs/api.md): the patient's row with their observations in it.
Json patient_state_json(const PatientState& state);
// The patient's projection row ("patients"/<id>): all but the observations, which are rows of
// their own ("observations"/<id>/<sequence>, patient_form.h), so that recording a lab adds a
// small row instead of rewriting a row that grows with every lab.
Json patient_row_json(const PatientState& state);
// One observation's entry, the API's and its row's.
Json observation_entry_json(const ObservationEntry& observation);
// Reads an observation's row (an Error names the member under `path` that does not read).
Result<ObservationEntry> observation_entry_from_json(const Json& row, const std::string& path);
// One dose and one add-on in the same form (the calendar shows them); a dose's content as its
// event holds it (without the stamp).
Json dose_entry_json(const DoseEntry& dose);
Json dose_payload_json(const DoseEntry& dose);
Json adverse_event_entry_json(const AdverseEventEntry& event);
Json add_on_entry_json(const AddOnEntry& started);
// Reads a row written by patient_state_json or patient_row_json (then without observations);
// an Error names the member that does not read.
Result<PatientState> patient_state_from_json(const Json& row);

}  // namespace trialcore::trial
