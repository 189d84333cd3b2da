// The adverse events a patient's labs propose: each lab recorded on treatment (from the
// first dose, before going off study) that the protocol's grading rules grade 1 or more,
// or cannot grade, with the term and grade it implies, whether the protocol reports that
// term, and the adverse event already recorded from it. Computed when read, never stored.
#pragma once

#include <optional>
#include <vector>

#include "protocol/protocol.h"
#include "safety/lab_grading.h"
#include "trial/patient_state.h"

namespace trialcore::trial {

struct LabProposal {
  int64_t observation = 0;  // the lab's event
  Date date;
  safety::LabGrade grade;
  std::optional<int64_t> recorded_as;  // the adverse event recorded from it
};

std::vector<LabProposal> lab_proposals(const Protocol& protocol, const PatientState& patient);
// The proposal of one of the patient's labs, as lab_proposals lists it, or nullopt.
std::optional<LabProposal> lab_proposal_of(const Protocol& protocol, const PatientState& patient,
                                           const ObservationEntry& observation);

// The grade of one recorded lab (any date), or nullopt when no rule grades its code.
std::optional<safety::LabGrade> grade_of_lab(const Protocol& protocol, const ObservationEntry& observation);

Json lab_proposal_json(const LabProposal& proposal);
Json lab_grade_json(const safety::LabGrade& grade);

}  // namespace trialcore::trial
