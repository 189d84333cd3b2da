// What the protocol makes of a patient's recorded facts (their PatientState): the record as
// screening reads it, the treatment plan request, the course assessments with
// adjudications applied, courses given, best response, signals, open deviations, and the
// summary the trial's counts use. Computed when read, from the state and the protocol.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cohort/patient_summary.h"
#include "protocol/protocol.h"
#include "response/best_response.h"
#include "treatment/dose_check.h"
#include "trial/patient_state.h"

namespace trialcore::trial {

// The patient record with the observations and waivers recorded since registration.
Result<patient::PatientRecord> record_of(const Protocol& protocol, const PatientState& state);

std::vector<treatment::BodyMeasurement> body_of(const PatientState& state);
// A recorded dose as the plan's checks take it, named by the event that recorded it.
treatment::Administration administration_of(const DoseEntry& dose);
std::vector<treatment::Administration> administrations_of(const PatientState& state);

// The plan the patient's doses follow: their period, day 1 of course 1 (the first day-1
// dose given, else the enrollment date), the body measured, the add-ons started.
Result<treatment::PlanRequest> plan_request_of(const Protocol& protocol, const PatientState& state);

// Each marrow assessment's response, the investigator's adjudication replacing the
// computed category for its course.
std::vector<response::CourseAssessment> assessments_of(const Protocol& protocol, const PatientState& state);

int courses_given(const PatientState& state);

struct Derived {
  int courses_given = 0;
  response::BestResponse best;
  std::vector<const response::Signal*> signals;   // not yet answered by starting their add-on
  std::vector<int64_t> open_deviations;           // dose events with deviations not explained
  // Where the protocol requires a pharmacist's verification: doses given without one.
  std::vector<const DoseEntry*> unverified_doses;
};

// The pharmacist's verification of a given dose: the latest of its course, day and drug
// recorded before it; nullptr when there is none.
const VerificationEntry* verification_of(const PatientState& state, const DoseEntry& dose);

// {"verified_by": the pharmacist or null, "unverified": true when the protocol requires a
// verification and there was none}, added to a dose's JSON.
void mark_verification(const Protocol& protocol, const PatientState& state, const DoseEntry& dose, Json& entry);

Derived derive(const Protocol& protocol, const PatientState& state);

// The summary the trial's counts and report read; `record` may fail to parse if the
// protocol changed: the Error says so.
Result<PatientSummary> summary_of(const Protocol& protocol, const PatientState& state);

}  // namespace trialcore::trial
