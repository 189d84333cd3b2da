// IE: the criteria a subject did not meet when the engine screened them for enrollment (a
// screen failure's failed criteria; an enrolled subject's waived ones), each as SDTM asks:
// an inclusion criterion answered N, an exclusion criterion answered Y. A waiver (who, when,
// why) has no IE variable: SUPPIE.
#include "sdtm/subject_domains.h"
#include "sdtm/supplemental.h"
#include "sdtm/text.h"
#include "usdm/terminology.h"

namespace trialcore::sdtm {

namespace {

const trial::WaiverEntry* waiver_of(const trial::PatientState& state, const std::string& criterion) {
  const trial::WaiverEntry* found = nullptr;
  for (const trial::WaiverEntry& waiver : state.waivers) {
    if (waiver.criterion == criterion) found = &waiver;
  }
  return found;
}

// A criterion a subject is reported for, and the protocol's criterion it is.
struct Exception {
  const RecordedCriterion* recorded;
  const Criterion* criterion;
};

// A subject never enrolled is reported for the criteria that failed; an enrolled one for
// those the investigator waived (every other criterion had to pass). A subject never
// screened has none.
std::vector<Exception> exceptions_of(const Study& study, const Subject& subject) {
  std::vector<Exception> exceptions;
  if (!subject.screened_on) return exceptions;
  bool enrolled = subject.state.enrolled();
  for (const RecordedCriterion& recorded : subject.criteria) {
    bool exception = recorded.result == CriterionResult::kWaived || (!enrolled && recorded.result == CriterionResult::kFail);
    const Criterion* criterion = study.protocol.find_criterion(recorded.id);
    if (exception && criterion) exceptions.push_back({&recorded, criterion});
  }
  return exceptions;
}

}  // namespace

std::vector<Dataset> eligibility_exceptions(const Study& study, const std::vector<Subject>& subjects) {
  Dataset dataset = subject_dataset("IE", "Inclusion/Exclusion Criteria Not Met",
                                    {"IESEQ", "IETESTCD", "IETEST", "IECAT", "IEORRES", "IESTRESC", "EPOCH", "IEDTC",
                                     "IEDY"},
                                    {{"IETESTCD", 3}});
  Supplemental supplemental("IE");
  add_subject_records(
      dataset, study, subjects, [&](const Subject& subject) { return exceptions_of(study, subject); },
      [&](RowBuilder& row, const Subject& subject, const Exception& exception, int64_t sequence) {
        const RecordedCriterion& recorded = *exception.recorded;
        bool inclusion = exception.criterion->kind == CriterionKind::kInclusion;
        std::string answer = inclusion ? "N" : "Y";
        row.set("IETESTCD", study.criterion_code(recorded.id));
        row.set("IETEST", shortened(exception.criterion->text, kMaxTextLength)).set("IECAT", inclusion ? usdm::inclusion_term().submission : usdm::exclusion_term().submission);
        row.set("IEORRES", answer).set("IESTRESC", answer);
        set_timing(row, study, subject, *subject.screened_on, "IEDTC", "IEDY");
        row.set("EPOCH", "SCREENING");  // decided before enrollment, even on the day of the first dose
        if (recorded.result == CriterionResult::kWaived) {
          const trial::WaiverEntry* waiver = waiver_of(subject.state, recorded.id);
          std::string text = waiver ? "waived by " + waiver->by + " on " + waiver->date.to_string() + ": " + waiver->reason
                                    : recorded.reason;
          supplemental.add(study, subject, "IESEQ", std::to_string(sequence), "IEWAIVER", "Criterion Waived", text, "COLLECTED");
        }
      });
  return {dataset, supplemental.dataset()};
}

}  // namespace trialcore::sdtm
