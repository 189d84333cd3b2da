// EX: every dose given, in mg, with its course as EPOCH and its course day as VISIT. The
// dose the plan called for has no EX variable: SUPPEX. A dose that departs from the plan is
// a protocol deviation, in DV; the explanation of a changed dose is also its EXADJ.
#include <cmath>

#include "sdtm/subject_domains.h"
#include "sdtm/supplemental.h"
#include "usdm/terminology.h"

namespace trialcore::sdtm {

namespace {

// "2010-07-05T09:30", or the date alone when no time was recorded.
std::string start_of(const trial::DoseEntry& dose) {
  return dose.start_time ? dose.date.to_string() + "T" + *dose.start_time : dose.date.to_string();
}

// The start plus the infusion's minutes, when both are known.
std::optional<std::string> end_of(const trial::DoseEntry& dose) {
  if (!dose.start_minute || !dose.infusion_minutes) return std::nullopt;
  long minutes = *dose.start_minute + std::lround(*dose.infusion_minutes);
  Date day = dose.date.plus_days(minutes / (24 * 60));
  minutes %= 24 * 60;
  char time[8];
  std::snprintf(time, sizeof time, "%02ld:%02ld", minutes / 60, minutes % 60);
  return day.to_string() + "T" + time;
}

// ISO 8601 duration of the infusion: "PT62M".
std::optional<std::string> duration_of(const trial::DoseEntry& dose) {
  if (!dose.infusion_minutes) return std::nullopt;
  return "PT" + number_text(*dose.infusion_minutes) + "M";
}

// The explanation given for a dose whose amount departs from the plan.
std::string adjustment_of(const trial::PatientState& state, const trial::DoseEntry& dose) {
  bool changed = std::fabs(dose.dose_mg - dose.planned_mg) > 1e-9;
  if (!changed) return "";
  for (const trial::ExplanationEntry& explanation : state.explanations) {
    if (explanation.dose_sequence == dose.stamp.sequence) return explanation.explanation;
  }
  return "";
}

// A subject's doses by date, time, course and day.
std::vector<const trial::DoseEntry*> doses_in_order(const Subject& subject) {
  std::vector<const trial::DoseEntry*> doses;
  for (const trial::DoseEntry& dose : subject.state.doses) doses.push_back(&dose);
  std::stable_sort(doses.begin(), doses.end(), [](const auto* a, const auto* b) {
    return std::tie(a->date, a->start_minute, a->course, a->day) < std::tie(b->date, b->start_minute, b->course, b->day);
  });
  return doses;
}

}  // namespace

std::vector<Dataset> exposure(const Study& study, const std::vector<Subject>& subjects) {
  Dataset dataset = subject_dataset("EX", "Exposure",
                                    {"EXSEQ", "EXTRT", "EXDOSE", "EXDOSU", "EXDOSFRM", "EXROUTE", "EXADJ",
                                     "VISITNUM", "VISIT", "EPOCH", "EXSTDTC", "EXENDTC", "EXSTDY", "EXENDY", "EXDUR"},
                                    {{"EXTRT", 3}, {"EXSTDTC", 4}});
  Supplemental supplemental("EX");
  add_subject_records(
      dataset, study, subjects, [](const Subject& subject) { return doses_in_order(subject); },
      [&](RowBuilder& row, const Subject& subject, const trial::DoseEntry* dose, int64_t sequence) {
        const treatment::Drug* drug = study.protocol.treatment.drug(dose->drug);
        row.set("EXTRT", drug && !drug->name.empty() ? drug->name : dose->drug);
        row.set("EXDOSE", shown(dose->dose_mg)).set("EXDOSU", "mg");
        if (drug) {
          auto route = usdm::route_term(drug->route);
          row.set("EXROUTE", route ? route->submission : drug->route);
        }
        row.set("EXADJ", adjustment_of(subject.state, *dose));
        if (const usdm::Visit* visit = study.design.visit(dose->course, dose->day)) {
          row.set("VISITNUM", int64_t(visit->number)).set("VISIT", visit->name);
        } else {
          row.set("VISIT", "COURSE " + std::to_string(dose->course) + " DAY " + std::to_string(dose->day));
        }
        row.set("EPOCH", epoch_on(study, subject, dose->date));
        std::optional<std::string> end = end_of(*dose);
        row.set("EXSTDTC", start_of(*dose)).set("EXENDTC", end);
        if (auto day = study_day(subject, dose->date)) row.set("EXSTDY", *day);
        if (end) {
          if (auto day = study_day(subject, *Date::Parse(end->substr(0, 10)))) row.set("EXENDY", *day);
        }
        row.set("EXDUR", duration_of(*dose));
        supplemental.add(study, subject, "EXSEQ", std::to_string(sequence), "PLANDOSE", "Planned Dose (mg)",
                         number_text(dose->planned_mg), "DERIVED");
      });
  return {dataset, supplemental.dataset()};
}

}  // namespace trialcore::sdtm
