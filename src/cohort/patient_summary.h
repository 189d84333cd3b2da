// What the trial knows of one enrolled patient, for counts, targets, report subgroups and
// derived trial facts ("adults treated"): the record and the course of the trial so far.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "eligibility/screening.h"
#include "expr/evaluator.h"
#include "patient/patient_record.h"
#include "protocol/protocol.h"

namespace trialcore {

struct PatientSummary {
  patient::PatientRecord record;
  std::string period;
  std::optional<Date> enrolled_on;
  int courses_given = 0;
  std::optional<std::string> best_response;
  bool responder = false;
  bool off_study = false;
};

// The summary as the protocol's cohort expressions read it, as of `date`.
expr::FactValues cohort_fact_values(const Protocol& protocol, const PatientSummary& summary, Date date);

struct Count {
  int count = 0;
  std::vector<std::string> undecided;  // patients for whom the expression is unknown (not counted)
};

// The patients for whom `expression` (compiled in the protocol's cohort library) holds.
Count count_patients(const Protocol& protocol, const std::vector<PatientSummary>& patients,
                     const expr::Expression& expression, Date date);

// The protocol's derived trial facts ("adults_treated") computed from the patients.
TrialFactValues derived_trial_facts(const Protocol& protocol, const std::vector<PatientSummary>& patients, Date date);

}  // namespace trialcore
