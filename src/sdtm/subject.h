// A subject as the SDTM domains read them: the patient's state in the trial, and the
// criteria as the engine screened them when they were enrolled. What every domain derives
// the same way is here: USUBJID, the study day of a date, the epoch a date falls in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "eligibility/screening.h"
#include "protocol/protocol.h"
#include "sdtm/sdtm_terms.h"
#include "trial/patient_state.h"
#include "usdm/study_design.h"

namespace trialcore::sdtm {

// One criterion's result in a recorded screening.
struct RecordedCriterion {
  std::string id;
  CriterionResult result = CriterionResult::kUnknown;
  std::string reason;
};

struct Subject {
  trial::PatientState state;
  // The screening recorded at enrollment (the latest one for a patient never enrolled);
  // empty when there was none.
  std::optional<Date> screened_on;
  std::vector<RecordedCriterion> criteria;
};

// What the domains share: the protocol, its study design, its terms.
struct Study {
  const Protocol& protocol;
  usdm::StudyDesign design;
  const SdtmTerms& terms;
  std::vector<std::string> criterion_codes;  // IETESTCD, in protocol order

  Study(const Protocol& protocol_in, const SdtmTerms& terms_in);
  // IETESTCD of a criterion id ("" when the protocol has no such criterion).
  std::string criterion_code(const std::string& id) const;
};

// STUDYID-SUBJID.
std::string usubjid(const Study& study, const Subject& subject);

// The first and last dates a dose was given (RFXSTDTC, RFXENDTC).
std::optional<Date> first_dose(const Subject& subject);
std::optional<Date> last_dose(const Subject& subject);

// The reference start (RFSTDTC) is the first dose; a date's study day counts from it: day 1
// is the first dose's day, the day before it is -1 (there is no day 0). Nothing before a dose.
std::optional<int64_t> study_day(const Subject& subject, Date date);

// The epoch a date falls in: SCREENING before the first dose, the course of the latest dose
// given on or before it, FOLLOW-UP after going off study.
std::string epoch_on(const Study& study, const Subject& subject, Date date);

// A number as text, without the noise of binary fractions ("0.8", not "0.80000000000000004").
std::string number_text(double value);
// A value rounded to what number_text shows.
double shown(double value);

}  // namespace trialcore::sdtm
