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

Json patient_state_json(const PatientState& state) {
  Json row = patient_state_json_but_observations(state);
  Json& observations = row["observations"];
  for (const ObservationEntry& observation : state.observations) observations.push_back(observation_entry_json(observation));
  return row;
}

Json patient_state_json_but_observations(const PatientState& state) {
  Json row = {{"id", state.id}, {"status", status_name(state.status)}, {"record", state.record}};
  row["observations"] = Json::array();
  Json body = Json::array();
  for (const BodyEntry& measured : state.body) {
    body.push_back({{"sequence", measured.sequence}, {"date", measured.date.to_string()},
                    {"height_cm", measured.height_cm}, {"weight_kg", measured.weight_kg}});
  }
  row["body"] = std::move(body);
  Json waivers = Json::array();
  for (const WaiverEntry& waiver : state.waivers) {
    waivers.push_back({{"sequence", waiver.sequence}, {"criterion", waiver.criterion}, {"by", waiver.by},
                       {"date", waiver.date.to_string()}, {"reason", waiver.reason}});
  }
  row["waivers"] = std::move(waivers);
  Json screenings = Json::array();
  for (const ScreeningEntry& screening : state.screenings) {
    screenings.push_back({{"sequence", screening.sequence}, {"date", screening.date.to_string()},
                          {"eligible", screening.eligible}, {"protocol_version", screening.protocol_version}});
  }
  row["screenings"] = std::move(screenings);
  if (state.consent_date) row["consent_date"] = state.consent_date->to_string();
  if (state.enrolled_on) {
    row["period"] = state.period;
    row["enrolled_on"] = state.enrolled_on->to_string();
  }
  Json verifications = Json::array();
  for (const VerificationEntry& verification : state.verifications) {
    Json entry = {{"course", verification.course}, {"day", verification.day}, {"drug", verification.drug},
                  {"dose_mg", verification.dose_mg}, {"planned_mg", verification.planned_mg},
                  {"bsa_m2", verification.bsa_m2}, {"measured_on", date_text(verification.measured_on)}};
    put_stamp(entry, verification.stamp);
    verifications.push_back(std::move(entry));
  }
  row["verifications"] = std::move(verifications);
  Json doses = Json::array();
  for (const DoseEntry& dose : state.doses) doses.push_back(dose_entry_json(dose));
  row["doses"] = std::move(doses);
  Json explanations = Json::array();
  for (const ExplanationEntry& explanation : state.explanations) {
    explanations.push_back({{"sequence", explanation.sequence}, {"dose_sequence", explanation.dose_sequence},
                            {"explanation", explanation.explanation}, {"actor", explanation.actor}});
  }
  row["explanations"] = std::move(explanations);
  Json assessments = Json::array();
  for (const AssessmentEntry& assessment : state.assessments) {
    Json entry = {{"course", assessment.course}, {"date", assessment.date.to_string()},
                  {"assessment", assessment.assessment},
                  {"response", {{"category", assessment.category}, {"reason", assessment.reason},
                                {"missing", assessment.missing}}}};
    put_stamp(entry, assessment.stamp);
    assessments.push_back(std::move(entry));
  }
  row["assessments"] = std::move(assessments);
  Json adjudications = Json::array();
  for (const AdjudicationEntry& adjudication : state.adjudications) {
    adjudications.push_back({{"sequence", adjudication.sequence}, {"course", adjudication.course},
                             {"category", adjudication.category}, {"reason", adjudication.reason},
                             {"actor", adjudication.actor}, {"date", date_text(adjudication.date)}});
  }
  row["adjudications"] = std::move(adjudications);
  Json add_ons = Json::object();
  for (const auto& [add_on, started] : state.add_ons) {
    add_ons[add_on] = add_on_entry_json(started);
  }
  row["add_ons"] = std::move(add_ons);
  if (state.vital_status) {
    row["vital_status"] = {{"date", state.vital_status->date.to_string()}, {"alive", state.vital_status->alive}};
  }
  if (state.off_study) {
    row["off_study"] = {{"date", state.off_study->date.to_string()}, {"reason", state.off_study->reason}};
  }
  Json adverse_events = Json::array();
  for (const AdverseEventEntry& event : state.adverse_events) adverse_events.push_back(adverse_event_entry_json(event));
  row["adverse_events"] = std::move(adverse_events);
  Json transplants = Json::array();
  for (const TransplantEntry& transplant : state.transplants) transplants.push_back(transplant_entry_json(transplant));
  row["transplants"] = std::move(transplants);
  Json corrections = Json::array();
  for (const CorrectionEntry& correction : state.corrections) {
    corrections.push_back({{"sequence", correction.sequence}, {"corrects", correction.corrects},
                           {"reason", correction.reason}, {"actor", correction.actor}});
  }
  row["corrections"] = std::move(corrections);
  return row;
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
  in.each("observations", [&](RowReader& entry) {
    ObservationEntry observation;
    observation.sequence = entry.integer("sequence");
    observation.code = entry.text("code");
    observation.date = entry.optional_date("date");
    observation.entry = entry.json();
    observation.entry.erase("sequence");
    state.observations.push_back(std::move(observation));
  });
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
  in.each("verifications", [&](RowReader& entry) {
    VerificationEntry verification;
    verification.stamp = entry.stamp();
    verification.course = static_cast<int>(entry.integer("course"));
    verification.day = static_cast<int>(entry.integer("day"));
    verification.drug = entry.text("drug");
    verification.dose_mg = entry.number("dose_mg");
    verification.planned_mg = entry.number("planned_mg");
    verification.bsa_m2 = entry.number("bsa_m2");
    verification.measured_on = entry.optional_date("measured_on");
    state.verifications.push_back(std::move(verification));
  });
  in.each("doses", [&](RowReader& entry) {
    DoseEntry dose;
    dose.stamp = entry.stamp();
    dose.course = static_cast<int>(entry.integer("course"));
    dose.day = static_cast<int>(entry.integer("day"));
    dose.drug = entry.text("drug");
    dose.date = entry.date("date");
    dose.start_time = entry.optional_text("start_time");
    if (auto minute = entry.optional_number("start_minute")) dose.start_minute = static_cast<int>(*minute);
    dose.dose_mg = entry.number("dose_mg");
    dose.infusion_minutes = entry.optional_number("infusion_minutes");
    dose.planned_mg = entry.number("planned_mg");
    entry.each("deviations", [&](RowReader& deviation) {
      dose.deviations.push_back({deviation.text("kind"), deviation.text("message")});
    });
    state.doses.push_back(std::move(dose));
  });
  in.each("explanations", [&](RowReader& entry) {
    state.explanations.push_back({entry.integer("sequence"), entry.integer("dose_sequence"), entry.text("explanation"),
                                  entry.text("actor")});
  });
  in.each("assessments", [&](RowReader& entry) {
    AssessmentEntry assessment;
    assessment.stamp = entry.stamp();
    assessment.course = static_cast<int>(entry.integer("course"));
    assessment.date = entry.date("date");
    assessment.assessment = entry.object("assessment");
    entry.nested("response", [&](RowReader& computed) {
      assessment.category = computed.text("category");
      assessment.reason = computed.text("reason");
      assessment.missing = computed.texts("missing");
    });
    state.assessments.push_back(std::move(assessment));
  });
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
  if (!in.status().ok()) return in.status().error();
  return state;
}

}  // namespace trialcore::trial
