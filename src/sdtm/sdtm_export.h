// The trial's SDTM datasets: the trial design domains from the protocol, the subject domains
// from the record, and where they come from: each subject's state and the screening
// recorded when they were enrolled.
#pragma once

#include <vector>

#include "sdtm/dataset.h"
#include "sdtm/sdtm_terms.h"
#include "sdtm/subject.h"
#include "trial/trial_service.h"

namespace trialcore::sdtm {

// Every dataset with at least one record (SDTM submits no empty dataset), in the order
// TA, TE, TV, TI, TS, DM, SUPPDM, DS, IE, SUPPIE, EX, SUPPEX, LB, RS, SUPPRS, DV, SUPPDV;
// each passes check_dataset. An Error names what does not read (a registry member).
Result<std::vector<Dataset>> sdtm_datasets(const Protocol& protocol, const SdtmTerms& terms,
                                           const std::vector<Subject>& subjects);

// The subjects of the record (the patients who signed consent, in id order), each with the
// screening recorded when they were enrolled (or their latest).
Result<std::vector<Subject>> subjects_of(trial::TrialService& service);

// The criteria of a recorded screening ({"criteria": [{"id", "result", "reason"}]}, as the
// screening event holds it). An Error names the member that does not read.
Result<std::vector<RecordedCriterion>> recorded_criteria(const Json& screening);

}  // namespace trialcore::sdtm
