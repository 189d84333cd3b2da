// DM: one record a subject. The arm is the period they were enrolled in; the actual arm is
// the same once a dose was given. Reference start and end are the first and last dose;
// participation ends with death, or with the last vital status after going off study.
#include <algorithm>

#include "sdtm/subject_domains.h"
#include "sdtm/supplemental.h"
#include "sdtm/text.h"

namespace trialcore::sdtm {

bool is_subject(const trial::PatientState& state) { return state.consent_date.has_value(); }

Dataset subject_dataset(const std::string& name, const std::string& label, std::vector<std::string> names,
                        std::vector<Key> keys) {
  names.insert(names.begin(), {"STUDYID", "DOMAIN", "USUBJID"});
  keys.insert(keys.begin(), {{"STUDYID", 1}, {"USUBJID", 2}});
  return declared_dataset(name, label, names, keys);
}

RowBuilder subject_row(const Dataset& dataset, const Study& study, const Subject& subject) {
  RowBuilder row(dataset);
  row.set("STUDYID", study.protocol.id).set("DOMAIN", dataset.name).set("USUBJID", usubjid(study, subject));
  return row;
}

void set_timing(RowBuilder& row, const Study& study, const Subject& subject, Date date, const std::string& dtc,
                const std::string& dy) {
  row.set("EPOCH", epoch_on(study, subject, date)).set(dtc, date.to_string());
  if (auto day = study_day(subject, date)) row.set(dy, *day);
}

namespace {

std::optional<std::string> date_text(const std::optional<Date>& date) {
  return date ? std::optional<std::string>(date->to_string()) : std::nullopt;
}

// The record's sex as SDTM's SEX codelist has it: F, M, or U when not known.
std::string sex_of(const Json& record) {
  std::string sex = record.value("sex", "");
  if (sex == "female") return "F";
  if (sex == "male") return "M";
  return "U";
}

std::optional<Date> birth_date(const Json& record) {
  if (!record.contains("birth_date") || !record["birth_date"].is_string()) return std::nullopt;
  auto date = Date::Parse(record["birth_date"].get<std::string>());
  return date.ok() ? std::optional<Date>(*date) : std::nullopt;
}

// Death, or the last time they were known alive after going off study; none while on study.
std::optional<Date> end_of_participation(const trial::PatientState& state) {
  if (state.died()) return state.vital_status->date;
  if (!state.off_study) return std::nullopt;
  Date end = state.off_study->date;
  if (state.vital_status) end = std::max(end, state.vital_status->date);
  return end;
}

std::string arm_missing_reason(const trial::PatientState& state, bool treated) {
  if (state.enrolled()) return treated ? "" : "ASSIGNED, NOT TREATED";
  bool failed = !state.screenings.empty() && state.screenings.back().eligible == "no";
  return failed ? "SCREEN FAILURE" : "NOT ASSIGNED";
}

}  // namespace

std::vector<Dataset> demographics(const Study& study, const std::vector<Subject>& subjects) {
  Dataset dataset = subject_dataset("DM", "Demographics",
                                    {"SUBJID", "RFSTDTC", "RFENDTC", "RFXSTDTC", "RFXENDTC", "RFICDTC", "RFPENDTC",
                                     "DTHDTC", "DTHFL", "SITEID", "BRTHDTC", "AGE", "AGEU", "SEX", "RACE", "ETHNIC",
                                     "ARMCD", "ARM", "ACTARMCD", "ACTARM", "ARMNRS", "ACTARMUD", "COUNTRY"});
  Supplemental supplemental("DM");
  for (const Subject& subject : subjects) {
    const trial::PatientState& state = subject.state;
    RowBuilder row = subject_row(dataset, study, subject);
    std::optional<Date> first = first_dose(subject), last = last_dose(subject);
    row.set("SUBJID", state.id);
    row.set("RFSTDTC", date_text(first)).set("RFENDTC", date_text(last));
    row.set("RFXSTDTC", date_text(first)).set("RFXENDTC", date_text(last));
    row.set("RFICDTC", date_text(state.consent_date)).set("RFPENDTC", date_text(end_of_participation(state)));
    if (state.died()) row.set("DTHDTC", state.vital_status->date.to_string()).set("DTHFL", "Y");
    std::optional<Date> born = birth_date(state.record);
    row.set("BRTHDTC", date_text(born));
    if (born && state.consent_date) {
      row.set("AGE", int64_t(born->whole_years_until(*state.consent_date))).set("AGEU", "YEARS");
    }
    row.set("SEX", sex_of(state.record));
    const usdm::Arm* arm = state.enrolled() ? study.design.arm_of(state.period) : nullptr;
    bool treated = !state.doses.empty();
    if (arm) {
      row.set("ARMCD", arm->code).set("ARM", shortened(arm->name, kMaxTextLength));
      if (treated) row.set("ACTARMCD", arm->code).set("ACTARM", shortened(arm->name, kMaxTextLength));
    }
    row.set("ARMNRS", arm_missing_reason(state, treated));
    dataset.rows.push_back(row.row());
    // An add-on (a drug added from some course on) has no DM variable.
    int number = 0;
    for (const auto& [add_on, started] : state.add_ons) {
      std::string qnam = "ADDON" + std::to_string(++number);
      supplemental.add(study, subject, "", "", qnam, "Add-On Treatment Started",
                       add_on + " from course " + std::to_string(started.from_course) +
                           (started.reason.empty() ? "" : ": " + started.reason),
                       "COLLECTED");
    }
  }
  return {dataset, supplemental.dataset()};
}

}  // namespace trialcore::sdtm
