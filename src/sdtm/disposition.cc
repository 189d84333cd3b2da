// DS: the protocol milestones (informed consent, enrollment) and the disposition events
// (screen failure, going off study, death). The milestones happen in screening, even when
// the first dose is given on the day of enrollment. The reason for going off study is
// recorded as text: it is DSTERM, and DSDECOD stays empty for a data manager to code.
#include "sdtm/subject_domains.h"
#include "sdtm/text.h"

namespace trialcore::sdtm {

namespace {

struct DispositionRecord {
  std::string term, decoded, category;
  Date date;
};

std::vector<DispositionRecord> records_of(const trial::PatientState& state) {
  std::vector<DispositionRecord> records;
  if (state.consent_date) {
    records.push_back({"INFORMED CONSENT OBTAINED", "INFORMED CONSENT OBTAINED", "PROTOCOL MILESTONE", *state.consent_date});
  }
  if (state.enrolled_on) {
    records.push_back({"ENROLLED", "ELIGIBILITY CRITERIA MET", "PROTOCOL MILESTONE", *state.enrolled_on});
  } else if (!state.screenings.empty() && state.screenings.back().eligible == "no") {
    records.push_back({"SCREEN FAILURE", "SCREEN FAILURE", "DISPOSITION EVENT", state.screenings.back().date});
  }
  if (state.off_study) records.push_back({shortened(state.off_study->reason, kMaxTextLength), "", "DISPOSITION EVENT", state.off_study->date});
  if (state.died()) records.push_back({"DEATH", "DEATH", "DISPOSITION EVENT", state.vital_status->date});
  in_date_order(records);
  return records;
}

}  // namespace

std::vector<Dataset> disposition(const Study& study, const std::vector<Subject>& subjects) {
  Dataset dataset = subject_dataset("DS", "Disposition",
                                    {"DSSEQ", "DSTERM", "DSDECOD", "DSCAT", "EPOCH", "DSSTDTC", "DSSTDY"},
                                    {{"DSDECOD", 3}, {"DSSTDTC", 4}});
  add_subject_records(
      dataset, study, subjects, [](const Subject& subject) { return records_of(subject.state); },
      [&](RowBuilder& row, const Subject& subject, const DispositionRecord& record, int64_t) {
        row.set("DSTERM", record.term).set("DSDECOD", record.decoded).set("DSCAT", record.category);
        set_timing(row, study, subject, record.date, "DSSTDTC", "DSSTDY");
        if (record.category == "PROTOCOL MILESTONE") row.set("EPOCH", "SCREENING");
      });
  return {dataset};
}

}  // namespace trialcore::sdtm
