// trialcore's own FHIR extensions: what a Bundle written by trialcore carries that no
// element of a base resource holds (a dose's course and day, a therapy's CNS direction, an
// eligibility waiver). The import reads the ones that are part of a patient record.
#pragma once

namespace trialcore::fhir {

inline constexpr const char* kExtensionCourse = "urn:trialcore:extension:course";
inline constexpr const char* kExtensionDay = "urn:trialcore:extension:day";
inline constexpr const char* kExtensionPlannedDose = "urn:trialcore:extension:planned-dose";
inline constexpr const char* kExtensionDosePerArea = "urn:trialcore:extension:dose-per-area";
inline constexpr const char* kExtensionBodySurfaceArea = "urn:trialcore:extension:body-surface-area";
inline constexpr const char* kExtensionCnsDirected = "urn:trialcore:extension:cns-directed";
inline constexpr const char* kExtensionWaiver = "urn:trialcore:extension:waiver";
// An adverse event's grade on the protocol's scale (CTCAE), the criteria that make it
// serious, the action taken with each drug, the date it resolved, the lab it came from.
inline constexpr const char* kExtensionGrade = "urn:trialcore:extension:grade";
inline constexpr const char* kExtensionSeriousCriterion = "urn:trialcore:extension:serious-criterion";
inline constexpr const char* kExtensionActionTaken = "urn:trialcore:extension:action-taken";
inline constexpr const char* kExtensionResolved = "urn:trialcore:extension:resolved";
// The identifier system of the trial's patient ids and of its events' sequence numbers.
inline constexpr const char* kPatientIdSystem = "urn:trialcore:patient";
inline constexpr const char* kEventSystem = "urn:trialcore:event";
// The code system of every Quantity's unit, both ways (UCUM).
inline constexpr const char* kUcum = "http://unitsofmeasure.org";

}  // namespace trialcore::fhir
