#include "trial/patient_state.h"

#include <array>
#include <utility>

#include "trial/adverse_event_state.h"
#include "trial/row_reader.h"

namespace trialcore::trial {

namespace {

constexpr std::array<std::pair<PatientStatus, const char*>, 5> kStatusNames = {{
    {PatientStatus::kRegistered, "registered"},
    {PatientStatus::kScreened, "screened"},
    {PatientStatus::kConsented, "consented"},
    {PatientStatus::kEnrolled, "enrolled"},
    {PatientStatus::kOffStudy, "off-study"},
}};

std::string date_text(const std::optional<Date>& date) { return date ? date->to_string() : ""; }

void put_stamp(Json& entry, const Stamp& stamp) {
  entry["sequence"] = stamp.sequence;
  entry["actor"] = stamp.actor;
  entry["recorded_at"] = stamp.recorded_at;
}

}  // namespace

const char* status_name(PatientStatus status) {
  for (const auto& [value, name] : kStatusNames) {
    if (value == status) return name;
  }
  return "registered";
}

std::optional<PatientStatus> status_named(const std::string& name) {
  for (const auto& [value, text] : kStatusNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

PatientState state_as_of(const PatientState& state, Date date) {
  PatientState past = state;
  auto after = [date](const std::optional<Date>& when) { return when && date < *when; };
  std::erase_if(past.observations, [&](const ObservationEntry& entry) { return after(entry.date); });
  std::erase_if(past.body, [&](const BodyEntry& entry) { return after(entry.date); });
  std::erase_if(past.waivers, [&](const WaiverEntry& entry) { return after(entry.date); });
  std::erase_if(past.screenings, [&](const ScreeningEntry& entry) { return after(entry.date); });
  std::erase_if(past.doses, [&](const DoseEntry& entry) { return after(entry.date); });
  std::erase_if(past.assessments, [&](const AssessmentEntry& entry) { return after(entry.date); });
  std::erase_if(past.adverse_events, [&](const AdverseEventEntry& entry) { return after(entry.start); });
  std::erase_if(past.transplants, [&](const TransplantEntry& entry) { return after(entry.date); });
  if (after(past.consent_date)) past.consent_date.reset();
  if (after(past.enrolled_on)) {
    past.enrolled_on.reset();
    past.period.clear();
  }
  if (past.vital_status && after(past.vital_status->date)) past.vital_status.reset();
  if (past.off_study && after(past.off_study->date)) past.off_study.reset();
  if (past.off_study) {
    past.status = PatientStatus::kOffStudy;
  } else if (past.enrolled_on) {
    past.status = PatientStatus::kEnrolled;
  } else if (past.consent_date) {
    past.status = PatientStatus::kConsented;
  } else if (!past.screenings.empty()) {
    past.status = PatientStatus::kScreened;
  } else {
    past.status = PatientStatus::kRegistered;
  }
  return past;
}

std::optional<Date> last_clinical_date(const PatientState& state) {
  std::optional<Date> last;
  auto see = [&last](const std::optional<Date>& date) {
    if (date && (!last || *last < *date)) last = date;
  };
  for (const ObservationEntry& entry : state.observations) see(entry.date);
  for (const BodyEntry& entry : state.body) see(entry.date);
  for (const WaiverEntry& entry : state.waivers) see(entry.date);
  for (const ScreeningEntry& entry : state.screenings) see(entry.date);
  for (const DoseEntry& entry : state.doses) see(entry.date);
  for (const AssessmentEntry& entry : state.assessments) see(entry.date);
  for (const AdverseEventEntry& entry : state.adverse_events) {
    see(entry.start);
    see(entry.end);
  }
  for (const TransplantEntry& entry : state.transplants) see(entry.date);
  see(state.consent_date);
  see(state.enrolled_on);
  if (state.vital_status) see(state.vital_status->date);
  if (state.off_study) see(state.off_study->date);
  return last;
}

Json add_on_entry_json(const AddOnEntry& started) {
  Json entry = {{"from_course", started.from_course}, {"reason", started.reason}, {"actor", started.actor}};
  if (started.override_of) entry["override_of"] = *started.override_of;
  return entry;
}

Json dose_payload_json(const DoseEntry& dose) {
  Json entry = {{"course", dose.course}, {"day", dose.day}, {"drug", dose.drug}, {"date", dose.date.to_string()},
                {"dose_mg", dose.dose_mg}, {"planned_mg", dose.planned_mg}, {"deviations", Json::array()}};
  if (dose.start_time) entry["start_time"] = *dose.start_time;
  if (dose.start_minute) entry["start_minute"] = *dose.start_minute;
  if (dose.infusion_minutes) entry["infusion_minutes"] = *dose.infusion_minutes;
  for (const DeviationNote& deviation : dose.deviations) {
    entry["deviations"].push_back({{"kind", deviation.kind}, {"message", deviation.message}});
  }
  return entry;
}

Json dose_entry_json(const DoseEntry& dose) {
  Json entry = dose_payload_json(dose);
  put_stamp(entry, dose.stamp);
  return entry;
}

Json observation_entry_json(const ObservationEntry& observation) {
  Json entry = observation.entry;
  entry["sequence"] = observation.sequence;
  return entry;
}

namespace {

template <class Entry, class ToJson>
Json json_list(const std::vector<Entry>& entries, ToJson to_json) {
  Json list = Json::array();
  for (const Entry& entry : entries) list.push_back(to_json(entry));
  return list;
}

Json body_json(const BodyEntry& measured) {
  return {{"sequence", measured.sequence}, {"date", measured.date.to_string()}, {"height_cm", measured.height_cm},
          {"weight_kg", measured.weight_kg}};
}

Json waiver_json(const WaiverEntry& waiver) {
  return {{"sequence", waiver.sequence}, {"criterion", waiver.criterion}, {"by", waiver.by},
          {"date", waiver.date.to_string()}, {"reason", waiver.reason}};
}

Json screening_json(const ScreeningEntry& screening) {
  return {{"sequence", screening.sequence}, {"date", screening.date.to_string()}, {"eligible", screening.eligible},
          {"protocol_version", screening.protocol_version}};
}

Json verification_json(const VerificationEntry& verification) {
  Json entry = {{"course", verification.course}, {"day", verification.day}, {"drug", verification.drug},
                {"dose_mg", verification.dose_mg}, {"planned_mg", verification.planned_mg},
                {"bsa_m2", verification.bsa_m2}, {"measured_on", date_text(verification.measured_on)}};
  put_stamp(entry, verification.stamp);
  return entry;
}

Json explanation_json(const ExplanationEntry& explanation) {
  return {{"sequence", explanation.sequence}, {"dose_sequence", explanation.dose_sequence},
          {"explanation", explanation.explanation}, {"actor", explanation.actor}};
}

Json assessment_json(const AssessmentEntry& assessment) {
  Json entry = {{"course", assessment.course}, {"date", assessment.date.to_string()}, {"assessment", assessment.assessment},
                {"response", {{"category", assessment.category}, {"reason", assessment.reason}, {"missing", assessment.missing}}}};
  put_stamp(entry, assessment.stamp);
  return entry;
}

Json adjudication_json(const AdjudicationEntry& adjudication) {
  return {{"sequence", adjudication.sequence}, {"course", adjudication.course}, {"category", adjudication.category},
          {"reason", adjudication.reason}, {"actor", adjudication.actor}, {"date", date_text(adjudication.date)}};
}

Json correction_json(const CorrectionEntry& correction) {
  return {{"sequence", correction.sequence}, {"corrects", correction.corrects}, {"reason", correction.reason},
          {"actor", correction.actor}};
}

Json void_json(const VoidEntry& entry) {
  return {{"sequence", entry.sequence}, {"voids", entry.voids}, {"kind", entry.kind}, {"reason", entry.reason},
          {"actor", entry.actor}};
}

// What happened after enrollment, apart from the treatment: vital status, going off study,
// adverse events, transplants; and the corrections and voids.
void put_follow_up(Json& row, const PatientState& state) {
  if (state.vital_status) {
    row["vital_status"] = {{"date", state.vital_status->date.to_string()}, {"alive", state.vital_status->alive}};
  }
  if (state.off_study) {
    row["off_study"] = {{"date", state.off_study->date.to_string()}, {"reason", state.off_study->reason}};
  }
  row["adverse_events"] = json_list(state.adverse_events, adverse_event_entry_json);
  row["transplants"] = json_list(state.transplants, transplant_entry_json);
  row["corrections"] = json_list(state.corrections, correction_json);
  row["voids"] = json_list(state.voids, void_json);
}

ObservationEntry observation_from_row(RowReader& entry) {
  ObservationEntry observation;
  observation.sequence = entry.integer("sequence");
  observation.code = entry.text("code");
  observation.date = entry.optional_date("date");
  observation.entry = entry.json();
  observation.entry.erase("sequence");
  return observation;
}

VerificationEntry verification_from_row(RowReader& entry) {
  VerificationEntry verification = verification_members(entry);
  verification.stamp = entry.stamp();
  return verification;
}

DoseEntry dose_from_row(RowReader& entry) {
  DoseEntry dose = dose_members(entry);
  dose.stamp = entry.stamp();
  dose.date = entry.date("date");
  return dose;
}

AssessmentEntry assessment_from_row(RowReader& entry) {
  AssessmentEntry assessment = assessment_members(entry);
  assessment.stamp = entry.stamp();
  assessment.date = entry.date("date");
  return assessment;
}

// Registration to enrollment: observations, body measurements, waivers, screenings, consent.
void read_enrolment(RowReader& in, PatientState& state) {
  in.each("observations", [&](RowReader& entry) { state.observations.push_back(observation_from_row(entry)); });
  in.each("body", [&](RowReader& entry) {
    state.body.push_back({entry.integer("sequence"), entry.date("date"), entry.number("height_cm"), entry.number("weight_kg")});
  });
  in.each("waivers", [&](RowReader& entry) {
    state.waivers.push_back({entry.integer("sequence"), entry.text("criterion"), entry.text("by"), entry.date("date"),
                             entry.text("reason")});
  });
  in.each("screenings", [&](RowReader& entry) {
    state.screenings.push_back({entry.integer("sequence"), entry.date("date"), entry.text("eligible"),
                                entry.text("protocol_version")});
  });
  state.consent_date = in.optional_date("consent_date");
  state.enrolled_on = in.optional_date("enrolled_on");
  state.period = in.text("period");
}

// The treatment: doses verified and given, deviations explained, responses, add-ons.
void read_treatment(RowReader& in, PatientState& state) {
  in.each("verifications", [&](RowReader& entry) { state.verifications.push_back(verification_from_row(entry)); });
  in.each("doses", [&](RowReader& entry) { state.doses.push_back(dose_from_row(entry)); });
  in.each("explanations", [&](RowReader& entry) {
    state.explanations.push_back({entry.integer("sequence"), entry.integer("dose_sequence"), entry.text("explanation"),
                                  entry.text("actor")});
  });
  in.each("assessments", [&](RowReader& entry) { state.assessments.push_back(assessment_from_row(entry)); });
  in.each("adjudications", [&](RowReader& entry) {
    state.adjudications.push_back({entry.integer("sequence"), static_cast<int>(entry.integer("course")),
                                   entry.text("category"), entry.text("reason"), entry.text("actor"),
                                   entry.optional_date("date")});
  });
  in.nested("add_ons", [&](RowReader& add_ons) {
    for (const auto& item : add_ons.json().items()) {
      const std::string add_on = item.key();
      add_ons.nested(add_on.c_str(), [&](RowReader& entry) {
        state.add_ons[add_on] = {static_cast<int>(entry.integer("from_course")), entry.text("reason"), entry.text("actor"),
                                 entry.optional_text("override_of")};
      });
    }
  });
}

void read_follow_up(RowReader& in, PatientState& state) {
  in.nested("vital_status", [&](RowReader& entry) {
    state.vital_status = VitalStatusEntry{entry.date("date"), entry.boolean("alive", true)};
  });
  in.nested("off_study", [&](RowReader& entry) { state.off_study = OffStudyEntry{entry.date("date"), entry.text("reason")}; });
  in.each("adverse_events", [&](RowReader& entry) { state.adverse_events.push_back(adverse_event_from_row(entry)); });
  in.each("transplants", [&](RowReader& entry) { state.transplants.push_back(transplant_from_row(entry)); });
  in.each("corrections", [&](RowReader& entry) {
    state.corrections.push_back({entry.integer("sequence"), entry.integer("corrects"), entry.text("reason"),
                                 entry.text("actor")});
  });
  in.each("voids", [&](RowReader& entry) {
    state.voids.push_back({entry.integer("sequence"), entry.integer("voids"), entry.text("kind"), entry.text("reason"),
                           entry.text("actor")});
  });
}

// Which dose of the plan an entry is about: its course, day and drug.
template <class Entry>
void read_planned_dose(RowReader& in, Entry& entry) {
  entry.course = static_cast<int>(in.integer("course"));
  entry.day = static_cast<int>(in.integer("day"));
  entry.drug = in.text("drug");
}

}  // namespace

DoseEntry dose_members(RowReader& in) {
  DoseEntry dose;
  read_planned_dose(in, dose);
  dose.start_time = in.optional_text("start_time");
  if (auto minute = in.optional_number("start_minute")) dose.start_minute = static_cast<int>(*minute);
  dose.dose_mg = in.number("dose_mg");
  dose.infusion_minutes = in.optional_number("infusion_minutes");
  dose.planned_mg = in.number("planned_mg");
  in.each("deviations", [&](RowReader& deviation) {
    dose.deviations.push_back({deviation.text("kind"), deviation.text("message")});
  });
  return dose;
}

VerificationEntry verification_members(RowReader& in) {
  VerificationEntry verification;
  read_planned_dose(in, verification);
  verification.dose_mg = in.number("dose_mg");
  verification.planned_mg = in.number("planned_mg");
  verification.bsa_m2 = in.number("bsa_m2");
  verification.measured_on = in.optional_date("measured_on");
  return verification;
}

AssessmentEntry assessment_members(RowReader& in) {
  AssessmentEntry assessment;
  assessment.course = static_cast<int>(in.integer("course"));
  assessment.assessment = in.object("assessment");
  in.nested("response", [&](RowReader& computed) {
    assessment.category = computed.text("category");
    assessment.reason = computed.text("reason");
    assessment.missing = computed.texts("missing");
  });
  return assessment;
}

Json patient_state_json(const PatientState& state) {
  Json row = patient_row_json(state);
  row["observations"] = json_list(state.observations, observation_entry_json);
  return row;
}

Json patient_row_json(const PatientState& state) {
  Json row = {{"id", state.id}, {"status", status_name(state.status)}, {"record", state.record}};
  row["body"] = json_list(state.body, body_json);
  row["waivers"] = json_list(state.waivers, waiver_json);
  row["screenings"] = json_list(state.screenings, screening_json);
  if (state.consent_date) row["consent_date"] = state.consent_date->to_string();
  if (state.enrolled_on) {
    row["period"] = state.period;
    row["enrolled_on"] = state.enrolled_on->to_string();
  }
  row["verifications"] = json_list(state.verifications, verification_json);
  row["doses"] = json_list(state.doses, dose_entry_json);
  row["explanations"] = json_list(state.explanations, explanation_json);
  row["assessments"] = json_list(state.assessments, assessment_json);
  row["adjudications"] = json_list(state.adjudications, adjudication_json);
  Json add_ons = Json::object();
  for (const auto& [add_on, started] : state.add_ons) add_ons[add_on] = add_on_entry_json(started);
  row["add_ons"] = std::move(add_ons);
  put_follow_up(row, state);
  return row;
}

Result<ObservationEntry> observation_entry_from_json(const Json& row, const std::string& path) {
  if (!row.is_object()) return Error{path, "an observation's row must be an object", ErrorKind::kFailure};
  RowReader in(row, path);
  ObservationEntry observation = observation_from_row(in);
  if (!in.status().ok()) return in.status().error();
  return observation;
}

Result<PatientState> patient_state_from_json(const Json& row) {
  if (!row.is_object()) return Error{"$", "a patient's row must be an object", ErrorKind::kFailure};
  RowReader in(row, "$");
  PatientState state;
  state.id = in.text("id");
  std::string status = in.text("status");
  auto named = status_named(status);
  if (!named) return Error{"$.status", "'" + status + "' is not a patient status", ErrorKind::kFailure};
  state.status = *named;
  state.record = in.object("record");
  read_enrolment(in, state);
  read_treatment(in, state);
  read_follow_up(in, state);
  if (!in.status().ok()) return in.status().error();
  return state;
}

}  // namespace trialcore::trial
