// The trial's record as a FHIR R4 Bundle, read from the patients' typed state (never the
// store's rows) and the protocol: the ResearchStudy (registry identifier, title, phase,
// status, arms = periods, enrollment as a Group), and for each patient the Patient, the
// facts of the registered record (through the mapping, so the import reads them back),
// the ResearchSubject (status, arm, consent), every dose as a MedicationAdministration
// (mg given, the plan's mg/m2 and BSA, course and day), labs, height and weight and each
// response assessment as Observations, and a Provenance (who, when) for each recorded event
// that carries its stamp.
#pragma once

#include <string>
#include <vector>

#include "base/json_fields.h"
#include "fhir/fhir_mapping.h"
#include "protocol/protocol.h"
#include "trial/patient_state.h"

namespace trialcore::fhir {

struct ExportedBundle {
  Json bundle;
  std::vector<std::string> not_exported;  // facts the mapping cannot write, each named
};

// `enrolled_in_trial`: the trial's enrollment count (the whole record's, also when the
// Bundle holds one patient). `timestamp`: the Bundle's, an instant ("2026-11-25T09:30:00Z").
Result<ExportedBundle> export_bundle(const Protocol& protocol, const FhirMapping& mapping,
                                     const std::vector<trial::PatientState>& patients, int enrolled_in_trial,
                                     const std::string& timestamp);

// The Bundle of the whole record's `states`, or of the one patient `only` names (empty:
// all); the enrollment count is the whole record's. An Error about "patient" (not found)
// when the record has no such patient.
Result<ExportedBundle> export_record_bundle(const Protocol& protocol, const FhirMapping& mapping,
                                            std::vector<trial::PatientState> states, const std::string& only,
                                            const std::string& timestamp);

}  // namespace trialcore::fhir
