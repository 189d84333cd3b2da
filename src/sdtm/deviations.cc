// DV: the protocol deviations of the record. A dose that departs from the plan (its
// amount, its day, its infusion time, a course started early) is one record for each
// departure the engine found when it was recorded; an eligibility criterion waived at
// enrollment is one more. The explanation recorded for a dose has no DV variable: SUPPDV.
#include <cctype>

#include "sdtm/subject_domains.h"
#include "sdtm/supplemental.h"
#include "sdtm/text.h"

namespace trialcore::sdtm {

namespace {

struct DeviationRecord {
  std::string identifier;  // DVSPID: the event that recorded it
  std::string term, decoded, category;
  Date date;
  std::string explanation;
};

std::string upper_words(std::string text) {
  for (char& c : text) c = c == '-' ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::vector<DeviationRecord> records_of(const Study& study, const Subject& subject) {
  const trial::PatientState& state = subject.state;
  std::vector<DeviationRecord> records;
  for (const trial::DoseEntry& dose : state.doses) {
    std::string explanation;
    for (const trial::ExplanationEntry& explained : state.explanations) {
      if (explained.dose_sequence == dose.stamp.sequence) explanation = explained.explanation;
    }
    for (const trial::DeviationNote& deviation : dose.deviations) {
      records.push_back({"EVENT " + std::to_string(dose.stamp.sequence), deviation.message, upper_words(deviation.kind),
                         "TREATMENT DEVIATION", dose.date, explanation});
    }
  }
  if (state.enrolled()) {
    for (const RecordedCriterion& criterion : subject.criteria) {
      if (criterion.result != CriterionResult::kWaived) continue;
      records.push_back({"", "Enrolled with criterion " + study.criterion_code(criterion.id) + " (" + criterion.id +
                                 ") " + criterion.reason,
                         "ELIGIBILITY CRITERION WAIVED", "ELIGIBILITY DEVIATION",
                         subject.screened_on.value_or(*state.enrolled_on), ""});
    }
  }
  in_date_order(records);
  return records;
}

}  // namespace

std::vector<Dataset> deviations(const Study& study, const std::vector<Subject>& subjects) {
  Dataset dataset = subject_dataset("DV", "Protocol Deviations",
                                    {"DVSEQ", "DVSPID", "DVTERM", "DVDECOD", "DVCAT", "EPOCH", "DVSTDTC", "DVSTDY"},
                                    {{"DVSEQ", 3}});
  Supplemental supplemental("DV");
  add_subject_records(
      dataset, study, subjects, [&](const Subject& subject) { return records_of(study, subject); },
      [&](RowBuilder& row, const Subject& subject, const DeviationRecord& record, int64_t sequence) {
        row.set("DVSPID", record.identifier);
        row.set("DVTERM", shortened(record.term, kMaxTextLength)).set("DVDECOD", record.decoded).set("DVCAT", record.category);
        set_timing(row, study, subject, record.date, "DVSTDTC", "DVSTDY");
        if (!record.explanation.empty()) {
          supplemental.add(study, subject, "DVSEQ", std::to_string(sequence), "DVEXPLN", "Explanation of the Deviation",
                           record.explanation, "COLLECTED");
        }
      });
  return {dataset, supplemental.dataset()};
}

}  // namespace trialcore::sdtm
