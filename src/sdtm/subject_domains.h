// SDTM's subject domains, from each subject's state: DM (demographics, arm, reference dates,
// death), EX (every dose), LB (every laboratory value), RS (each response assessment and the
// best overall response), DS (consent, enrollment, screen failure, off study, death), IE
// (criteria not met or waived at enrollment), DV (protocol deviations and their
// explanations), AE (adverse events), and the SUPP-- datasets of values that have no variable. Subjects are the
// patients who signed consent, in id order; --SEQ counts each subject's records.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "sdtm/dataset.h"
#include "sdtm/subject.h"
#include "sdtm/variables.h"

namespace trialcore::sdtm {

// Each builder returns its domain, then its SUPP-- dataset when it has one.
std::vector<Dataset> demographics(const Study& study, const std::vector<Subject>& subjects);
std::vector<Dataset> exposure(const Study& study, const std::vector<Subject>& subjects);
std::vector<Dataset> laboratory(const Study& study, const std::vector<Subject>& subjects);
std::vector<Dataset> responses(const Study& study, const std::vector<Subject>& subjects);
std::vector<Dataset> disposition(const Study& study, const std::vector<Subject>& subjects);
std::vector<Dataset> eligibility_exceptions(const Study& study, const std::vector<Subject>& subjects);
std::vector<Dataset> deviations(const Study& study, const std::vector<Subject>& subjects);
std::vector<Dataset> adverse_events(const Study& study, const std::vector<Subject>& subjects);

// The patients who are SDTM subjects: those who signed consent.
bool is_subject(const trial::PatientState& state);

// Starts a subject dataset: STUDYID, DOMAIN, USUBJID, then the variables `names` (declared
// in variables.h), with STUDYID and USUBJID the first two keys and then `keys`.
Dataset subject_dataset(const std::string& name, const std::string& label, std::vector<std::string> names,
                        std::vector<Key> keys = {});
// A row with STUDYID, DOMAIN and USUBJID set.
RowBuilder subject_row(const Dataset& dataset, const Study& study, const Subject& subject);
// Sets a record's timing: EPOCH (the epoch of `date`), its date variable (`dtc`, e.g. LBDTC)
// and its study day (`dy`, e.g. LBDY; left missing before any dose).
void set_timing(RowBuilder& row, const Study& study, const Subject& subject, Date date, const std::string& dtc,
                const std::string& dy);

// Puts a subject's records (each with a `date`) in date order; those of one date stay in
// the order they were found in.
template <class Record>
void in_date_order(std::vector<Record>& records) {
  std::stable_sort(records.begin(), records.end(), [](const Record& a, const Record& b) { return a.date < b.date; });
}

// Adds each subject's records to `dataset`, one row a record: `records_of(subject)` lists a
// subject's records in their order, and `fill(row, subject, record, sequence)` sets the
// record's variables on a row whose STUDYID, DOMAIN, USUBJID and --SEQ are set (--SEQ
// counting the subject's records from 1; `sequence` is it, for the SUPP-- records that
// point at the record).
template <class RecordsOf, class Fill>
void add_subject_records(Dataset& dataset, const Study& study, const std::vector<Subject>& subjects,
                         const RecordsOf& records_of, const Fill& fill) {
  const std::string sequence_variable = dataset.name + "SEQ";
  for (const Subject& subject : subjects) {
    int64_t sequence = 0;
    for (const auto& record : records_of(subject)) {
      RowBuilder row = subject_row(dataset, study, subject);
      row.set(sequence_variable, ++sequence);
      fill(row, subject, record, sequence);
      dataset.rows.push_back(row.row());
    }
  }
}

}  // namespace trialcore::sdtm
