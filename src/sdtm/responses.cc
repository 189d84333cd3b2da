// RS: each marrow assessment's overall response as the protocol's rules classified it
// (derived), the investigator's adjudication of it where there is one (the accepted
// record), and the best overall response over the courses that count. The result is the
// protocol's category id; RSSTRESC is its SDTM term from the terms file.
#include <map>

#include "response/best_response.h"
#include "sdtm/subject_domains.h"
#include "sdtm/supplemental.h"
#include "trial/patient_view.h"

namespace trialcore::sdtm {

namespace {

constexpr const char* kCriteria = "PROTOCOL-DEFINED RESPONSE CRITERIA";

struct ResponseRecord {
  std::string testcd, test, result;
  Date date;
  int course = 0;
  bool derived = false;
  std::string evaluator;  // RSEVAL
  std::string accepted;   // RSACPTFL: "Y", "N", or "" when there is one record only
};

// A subject's records: each assessment's derived response, then the investigator's where
// adjudicated, and the best overall response last.
std::vector<ResponseRecord> records_of(const Study& study, const trial::PatientState& state) {
  std::map<int, const trial::AdjudicationEntry*> adjudicated;  // the latest of each course
  for (const trial::AdjudicationEntry& adjudication : state.adjudications) adjudicated[adjudication.course] = &adjudication;
  std::vector<ResponseRecord> records;
  for (const trial::AssessmentEntry& assessment : state.assessments) {
    auto decided = adjudicated.find(assessment.course);
    bool adjudication = decided != adjudicated.end();
    std::string computed = assessment.category.empty() ? study.protocol.response.not_evaluable : assessment.category;
    records.push_back({"OVRLRESP", "Overall Response", computed, assessment.date, assessment.course, true, "",
                       adjudication ? "N" : ""});
    if (adjudication) {
      // The investigator's response is of the same marrow: it has the assessment's date.
      records.push_back({"OVRLRESP", "Overall Response", decided->second->category, assessment.date, assessment.course,
                         false, "INVESTIGATOR", "Y"});
    }
  }
  if (!state.assessments.empty()) {
    response::BestResponse best = response::best_response(study.protocol.response, trial::assessments_of(study.protocol, state));
    if (best.date) records.push_back({"BESTRESP", "Best Overall Response", best.category, *best.date, best.course.value_or(0), true, "", ""});
  }
  return records;
}

}  // namespace

std::vector<Dataset> responses(const Study& study, const std::vector<Subject>& subjects) {
  Dataset dataset = subject_dataset("RS", "Disease Response and Clin Classification",
                                    {"RSSEQ", "RSTESTCD", "RSTEST", "RSCAT", "RSORRES", "RSSTRESC", "RSDRVFL",
                                     "RSEVAL", "RSACPTFL", "EPOCH", "RSDTC", "RSDY"},
                                    {{"RSTESTCD", 3}, {"RSDTC", 4}});
  Supplemental supplemental("RS");
  add_subject_records(
      dataset, study, subjects, [&](const Subject& subject) { return records_of(study, subject.state); },
      [&](RowBuilder& row, const Subject& subject, const ResponseRecord& record, int64_t sequence) {
        row.set("RSTESTCD", record.testcd).set("RSTEST", record.test).set("RSCAT", kCriteria);
        row.set("RSORRES", record.result).set("RSSTRESC", study.terms.response(record.result));
        row.set("RSDRVFL", record.derived ? "Y" : "").set("RSEVAL", record.evaluator).set("RSACPTFL", record.accepted);
        set_timing(row, study, subject, record.date, "RSDTC", "RSDY");
        if (record.course > 0) {
          supplemental.add(study, subject, "RSSEQ", std::to_string(sequence), "RSCOURSE",
                           record.testcd == "BESTRESP" ? "Course of the Best Response" : "Course Assessed",
                           std::to_string(record.course), record.derived ? "DERIVED" : "COLLECTED");
        }
      });
  return {dataset, supplemental.dataset()};
}

}  // namespace trialcore::sdtm
